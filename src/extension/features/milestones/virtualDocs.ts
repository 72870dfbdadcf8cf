/**
 * Read-only virtual documents (hints as Markdown, reference solutions for the diff editor): a
 * TextDocumentContentProvider for one URI scheme over an in-memory map. Nothing is written to disk.
 */
import * as vscode from 'vscode';

export class VirtualDocs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration: vscode.Disposable;

  constructor(readonly scheme: string) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  /** Sets the content of a document of this scheme and tells open editors. */
  set(path: string, content: string, query = ''): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path, query });
    this.contents.set(uri.toString(), content);
    this.emitter.fire(uri);
    return uri;
  }

  /** Like `set`, and resolves once an open document of that URI shows the new content (at most 2 s). */
  async update(path: string, content: string, query = ''): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: this.scheme, path, query });
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!open || open.getText() === content) return this.set(path, content, query);
    const updated = new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
      const listener = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === uri.toString() && e.document.getText() === content) finish();
      });
      const timer = setTimeout(finish, 2000);
    });
    this.set(path, content, query);
    await updated;
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.contents.clear();
  }
}
