/** Escapes text for a Markdown paragraph or table cell of the progress report. */
export function md(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<|#])/g, '\\$1');
}
