/** The learner's path (role, current level, target level), in global state synced across machines. */
import * as vscode from 'vscode';
import type { MyPath } from '../core/tree/model';

const KEY = 'learningPaths.path.v1';

export class PathStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<MyPath | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }) {
    state.setKeysForSync([KEY]);
    void vscode.commands.executeCommand('setContext', 'learningPaths.hasPath', this.get() !== undefined);
  }

  get(): MyPath | undefined {
    const v = this.state.get<unknown>(KEY);
    if (typeof v !== 'object' || v === null) return undefined;
    const p = v as Partial<MyPath>;
    return typeof p.role === 'string' && typeof p.current === 'string' && typeof p.target === 'string' ? { role: p.role, current: p.current, target: p.target } : undefined;
  }

  async set(path: MyPath | undefined): Promise<void> {
    await this.state.update(KEY, path);
    await vscode.commands.executeCommand('setContext', 'learningPaths.hasPath', path !== undefined);
    this.changed.fire(path);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
