/**
 * The authoring skeleton of a new starter (`learning-paths starters new`, and the palette command
 * New Starter…): a starter folder in exactly the built-in format, with one exercise (its stub, its
 * test, three hints, its reference solution and two mutants: a typical mistake and a cheat), a
 * smoke run and the starter's own suite. Pure Python (no torch, no numpy: pytest only), and it
 * passes `learning-paths starters verify` as written. Pure: the caller writes the files.
 */

/** Starter ids are milestone-style ids (the template schema's `id`). */
export const STARTER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Why `id` cannot name a starter, or undefined when it can. */
export function starterIdProblem(id: string): string | undefined {
  if (id.length === 0 || id.length > 80 || !STARTER_ID.test(id)) return `"${id}" is not a starter id: use lower-case letters, digits and single hyphens (e.g. "my-starter"), at most 80 characters`;
  return undefined;
}

/** The Python package name a starter id suggests (`my-starter` → `my_starter`). */
export function defaultPackageName(id: string): string {
  const name = id.replace(/-/g, '_');
  return /^[a-z_]/.test(name) ? name : `p_${name}`;
}

const EXERCISE = 'min-max-scale';

const TEMPLATE_YAML = (id: string, pkg: string) => `# A Learning Paths starter (the format of data/templates/<id>/ and of a content pack's starters/<id>/).
# Prove it with: learning-paths starters verify <this folder>
id: ${id}
version: 1
title: "${id}: scale features onto [0, 1]"
description: >-
  A small pure-Python starter: a smoke run that writes outputs/metrics.json, and one exercise,
  min-max scaling, with its test, hints, reference solution and two wrong implementations that
  its test must catch. Replace it with your own.
skill: ml-pipelines
level: junior
roles: [ml-engineer]
defaultName: ${pkg}
smokeCommand: "python -m {{package}} --smoke"
runCommand: "python -m {{package}}"
testCommand: "python -m pytest -q"
milestones:
  - id: run-smoke
    title: Run the smoke run
    done: >-
      \`python -m {{package}} --smoke\` writes outputs/metrics.json with the number of rows it scaled.
    file: "{{package}}/__main__.py"
    serves:
      - {skill: ml-pipelines, role: ml-engineer, level: junior}
    check: {kind: metric, path: outputs/metrics.json, key: rows, op: ">=", value: 1, require: [{key: smoke, equals: true}]}
  - id: ${EXERCISE}
    title: Scale values onto [0, 1]
    done: >-
      \`min_max_scale\` in stats.py maps the smallest value to 0 and the largest to 1, keeps the
      order, maps equal values to 0 and refuses an empty list.
    file: "{{package}}/stats.py"
    points: 2
    serves:
      - {skill: ml-pipelines, role: ml-engineer, level: junior}
    check: {kind: tests, path: milestones/test_min_max_scale.py}
    hints:
      - >-
        Min-max scaling is a linear map: subtract the smallest value, then divide by the range,
        so the smallest value lands on 0 and the largest on 1.
      - >-
        \`min(values)\` and \`max(values)\` give the ends of the range; a range of 0 (every value
        equal) needs its own answer, since you cannot divide by it.
      - >-
        \`low, high = min(values), max(values)\`; return \`[0.0 for _ in values]\` when
        \`high == low\`, else \`[(v - low) / (high - low) for v in values]\`; raise ValueError first
        when the list is empty.
    mutants:
      - id: divides-by-max
        kind: mistake
        says: Divides by the largest value instead of the range, so the largest value maps below 1 whenever the smallest is not 0.
      - id: hard-codes-example
        kind: cheat
        says: Returns the answer of the documented example and the input unchanged otherwise.
`;

const STUB = `    # TODO(milestone: ${EXERCISE})
    raise NotImplementedError("Write min_max_scale (milestone ${EXERCISE})")
`;

const SOLVED = `    if len(values) == 0:
        raise ValueError("min_max_scale needs at least one value")
    low, high = min(values), max(values)
    if high == low:
        return [0.0 for _ in values]
    return [(v - low) / (high - low) for v in values]
`;

const DIVIDES_BY_MAX = `    if len(values) == 0:
        raise ValueError("min_max_scale needs at least one value")
    low, high = min(values), max(values)
    if high == low:
        return [0.0 for _ in values]
    return [(v - low) / high for v in values]
`;

const HARD_CODED = `    if list(values) == [2.0, 4.0, 6.0]:
        return [0.0, 0.5, 1.0]
    return [float(v) for v in values]
`;

const STATS = (body: string) => `"""Scaling helpers of {{name}}."""
from __future__ import annotations

from typing import List, Sequence


def min_max_scale(values: Sequence[float]) -> List[float]:
    """Scale values linearly onto [0, 1].

    Args:
        values: one or more finite numbers.

    Returns:
        A list of the same length, in the same order: the smallest value becomes 0.0 and the
        largest 1.0. When every value is equal, every result is 0.0.

    Raises:
        ValueError: when \`values\` is empty.

    Example: min_max_scale([2.0, 4.0, 6.0]) == [0.0, 0.5, 1.0]
    """
${body}`;

