// Reference solutions (core/verify/solution): an overlay file with a bad path is refused, and
// merging an exercise's solution into the learner's file keeps the learner's edits elsewhere.
import * as assert from 'node:assert/strict';
import { mergeSolution, renderSolution } from '../../src/core/verify/solution';
import type { Template } from '../../src/core/scaffold/types';

/** Twenty numbered lines, `line0` to `line19`, each ending in a newline. */
const lines = (): string => Array.from({ length: 20 }, (_, i) => `line${i}\n`).join('');

describe('reference solutions (core/verify/solution)', () => {
  let template: Template;
  beforeEach(() => {
    template = {
      manifest: { id: 't', version: 1, title: 'T', description: 'd', skill: 's', level: 'junior', roles: ['r'], defaultName: 'p', smokeCommand: 's', runCommand: 'r', testCommand: 't', milestones: [] },
      files: [{ path: '{{package}}/calc.py', content: 'raise NotImplementedError\n' }],
      solutions: [
        { milestone: 'escape', files: [{ path: '{{package}}/../../calc.py', content: 'x\n' }] },
        { milestone: 'absolute', files: [{ path: '/etc/{{package}}.py', content: 'x\n' }] },
      ],
    };
  });

  it('refuses a solution file whose rendered path leaves the project, naming the file as written', () => {
    assert.throws(() => renderSolution(template, 'escape', 'mycalc'), { message: 'solution file "{{package}}/../../calc.py": ".." would leave the project folder' });
    assert.throws(() => renderSolution(template, 'absolute', 'mycalc'), { message: 'solution file "/etc/{{package}}.py": absolute paths are not allowed' });
  });

  it('a file the learner has not touched, or that is not in the starter, becomes the reference', () => {
    assert.deepEqual(mergeSolution('a\nb\n', 'a\nb\n', 'a\nB\n'), { ok: true, content: 'a\nB\n' });
    assert.deepEqual(mergeSolution(undefined, 'mine\n', 'ref\n'), { ok: true, content: 'ref\n' });
    assert.deepEqual(mergeSolution('a\n', undefined, 'ref\n'), { ok: true, content: 'ref\n' });
  });

  it('a file that already is the reference stays as it is', () => {
    // Not patched again: applying the starter-to-reference change twice would fail or duplicate it.
    assert.deepEqual(mergeSolution('a\nb\n', 'a\nB\n', 'a\nB\n'), { ok: true, content: 'a\nB\n' });
    const scaffolded = 'def f():\n    raise NotImplementedError\n';
    const reference = 'def f():\n    return 1\n\ndef g():\n    return 2\n';
    assert.deepEqual(mergeSolution(scaffolded, reference, reference), { ok: true, content: reference });
  });

  it('merges the solution into the learner\'s edited file, keeping the learner\'s other lines', () => {
    const scaffolded = lines();
    const reference = scaffolded.replace('line10\n', 'SOLVED\n');
    const current = scaffolded.replace('line0\n', 'mine0\n').replace('line19\n', 'mine19\n');
    assert.deepEqual(mergeSolution(scaffolded, current, reference), { ok: true, content: current.replace('line10\n', 'SOLVED\n') });
  });

  it('tolerates the learner\'s edits in the lines around the solution (up to two of them)', () => {
    const scaffolded = lines();
    const reference = scaffolded.replace('line10\n', 'SOLVED\n');
    // line7 is a context line of the solution's hunk (three lines of context each side).
    const current = scaffolded.replace('line7\n', 'mine7\n');
    assert.deepEqual(mergeSolution(scaffolded, current, reference), { ok: true, content: 'line0\nline1\nline2\nline3\nline4\nline5\nline6\nmine7\nline8\nline9\nSOLVED\nline11\nline12\nline13\nline14\nline15\nline16\nline17\nline18\nline19\n' });
  });

  it('keeps three lines of context: two exercises seven lines apart merge apart, around the learner\'s edits between and beyond them', () => {
    const scaffolded = lines();
    const reference = scaffolded.replace('line5\n', 'SOLVED5\n').replace('line13\n', 'SOLVED13\n');
    const current = scaffolded.replace('line1\n', 'mine1\n').replace('line9\n', 'mine9\n').replace('line17\n', 'mine17\n');
    assert.deepEqual(mergeSolution(scaffolded, current, reference), { ok: true, content: current.replace('line5\n', 'SOLVED5\n').replace('line13\n', 'SOLVED13\n') });
  });

  it('fails when the learner changed the lines the solution replaces', () => {
    const scaffolded = lines();
    const reference = scaffolded.replace('line10\n', 'SOLVED\n');
    assert.deepEqual(mergeSolution(scaffolded, scaffolded.replace('line10\n', 'my attempt\n'), reference), { ok: false });
  });
});
