// The byte budget of a pack's starters (src/core/scaffold/packStarters.ts readPackStarters): what
// counts (files and reference solutions), where the limit falls, and what is skipped beside them.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPackStarters, MAX_STARTERS_PER_PACK, readPackStarters } from '../../src/core/scaffold/packStarters';
import { bundledIndex } from './helpers';
import type { Template } from '../../src/core/scaffold/types';

const manifest = (id: string) => `id: ${id}
version: 1
title: Team starter ${id}
description: A team's own exercise.
skill: pytorch
level: junior
roles: [ml-engineer]
defaultName: team_project
smokeCommand: "python -m {{package}}.main --smoke"
runCommand: "python -m {{package}}.main"
testCommand: "python -m pytest -q"
milestones:
  - id: add-numbers
    title: Add two numbers
    done: add() returns the sum.
    file: "{{package}}/main.py"
    serves:
      - {skill: pytorch, role: ml-engineer, level: junior}
    check: {kind: tests, path: milestones/test_add_numbers.py}
`;

const MAIN = 'def add(a, b):\n    raise NotImplementedError\n'; // 45 characters
const TEST = 'from {{package}}.main import add\n'; // 33 characters
const SOLVED = 'def add(a, b):\n    return a + b\n'; // 32 characters

function writeStarter(pack: string, id: string, withSolution = true): void {
  const dir = join(pack, 'starters', id);
  mkdirSync(join(dir, 'files', '{{package}}'), { recursive: true });
  mkdirSync(join(dir, 'files', 'milestones'), { recursive: true });
  writeFileSync(join(dir, 'template.yaml'), manifest(id));
  writeFileSync(join(dir, 'files', '{{package}}', 'main.py'), MAIN);
  writeFileSync(join(dir, 'files', 'milestones', 'test_add_numbers.py'), TEST);
  if (withSolution) {
    mkdirSync(join(dir, 'solutions', 'add-numbers', '{{package}}'), { recursive: true });
    writeFileSync(join(dir, 'solutions', 'add-numbers', '{{package}}', 'main.py'), SOLVED);
  }
}

const ids = (ts: readonly Template[]) => ts.map((t) => t.manifest.id);
const warnings = (r: ReturnType<typeof readPackStarters>) => r.diagnostics.map((d) => `${d.severity}: ${d.message}`);

describe("a pack's starter byte budget (core/scaffold/packStarters)", () => {
  let pack: string;
  beforeEach(() => {
    pack = mkdtempSync(join(tmpdir(), 'lp-budget-'));
  });
  afterEach(() => rmSync(pack, { recursive: true, force: true }));

  it('counts the files and the reference solutions of each starter read; the limit is reached at equality', () => {
    assert.equal(MAIN.length + TEST.length + SOLVED.length, 110);
    for (const id of ['a-first', 'b-second', 'c-third']) writeStarter(pack, id);
    const atLimit = readPackStarters(pack, { maxBytes: 110 });
    assert.deepEqual(ids(atLimit.starters), ['a-first']);
    assert.deepEqual(warnings(atLimit), ['warning: the starters read so far hold 110 bytes, the limit for one pack; "b-second" and the rest are not read']);
    const above = readPackStarters(pack, { maxBytes: 111 });
    assert.deepEqual(ids(above.starters), ['a-first', 'b-second']);
    assert.deepEqual(warnings(above), ['warning: the starters read so far hold 220 bytes, the limit for one pack; "c-third" and the rest are not read']);
    assert.deepEqual(atLimit.diagnostics.map((d) => d.file), [join(pack, 'starters')]);
  });

  it('a starter without reference solutions counts its files only', () => {
    writeStarter(pack, 'a-first', false);
    writeStarter(pack, 'b-second', false);
    const r = readPackStarters(pack, { maxBytes: 79 });
    assert.deepEqual(ids(r.starters), ['a-first', 'b-second']);
    assert.deepEqual(warnings(r), []);
    assert.equal(r.starters[0]?.solutions, undefined);
    const atLimit = readPackStarters(pack, { maxBytes: 78 });
    assert.deepEqual(ids(atLimit.starters), ['a-first']);
    assert.deepEqual(warnings(atLimit), ['warning: the starters read so far hold 78 bytes, the limit for one pack; "b-second" and the rest are not read']);
  });

  it('past the cap of starters: a warning, not an error', () => {
    for (let i = 0; i <= MAX_STARTERS_PER_PACK; i++) mkdirSync(join(pack, 'starters', `s${String(i).padStart(3, '0')}`), { recursive: true });
    const last = readPackStarters(pack).diagnostics.at(-1);
    assert.deepEqual([last?.severity, last?.message, last?.file], ['warning', `more than ${MAX_STARTERS_PER_PACK} starters in this pack; the rest are not read`, join(pack, 'starters')]);
  });

  it('loadPackStarters leaves out a pack that is not inside its `within` folder', () => {
    writeStarter(pack, 'a-first');
    const elsewhere = mkdtempSync(join(tmpdir(), 'lp-budget-ws-'));
    try {
      const catalog = bundledIndex().catalog;
      assert.deepEqual(loadPackStarters([{ path: pack, within: elsewhere }], catalog), { starters: [], diagnostics: [] });
      assert.deepEqual(ids(loadPackStarters([{ path: pack, within: pack }], catalog).starters), ['a-first']);
      assert.deepEqual(ids(loadPackStarters([{ path: pack }], catalog).starters), ['a-first']);
      const file = join(pack, 'starters', 'a-first', 'template.yaml');
      const edited = loadPackStarters([{ path: pack }], catalog, new Map([[file, manifest('a-first').replace('skill: pytorch', 'skill: no-such-skill')]]));
      assert.deepEqual(edited.starters, [], 'unsaved edits are read instead of the file');
      assert.deepEqual(edited.diagnostics.map((d) => `${d.file}: ${d.field}: ${d.message}`), [`${file}: skill: unknown skill id "no-such-skill"`]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('skips files and dot-folders beside the starters, and marks each starter with its pack', () => {
    writeStarter(pack, 'a-first');
    writeFileSync(join(pack, 'starters', 'README.md'), 'our starters');
    mkdirSync(join(pack, 'starters', '.b-being-written'));
    const r = readPackStarters(pack);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.starters.map((t) => [t.manifest.id, t.pack]), [['a-first', pack]]);
  });
});
