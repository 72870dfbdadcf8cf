// Reading test counts out of mocha's output, for the plain closing line
// ("integration: N passed, N failed") that CI reads.

export interface Counts {
  passed: number;
  failed: number;
  pending: number;
}

/** Printed by test/integration/index.ts when run() starts (keep in sync with START_MARKER there). */
export const INTEGRATION_START_MARKER = 'LP_INTEGRATION_START';

/** Keep in sync with RESULT_PREFIX in test/integration/index.ts. */
export const INTEGRATION_RESULT_PREFIX = 'LP_INTEGRATION_RESULT ';

/** Counts from the result line printed by test/integration/index.ts, if present. */
export function parseResultLine(line: string): Counts | undefined {
  const at = line.indexOf(INTEGRATION_RESULT_PREFIX);
  if (at < 0) return undefined;
  try {
    const value = JSON.parse(line.slice(at + INTEGRATION_RESULT_PREFIX.length).trim()) as Partial<Counts>;
    if (typeof value.passed !== 'number' || typeof value.failed !== 'number') return undefined;
    return { passed: value.passed, failed: value.failed, pending: value.pending ?? 0 };
  } catch {
    return undefined;
  }
}

/** Counts from mocha's standard summary ("3 passing", "1 failing", "2 pending"), if present. */
export function parseMochaSummary(output: string): Counts | undefined {
  const grab = (word: string) => {
    const matches = [...output.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    const last = matches.at(-1);
    return last ? Number(last[1]) : undefined;
  };
  const passed = grab('passing');
  const failed = grab('failing');
  if (passed === undefined && failed === undefined) return undefined;
  return { passed: passed ?? 0, failed: failed ?? 0, pending: grab('pending') ?? 0 };
}

/** The closing line CI reads: "<label>: N passed, N failed[, N skipped]". */
export function summaryLine(label: string, counts: Counts): string {
  return `${label}: ${counts.passed} passed, ${counts.failed} failed${counts.pending ? `, ${counts.pending} skipped` : ''}`;
}
