"""The orchestrator paths (one task per step, artifacts through storage) give the same model as the local runner."""
import json

from {{package}} import orchestration
from {{package}}.data import generate_churn
from {{package}}.pipeline import run_pipeline

from conftest import CONFIG_PATH, quiet


def test_airflow_style_step_by_step_run_matches_the_local_runner(tmp_path, smoke_cfg):
    local = run_pipeline(smoke_cfg, output_dir=tmp_path / "local", use_cache=False, log=quiet)
    out = tmp_path / "orchestrated"
    run_dir = orchestration.run_dir_for(out, "airflow-scheduled__2024-01-01T00:00:00+00:00")
    assert ":" not in run_dir.name and "+" not in run_dir.name
    statuses = [orchestration.run_step(name, run_dir, config_path=CONFIG_PATH, smoke=True, output_dir=out, log=quiet)
                for name in orchestration.step_names()]
    assert [s["status"] for s in statuses] == ["ran"] * 6
    summary = orchestration.finalize_run(run_dir, config_path=CONFIG_PATH, smoke=True, output_dir=out)
    assert summary["model_hash"] == local["model_hash"]
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["metrics"] == local["metrics"] and metrics["registry"]["champion_version"] == 1
    assert (run_dir / "manifest.json").exists()
    # a second orchestrated run reuses the step cache
    run_dir2 = orchestration.run_dir_for(out, "airflow-manual-2")
    again = [orchestration.run_step(name, run_dir2, config_path=CONFIG_PATH, smoke=True, output_dir=out, log=quiet)
             for name in orchestration.step_names()]
    assert [s["status"] for s in again] == ["cached"] * 5 + ["ran"]


def test_kubeflow_style_paths_match_the_local_runner(tmp_path, smoke_cfg):
    local = run_pipeline(smoke_cfg, output_dir=tmp_path / "local", use_cache=False, log=quiet)
    a = tmp_path / "artifacts"
    p = lambda name: str(a / name)  # noqa: E731
    # a KFP run passes overrides as a JSON list of KEY=VALUE strings; these reproduce the smoke config
    overrides = json.dumps([f"data.n_rows={smoke_cfg['data']['n_rows']}",
                            f"model.params.max_iter={smoke_cfg['model']['params']['max_iter']}"])

    def run(step, inputs, outputs, **kw):
        return orchestration.run_step_with_paths(step, str(CONFIG_PATH), overrides, inputs, outputs, **kw)

    run("ingest", {}, {"data": p("raw")})
    run("validate", {"data": p("raw")}, {"data": p("validated"), "report": p("report")})
    run("features", {"data": p("validated")}, {"train": p("train"), "test": p("test")})
    run("train", {"train": p("train")}, {"model": p("model")})
    scores = run("evaluate", {"model": p("model"), "test": p("test")}, {"metrics": p("scores")})
    decision = run("register", {"model": p("model"), "metrics": p("scores"), "train": p("train"), "test": p("test")},
                   {}, registry_root=str(tmp_path / "registry"))["decision"]
    assert scores["metrics"] == local["metrics"]
    assert decision["promoted"] and decision["model_hash"] == local["model_hash"]


def test_drift_gate(tmp_path, smoke_cfg):
    out = tmp_path / "outputs"
    assert orchestration.needs_retraining(None, CONFIG_PATH, out, smoke=True)  # no champion yet
    run_pipeline(smoke_cfg, output_dir=out, log=quiet)
    same, shifted = tmp_path / "same.csv", tmp_path / "shifted.csv"
    generate_churn(4000, seed=11).to_csv(same, index=False)
    generate_churn(4000, seed=12, drift=0.8).to_csv(shifted, index=False)
    assert not orchestration.needs_retraining(str(same), CONFIG_PATH, out, smoke=True)
    assert orchestration.needs_retraining(str(shifted), CONFIG_PATH, out, smoke=True)
    assert (out / "drift" / "drift_report.json").exists()
