// Entry of dist/solutionMerge.js: rendering and merging reference solutions (with the `diff`
// package), loaded only when the learner compares with a reference solution (loadSolutionMerge.ts).
export { mergeSolution, renderSolution, scaffoldedContent } from '../core/verify/solution';
