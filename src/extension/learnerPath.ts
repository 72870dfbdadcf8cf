/** The learner's path (role, current level, target level), in global state synced across machines. */
import * as vscode from 'vscode';
import type { MyPath } from '../core/tree/model';
import { setContext } from './commands';
import { readState, syncedKeys, writeState } from './state';

export class LearnerPathStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<MyPath | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: Pick<vscode.ExtensionContext, 'globalState' | 'workspaceState'>) {
    context.globalState.setKeysForSync(syncedKeys());
    void setContext('learningPaths.hasPath', this.get() !== undefined);
  }

  get(): MyPath | undefined {
    return readState(this.context, 'learnerPath');
  }

  async set(path: MyPath | undefined): Promise<void> {
    await writeState(this.context, 'learnerPath', path);
    await setContext('learningPaths.hasPath', path !== undefined);
    this.changed.fire(path);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