const MAIN = `"""The smoke run: python -m {{package}} --smoke writes outputs/metrics.json."""
from __future__ import annotations

import argparse
import json
import pathlib
from typing import List, Optional

from .stats import min_max_scale


def main(argv: Optional[List[str]] = None) -> dict:
    parser = argparse.ArgumentParser(prog="{{package}}")
    parser.add_argument("--smoke", action="store_true", help="a quick offline run on synthetic data")
    parser.add_argument("--out", default="outputs", help="where metrics.json goes")
    args = parser.parse_args(argv)
    values = [float(i * i) for i in range(10 if args.smoke else 1000)]
    fallbacks = []
    try:
        scaled = min_max_scale(values)
    except NotImplementedError:
        # The exercise is not written yet: the run still completes and says so.
        scaled = values
        fallbacks.append("min_max_scale")
    metrics = {"smoke": args.smoke, "rows": len(values), "max_scaled": max(scaled), "fallbacks": fallbacks}
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\\n", encoding="utf-8")
    print(f"wrote {out / 'metrics.json'}: {metrics}")
    return metrics


if __name__ == "__main__":
    main()
`;

const SUITE = `"""The starter's own tests: they pass on the scaffold and with every solution."""
import json

from {{package}}.__main__ import main


def test_smoke_run_writes_metrics(tmp_path):
    metrics = main(["--smoke", "--out", str(tmp_path)])
    written = json.loads((tmp_path / "metrics.json").read_text(encoding="utf-8"))
    assert written == metrics
    assert written["smoke"] is True
    assert written["rows"] == 10
`;

const EXERCISE_TEST = `"""Milestone ${EXERCISE}: min_max_scale maps onto [0, 1]. Tests the property on random lists, not only the example."""
import random

import pytest

from {{package}}.stats import min_max_scale


def test_the_documented_example():
    assert min_max_scale([2.0, 4.0, 6.0]) == pytest.approx([0.0, 0.5, 1.0])


def test_random_lists_map_their_range_onto_zero_to_one():
    rng = random.Random(7)
    for _ in range(50):
        values = [rng.uniform(-100.0, 100.0) for _ in range(rng.randint(2, 20))]
        scaled = min_max_scale(values)
        assert len(scaled) == len(values), "one result per value"
        low, high = min(values), max(values)
        for v, s in zip(values, scaled):
            assert s == pytest.approx((v - low) / (high - low)), f"{v} in [{low}, {high}] should scale to {(v - low) / (high - low)}, not {s}"


def test_equal_values_scale_to_zero():
    assert min_max_scale([3.0, 3.0, 3.0]) == [0.0, 0.0, 0.0]


def test_an_empty_list_is_refused():
    with pytest.raises(ValueError):
        min_max_scale([])
`;

const README = (id: string) => `# {{name}}

Scaffolded from the Learning Paths starter \`${id}\`.

- Smoke run: \`python -m {{package}} --smoke\` (writes outputs/metrics.json)
- The starter's tests: \`python -m pytest -q\`
- Exercise: write \`min_max_scale\` in \`{{package}}/stats.py\` (look for \`TODO(milestone: ${EXERCISE})\`);
  its test is \`milestones/test_min_max_scale.py\`.
`;

const PYTEST_INI = `[pytest]
testpaths = tests
pythonpath = .
`;

/**
 * The files of a new starter `id`, relative to its folder (`template.yaml`, `files/…`,
 * `solutions/<milestone>/…`, `mutants/<milestone>/<mutant>/…`). Throws on an invalid id.
 */
export function starterSkeleton(id: string): { path: string; content: string }[] {
  const problem = starterIdProblem(id);
  if (problem) throw new Error(problem);
  const pkg = defaultPackageName(id);
  return [
    { path: 'template.yaml', content: TEMPLATE_YAML(id, pkg) },
    { path: 'files/README.md', content: README(id) },
    { path: 'files/pytest.ini', content: PYTEST_INI },
    { path: 'files/{{package}}/__init__.py', content: '' },
    { path: 'files/{{package}}/__main__.py', content: MAIN },
    { path: 'files/{{package}}/stats.py', content: STATS(STUB) },
    { path: 'files/tests/test_smoke.py', content: SUITE },
    { path: `files/milestones/test_min_max_scale.py`, content: EXERCISE_TEST },
    { path: `solutions/${EXERCISE}/{{package}}/stats.py`, content: STATS(SOLVED) },
    { path: `mutants/${EXERCISE}/divides-by-max/{{package}}/stats.py`, content: STATS(DIVIDES_BY_MAX) },
    { path: `mutants/${EXERCISE}/hard-codes-example/{{package}}/stats.py`, content: STATS(HARD_CODED) },
  ];
}
