import functools

import pytest

from {{package}} import pipeline
from {{package}}.pipeline import run_pipeline

from conftest import quiet

CACHEABLE = ["ingest", "validate", "features", "train", "evaluate"]


def test_second_run_is_served_from_the_cache(tmp_path, smoke_cfg):
    first = run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    second = run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    assert first["cache"]["hits"] == 0 and first["cache"]["misses"] == 5
    assert second["cache"]["hits"] == 5 and second["cache"]["misses"] == 0
    assert all(second["cache"]["steps"][s] == "cached" for s in CACHEABLE)
    assert second["cache"]["steps"]["register"] == "ran"  # never cached: it reads the registry's state
    assert second["model_hash"] == first["model_hash"] and second["metrics"] == first["metrics"]


def test_a_cached_step_is_really_skipped(tmp_path, smoke_cfg, monkeypatch):
    calls = {}

    def counting(fn):
        @functools.wraps(fn)  # same source → same code version → same cache key
        def wrapper(*args, **kwargs):
            calls[fn.__name__] = calls.get(fn.__name__, 0) + 1
            return fn(*args, **kwargs)
        return wrapper

    counted = pipeline.build_steps()
    for s in counted:
        s.fn = counting(s.fn)
    monkeypatch.setattr(pipeline, "build_steps", lambda: counted)
    run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    assert {name: calls[name] for name in CACHEABLE} == {name: 1 for name in CACHEABLE}
    assert calls["register"] == 2


def test_changing_a_model_parameter_reruns_only_train_and_what_follows(tmp_path, smoke_cfg, make_cfg):
    run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    changed = run_pipeline(make_cfg("model.params.C=0.2"), output_dir=tmp_path, log=quiet)
    s = changed["cache"]["steps"]
    assert [s["ingest"], s["validate"], s["features"]] == ["cached"] * 3
    assert [s["train"], s["evaluate"]] == ["ran", "ran"]
    assert changed["cache"]["hits"] == 3 and changed["cache"]["misses"] == 2


def test_changing_the_data_reruns_everything(tmp_path, smoke_cfg, make_cfg):
    run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    changed = run_pipeline(make_cfg("data.n_rows=3000"), output_dir=tmp_path, log=quiet)
    assert changed["cache"]["hits"] == 0


def test_bumping_a_step_version_invalidates_its_cache(tmp_path, smoke_cfg, monkeypatch):
    run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    bumped = pipeline.build_steps()
    next(s for s in bumped if s.name == "evaluate").version = "2"
    monkeypatch.setattr(pipeline, "build_steps", lambda: bumped)
    again = run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    assert again["cache"]["steps"]["train"] == "cached"
    assert again["cache"]["steps"]["evaluate"] == "ran"


def test_no_cache_runs_everything(tmp_path, smoke_cfg):
    run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    forced = run_pipeline(smoke_cfg, output_dir=tmp_path, use_cache=False, log=quiet)
    assert forced["cache"]["hits"] == 0


# --------------------------------------------------------------------------- the code a step calls
def _copy_project(tmp_path):
    """A copy of the package and config, so a test can edit the source like a learner does."""
    import shutil

    from conftest import PROJECT_ROOT

    project = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "{{package}}", project / "{{package}}",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT_ROOT / "configs", project / "configs")
    return project


def _run_cli(project, python):
    import json
    import subprocess

    done = subprocess.run([python, "-m", "{{package}}.pipeline", "--smoke", "--quiet"], cwd=project,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads((project / "outputs" / "metrics.json").read_text())


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_adding_a_validation_check_reruns_validate(tmp_path, python):
    """Bug fix: the key hashed only `validate`'s own source, so a new check in validation_checks
    was served from the cache and n_checks did not change."""
    project = _copy_project(tmp_path)
    first = _run_cli(project, python)
    _edit(project / "{{package}}" / "steps.py",
          '    id_col = v["id_column"]\n',
          '    checks.append(_check("at_least_one_churner", df[target].sum() > 0, "a test check"))\n'
          '    id_col = v["id_column"]\n')
    second = _run_cli(project, python)
    assert second["cache"]["steps"]["ingest"] == "cached"
    assert second["cache"]["steps"]["validate"] == "ran"
    assert second["validation"]["n_checks"] == first["validation"]["n_checks"] + 1


@pytest.mark.parametrize("helper, step", [("build_pipeline", "train"), ("score", "evaluate"),
                                          ("add_derived_features", "features"), ("validation_checks", "validate")])
def test_changing_a_helper_changes_the_code_version_of_the_step_that_calls_it(monkeypatch, helper, step):
    """build_pipeline (train), score (evaluate), add_derived_features (features) are part of the key."""
    from {{package}} import steps
    from {{package}}.pipeline import build_steps

    before = {s.name: s.code_version for s in build_steps()}
    original = getattr(steps, helper)

    def changed(*args, **kwargs):  # a different body under the same name
        return original(*args, **kwargs)

    monkeypatch.setattr(steps, helper, changed)
    after = {s.name: s.code_version for s in build_steps()}
    assert after[step] != before[step], f"editing {helper} did not change {step}'s cache key"
    assert [n for n in before if before[n] != after[n]] == [step]  # and nothing else


def test_the_code_hash_follows_imported_package_modules(tmp_path, monkeypatch):
    import importlib
    import sys

    pkg = tmp_path / "toypkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "helpers.py").write_text("def double(x):\n    return 2 * x\n")
    (pkg / "more.py").write_text("def unused():\n    return 0\n")
    (pkg / "step.py").write_text("from .helpers import double\n\n\ndef step(params):\n    return double(1)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    from {{package}}.hashing import package_code_hash

    step = importlib.import_module("toypkg.step").step
    before = package_code_hash(step)
    (pkg / "more.py").write_text("def unused():\n    return 1\n")  # not imported by step.py
    assert package_code_hash(step) == before
    (pkg / "helpers.py").write_text("def double(x):\n    return x + x\n")  # what step calls
    assert package_code_hash(step) != before
    for name in [m for m in sys.modules if m.startswith("toypkg")]:
        del sys.modules[name]
