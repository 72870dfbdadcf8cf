import json
import os
import subprocess
import sys

import pytest

import {{package}}
from {{package}}.train import main, parse_args

EXPECTED_KEYS = {"smoke", "pretrained", "model", "data", "epochs_completed", "best_epoch", "best_val_f1_macro",
                 "test", "calibration", "lr_schedule", "error_analysis", "history", "config"}


def test_smoke_defaults_use_the_tiny_model():
    args = parse_args(["--smoke"])
    assert args.model == "tiny" and args.lr == 2e-3
    real = parse_args([])
    assert real.model == "bert" and real.lr == 2e-5 and real.model_name == "bert-base-uncased"
    assert parse_args(["--smoke", "--lr", "0.01"]).lr == 0.01


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("smoke")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        metrics = main(["--smoke", "--epochs", "3"])
    finally:
        os.chdir(cwd)
    return root, metrics


def test_smoke_run_writes_metrics_json(smoke_run):
    root, returned = smoke_run
    metrics = json.loads((root / "outputs" / "metrics.json").read_text())
    assert EXPECTED_KEYS <= set(metrics)
    assert metrics["smoke"] == 1 and metrics["pretrained"] == 0
    assert metrics["epochs_completed"] == 3
    test = metrics["test"]
    for key in ("accuracy", "f1_binary", "f1_macro", "auc_roc", "ece"):
        assert 0.0 <= test[key] <= 1.0, key
    assert test["accuracy"] > 0.6  # the tiny model does learn the easy patterns
    assert sum(b["count"] for b in metrics["calibration"]["bins"]) == test["num_examples"] == 400
    assert metrics["calibration"]["ece"] == pytest.approx(test["ece"], abs=1e-4)
    assert returned["test"] == test


def test_lr_schedule_warms_up_then_decays(smoke_run):
    schedule = smoke_run[1]["lr_schedule"]
    lrs = [p["lr"] for p in schedule["trace"]]
    assert schedule["warmup_steps"] > 0 and schedule["total_steps"] == schedule["trace"][-1]["step"] + 1
    assert lrs[0] == 0.0
    assert max(lrs) == pytest.approx(schedule["peak_lr"], rel=0.05)
    assert lrs[-1] < 0.1 * schedule["peak_lr"]


def test_worst_misclassifications_file(smoke_run):
    root, metrics = smoke_run
    rows = [json.loads(line) for line in (root / "outputs" / "worst_misclassifications.jsonl").read_text().splitlines()]
    assert 1 <= len(rows) <= 10
    assert len(rows) == metrics["error_analysis"]["worst_misclassifications"]
    assert all(r["label"] != r["predicted"] for r in rows)
    assert all(0.5 <= r["confidence"] <= 1.0 for r in rows)
    assert [r["confidence"] for r in rows] == sorted((r["confidence"] for r in rows), reverse=True)
    assert {"text", "patterns", "generator_tag"} <= set(rows[0])


def test_error_analysis_finds_negation_hard(smoke_run):
    rates = smoke_run[1]["error_analysis"]["error_rate_by_pattern"]
    assert rates["negation"]["error_rate"] > rates["sarcasm_marker"]["error_rate"]


def test_offline_path_never_imports_transformers():
    root = os.path.dirname(os.path.dirname(os.path.abspath({{package}}.__file__)))
    code = "import sys, {{package}}.train; print('transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
