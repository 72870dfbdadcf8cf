/**
 * Stand-in for the authoring skeleton (issue 22, point 3): the files of a new starter, relative to
 * its folder `starters/<id>/`. The real version (with hints, a solution and two mutants that pass
 * `starters verify`) comes from branch h22a; this one keeps the extension's New Starter command
 * buildable until it lands, with exactly the same signature.
 */
export function starterSkeleton(id: string): { path: string; content: string }[] {
  return [
    {
      path: 'template.yaml',
      content: [
        `id: ${id}`,
        'version: 1',
        `title: ${id}`,
        'description: A new starter.',
        'skill: pytorch',
        'level: junior',
        'roles: [ml-engineer]',
        'defaultName: my_project',
        'smokeCommand: "python -m {{package}}.main --smoke"',
        'runCommand: "python -m {{package}}.main"',
        'testCommand: "python -m pytest -q"',
        'milestones:',
        '  - id: first-exercise',
        '    title: Write the first exercise',
        '    done: add() returns the sum of its arguments.',
        '    file: "{{package}}/main.py"',
        '    serves:',
        '      - {skill: pytorch, role: ml-engineer, level: junior}',
        '    check: {kind: tests, path: milestones/test_first_exercise.py}',
        '    hints:',
        '      - Return the sum.',
        '',
      ].join('\n'),
    },
    { path: 'files/{{package}}/__init__.py', content: '' },
    {
      path: 'files/{{package}}/main.py',
      content: 'def add(a, b):\n    # TODO(milestone: first-exercise): return the sum of a and b\n    raise NotImplementedError("add")\n',
    },
    { path: 'files/milestones/test_first_exercise.py', content: 'from {{package}}.main import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n' },
    { path: 'solutions/first-exercise/{{package}}/main.py', content: 'def add(a, b):\n    return a + b\n' },
  ];
}
