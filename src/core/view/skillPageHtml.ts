import { INITIAL_MESSAGE_ID } from '../../shared/protocol';

/**
 * The skill page's HTML shell: a strict Content Security Policy, the stylesheet and the nonce'd
 * script. Pure, so its policy is unit-tested. The body is empty until the script renders the model.
 * The first `render` message can ride along as data (a non-executable `application/json` block the
 * script reads as text), so a new page renders without waiting for a round trip to the host.
 * The stylesheet and the script are inlined (nonce'd), so a new page fetches nothing before its
 * first frame: each request from a webview goes through its service worker (35–40 ms here), and
 * the page has no fonts or images (its icons are inline SVG).
 */

export interface SkillPageHtmlInput {
  /** webview.cspSource */
  cspSource: string;
  /** A fresh random nonce for this document. */
  nonce: string;
  /** asWebviewUri of dist/webview.js and media/skillPage.css: loaded only when their text cannot be inlined. */
  scriptUri: string;
  /**
   * The text of dist/webview.js, to inline in the head as the nonce'd script, after the inlined
   * stylesheet (no fetch). Ignored when it could close its element (then scriptUri is loaded).
   */
  scriptText?: string;
  styleUri: string;
  /** The text of media/skillPage.css, inlined as a nonce'd <style> (ignored when it could close its element). */
  styleText?: string;
  /** The skill's title (catalog text: escaped here). */
  title: string;
  /** "Loading…", translated by the host. */
  loading: string;
  /** The editor's display language (vscode.env.language), for screen readers and hyphenation. */
  lang?: string;
  /** The first `render` message, embedded as JSON data (read with textContent, never executed). */
  initial?: unknown;
}

/**
 * Scripts only with the document's nonce; styles with the nonce or from the extension's own files
 * (the fallback when the stylesheet is not inlined; components' constructed stylesheets need no
 * source). Nothing else: no fonts, images, frames or connections.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}' ${cspSource}`].join('; ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** For a double-quoted attribute value: the policy's single quotes stay readable. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/**
 * JSON for a `<script type="application/json">` data block: every `<`, `>`, `&` (and U+2028/2029) is escaped
 * as a JSON unicode escape, so no catalog string can close the element or open a comment or tag.
 */
export function jsonDataBlock(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text, if it can sit inside a <tag> element: nothing in it may close the element or open a comment. */
function inlinable(text: string | undefined, tag: 'script' | 'style'): string | undefined {
  return text !== undefined && !new RegExp(`</${tag}|<!--`, 'i').test(text) ? text : undefined;
}

export function skillPageHtml(i: SkillPageHtmlInput): string {
  const a = escapeAttribute;
  const inline = inlinable(i.scriptText, 'script');
  const style = inlinable(i.styleText, 'style');
  return `<!DOCTYPE html>
<html lang="${a(i.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(i.cspSource, i.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${style === undefined ? `<link rel="stylesheet" href="${a(i.styleUri)}">` : `<style nonce="${a(i.nonce)}">${style}</style>`}
${inline === undefined ? '' : `<script nonce="${a(i.nonce)}">${inline}</script>\n`}<title>${escapeHtml(i.title)}</title>
</head>
<body>
<div id="app" aria-busy="true"><p class="loading">${escapeHtml(i.loading)}</p></div>
${i.initial === undefined ? '' : `<script type="application/json" id="${INITIAL_MESSAGE_ID}">${jsonDataBlock(i.initial)}</script>\n`}${inline === undefined ? `<script nonce="${a(i.nonce)}" src="${a(i.scriptUri)}"></script>\n` : ''}</body>
</html>`;
}
