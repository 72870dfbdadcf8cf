/**
 * The skill page's HTML shell: a strict Content Security Policy, the stylesheets and the nonce'd
 * script. Pure, so its policy is unit-tested. The body is empty until the script renders the model.
 */

export interface SkillPageHtmlInput {
  /** webview.cspSource */
  cspSource: string;
  /** A fresh random nonce for this document. */
  nonce: string;
  /** asWebviewUri of dist/webview.js, media/skillPage.css and the codicon stylesheet. */
  scriptUri: string;
  styleUri: string;
  codiconUri: string;
  /** The skill's title (catalog text: escaped here). */
  title: string;
  /** "Loading…", translated by the host. */
  loading: string;
  /** The editor's display language (vscode.env.language), for screen readers and hyphenation. */
  lang?: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`, `img-src ${cspSource}`].join('; ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** For a double-quoted attribute value: the policy's single quotes stay readable. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

export function skillPageHtml(i: SkillPageHtmlInput): string {
  const a = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="${a(i.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(i.cspSource, i.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${a(i.codiconUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${a(i.styleUri)}">
<title>${escapeHtml(i.title)}</title>
</head>
<body>
<div id="app" aria-busy="true"><p class="loading">${escapeHtml(i.loading)}</p></div>
<script nonce="${a(i.nonce)}" src="${a(i.scriptUri)}"></script>
</body>
</html>`;
}
