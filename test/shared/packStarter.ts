// A small starter for a content pack (`<pack>/starters/team-add/`), in the built-in format: one
// exercise (stub, pytest test, hint, reference solution) that Debian's python3 can run. Used by
// the integration tests of pack starters (normal and Restricted Mode).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PACK_STARTER = 'team-add';
export const PACK_EXERCISE = 'add-numbers';

export const PACK_STARTER_MANIFEST = `id: ${PACK_STARTER}
version: 1
title: Team adder
description: The team's own first exercise.
skill: pytorch
level: junior
roles: [ml-engineer]
defaultName: team_project
smokeCommand: "python -m {{package}}.main"
runCommand: "python -m {{package}}.main"
testCommand: "python -m pytest -q"
milestones:
  - id: ${PACK_EXERCISE}
    title: Add two numbers
    done: add() returns the sum.
    file: "{{package}}/main.py"
    serves:
      - {skill: pytorch, role: ml-engineer, level: junior}
    check: {kind: tests, path: milestones/test_add_numbers.py}
    hints: [Return the sum.]
`;

/** Writes the starter into `<starters>/team-add/`; `extraFiles` (path → text, below files/) are added to the project. */
export function writePackStarter(starters: string, extraFiles: Record<string, string> = {}): void {
  const dir = join(starters, PACK_STARTER);
  const file = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  file('files/pytest.ini', '[pytest]\npythonpath = .\n');
  file('files/{{package}}/__init__.py', '');
  file('files/{{package}}/main.py', `def add(a, b):\n    # TODO(milestone: ${PACK_EXERCISE}): return the sum\n    raise NotImplementedError("add() is not written yet")\n`);
  file('files/milestones/test_add_numbers.py', 'from {{package}}.main import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n');
  file(`solutions/${PACK_EXERCISE}/{{package}}/main.py`, 'def add(a, b):\n    return a + b\n');
  for (const [path, text] of Object.entries(extraFiles)) file(`files/${path}`, text);
  // template.yaml last: the starter is complete when the watcher sees it
  file('template.yaml', PACK_STARTER_MANIFEST);
}
