/** Requires dist/solutionMerge.js on first use, so the `diff` package stays out of dist/main.js (scripts/build.mjs). */
type SolutionMerge = typeof import('./solutionMerge');

let loaded: SolutionMerge | undefined;

export function loadSolutionMerge(): SolutionMerge {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./solutionMerge.js') as SolutionMerge);
}
