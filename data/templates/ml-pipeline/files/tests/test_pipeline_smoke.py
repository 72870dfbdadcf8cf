"""End to end through the command line, the way the README runs it."""
import json
import subprocess

import pytest

from {{package}} import data
from {{package}}.pipeline import run_pipeline

from conftest import PROJECT_ROOT, quiet

# every key a milestone check or the README refers to
EXPECTED_KEYS = [
    "status", "run_id", "mode", "seed", "trigger", "model_type", "model_hash", "data_hash", "manifest",
    "metrics.roc_auc", "metrics.average_precision", "metrics.accuracy", "metrics.f1", "metrics.log_loss",
    "validation.passed", "validation.n_checks", "cache.hits", "cache.misses", "cache.steps",
    "registry.promoted", "registry.champion_version", "registry.n_versions", "step_seconds", "seconds_total",
]


def _get(d, dotted):
    for part in dotted.split("."):
        d = d[part]
    return d


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    import sys

    out = tmp_path_factory.mktemp("cli") / "outputs"
    cmd = [sys.executable, "-m", "{{package}}.pipeline", "--smoke", "--output-dir", str(out)]
    done = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads((out / "metrics.json").read_text()), done.stdout, out


def test_smoke_run_writes_metrics_json_with_the_expected_keys(cli_run):
    metrics, _, _ = cli_run
    for key in EXPECTED_KEYS:
        _get(metrics, key)
    assert metrics["status"] == "succeeded" and metrics["mode"] == "smoke"


def test_smoke_model_is_useful(cli_run):
    metrics, _, _ = cli_run
    assert metrics["metrics"]["roc_auc"] > 0.75
    assert metrics["validation"]["passed"] and metrics["validation"]["n_checks"] >= 9
    assert metrics["registry"]["promoted"] and metrics["registry"]["champion_version"] == 1


def test_cli_reports_cache_status_per_step(cli_run):
    _, stdout, _ = cli_run
    for step in ("ingest", "validate", "features", "train", "evaluate", "register"):
        assert step in stdout
    assert "miss" in stdout


def test_csv_source_reads_the_file_and_its_content_is_part_of_the_cache_key(tmp_path, make_cfg):
    csv = tmp_path / "churn.csv"
    data.main(["--out", str(csv), "--rows", "3000", "--seed", "5"])
    cfg = make_cfg(extra={"data": {"source": "csv", "csv_path": str(csv)}})
    first = run_pipeline(cfg, output_dir=tmp_path / "out", log=quiet)
    same = run_pipeline(cfg, output_dir=tmp_path / "out", log=quiet)
    assert same["cache"]["steps"]["ingest"] == "cached"
    data.main(["--out", str(csv), "--rows", "3000", "--seed", "6"])  # a new export at the same path
    new = run_pipeline(cfg, output_dir=tmp_path / "out", log=quiet)
    assert new["cache"]["steps"]["ingest"] == "ran" and new["data_hash"] != first["data_hash"]


def test_another_model_type_is_one_override_away(tmp_path, make_cfg):
    m = run_pipeline(make_cfg("model.type=random_forest", "model.params.n_estimators=30"),
                     output_dir=tmp_path, log=quiet)
    assert m["model_type"] == "random_forest" and m["metrics"]["roc_auc"] > 0.7
