/**
 * `.github/workflows/learning-path.yml` for a scaffolded project: installs Python, the project's
 * requirements and the Learning Paths CLI, then runs every exercise's tests and reports each
 * milestone as an annotation at the exercise's stub plus a job summary
 * (`learning-paths check . --run-tests --format github`). Scaffold's "Add a CI workflow" writes it.
 */

/** Where the workflow goes in the project. */
export const CI_WORKFLOW_PATH = '.github/workflows/learning-path.yml';

/** The workflow's text (YAML). */
export function ciWorkflow(): string {
  return `# Checks this Learning Paths project on every push: runs each exercise's tests and reports every
# milestone (an annotation at the exercise's stub, a table in the job summary).
# Written by Learning Paths (Scaffold > Add a CI workflow); edit it freely.
name: Learning path

on:
  push:
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

env:
  # The Learning Paths CLI: an npm package spec, e.g. a version, or the URL or path of the
  # learning-paths-<version>.tgz your team publishes (npm pack in the Learning Paths repository).
  LEARNING_PATHS_CLI: learning-paths

jobs:
  check:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install the project's requirements
        run: |
          python -m pip install --upgrade pip
          if [ -f requirements.txt ]; then python -m pip install -r requirements.txt; fi
          python -m pip install pytest
      - name: Install the Learning Paths CLI
        run: npm install -g "$LEARNING_PATHS_CLI"
      - name: Check the milestones
        run: learning-paths check . --run-tests --python python --format github
`;
}
