/**
 * Stand-in for the CI workflow a scaffolded project can get (issue 22, point 5): the content of
 * `.github/workflows/learning-path.yml`. The real version (installing the CLI and running
 * `check --run-tests --format github`) comes from branch h22a; same signature.
 */
export function ciWorkflow(): string {
  return [
    'name: learning-path',
    'on: [push, pull_request]',
    'jobs:',
    '  check:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: python -m pytest -q',
    '',
  ].join('\n');
}
