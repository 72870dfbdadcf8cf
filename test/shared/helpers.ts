/**
 * Helpers shared by the three test layers (unit in Node, integration in the extension host, UI
 * driving a workbench) and the bench: waiting for a condition, and the hostile content pack.
 * No `vscode`, no playwright: every layer can import it. UI setup (a workbench per suite) is
 * `useWorkbench` in test/ui/fixture.ts, the one place that launches a browser.
 */

/**
 * Polls `get` until it returns something other than undefined or false, and resolves with that
 * value; rejects after `timeoutMs` with "timed out after N ms waiting for <what>".
 */
export async function waitFor<T>(what: string, get: () => T | undefined | false | Promise<T | undefined | false>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Markup that must stay text: a script, an image with an onerror handler, a javascript: link, each setting `marker` when it runs. */
export function hostileMarkup(run: (what: string) => string): string {
  return `<script>${run('script')}</script><img src=x onerror="${run('img')}"> <a href="javascript:${run('link')}">click me</a>`;
}

export const HOSTILE_SKILL_ID = 'hostile-skill';

/**
 * A content pack (YAML) whose every text field carries `evil`: one skill, `hostile-skill`, for
 * the ML Engineer at Junior (required) and Middle, with a practice project and an interview
 * question, so every section of the skill page renders it.
 */
export function hostilePackYaml(evil: string): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    'skills:',
    `  - id: ${HOSTILE_SKILL_ID}`,
    `    title: ${q(`Hostile ${evil}`)}`,
    `    summary: ${q(evil)}`,
    `    tags: [${q(evil)}]`,
    '    roles: [ml-engineer]',
    '    expectations:',
    `      - { role: ml-engineer, level: junior, required: true, text: ${q(evil)} }`,
    `      - { role: ml-engineer, level: middle, required: true, text: ${q(`Next ${evil} javascript:alert(1)`)} }`,
    '    practiceProjects:',
    `      - { id: p, title: ${q(evil)}, difficulty: intermediate, scenario: ${q(evil)}, steps: [${q(evil)}] }`,
    '    interviewQuestions:',
    `      - { id: q, question: ${q(evil)}, strategy: ${q(evil)}, sampleAnswer: ${q(evil)} }`,
    '',
  ].join('\n');
}
