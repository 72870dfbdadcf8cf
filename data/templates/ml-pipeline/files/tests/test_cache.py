import functools

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
