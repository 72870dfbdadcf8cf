/** The platform floor for the skill page's paint figures: an empty webview, in the same extension host. */
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

/**
 * The floor: an empty webview whose one script reports its first frame the way the skill page
 * does (after a frame, a task and another frame). Resolves with ms from createWebviewPanel to
 * that report, as the host sees it.
 */
export async function openFloor(): Promise<number> {
  const nonce = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  const t = performance.now();
  const panel = vscode.window.createWebviewPanel('benchFloor.empty', 'Floor', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
  const painted = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the floor webview never painted')), 30_000);
    const sub = panel.webview.onDidReceiveMessage(() => {
      clearTimeout(timer);
      sub.dispose();
      resolve(performance.now() - t);
    });
  });
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'"></head><body><script nonce="${nonce}">const api = acquireVsCodeApi(); requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => api.postMessage('painted')), 0));</script></body></html>`;
  return painted;
}
