import json
import os
import subprocess
import sys

import numpy as np
import pytest

import {{package}}
from {{package}}.calibration import calibration_or_fallback
from {{package}}.error_analysis import worst_or_fallback
from {{package}}.model import TinyTransformerClassifier
from {{package}}.schedule import choose_factor
from {{package}}.temperature import temperature_or_fallback
from {{package}}.tokenizer import padding_status
from {{package}}.train import main, parse_args

EXPECTED_KEYS = {"smoke", "data_source", "model_source", "model", "epochs_completed", "best_epoch",
                 "best_val_f1_macro", "test", "padding", "pooling", "calibration", "temperature_scaling",
                 "lr_schedule", "error_analysis", "history", "plots", "config"}


def test_smoke_defaults_use_the_tiny_model():
    args = parse_args(["--smoke"])
    assert args.model == "tiny" and args.lr == 4e-3 and args.epochs == 6
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


def test_smoke_run_writes_metrics_json_with_its_sources(smoke_run):
    root, returned = smoke_run
    metrics = json.loads((root / "outputs" / "metrics.json").read_text())
    assert EXPECTED_KEYS <= set(metrics)
    # What the milestones' `require` conditions read: a smoke run can never pass for a real one.
    assert metrics["smoke"] is True
    assert metrics["data_source"] == "synthetic"
    assert metrics["model_source"] == "random-init:tiny-transformer"
    assert metrics["epochs_completed"] == 3
    test = metrics["test"]
    for key in ("accuracy", "f1_binary", "f1_macro", "auc_roc"):
        assert 0.0 <= test[key] <= 1.0, key
    assert test["accuracy"] > 0.6  # the tiny model does learn the easy patterns
    assert test["num_examples"] == 400
    assert returned["test"] == test


def test_every_exercise_gap_is_visible_in_metrics_json(smoke_run):
    """Each exercise's status says what the run really did: the learner's code, or a named fallback."""
    metrics = smoke_run[1]
    assert metrics["padding"]["status"] == padding_status()
    assert metrics["pooling"] == TinyTransformerClassifier(10).pooling_used
    assert metrics["lr_schedule"]["kind"] == choose_factor()[1]
    conf, correct = np.array([0.9, 0.6]), np.array([1, 0])
    assert metrics["calibration"]["status"] == calibration_or_fallback(conf, correct)["status"]
    assert metrics["temperature_scaling"]["status"] == temperature_or_fallback(np.zeros((2, 2)), np.array([0, 1]))[1]
    assert metrics["error_analysis"]["status"] == worst_or_fallback(["a"], [1], np.array([[0.9, 0.1]]))[1]
    assert 0.0 <= metrics["padding"]["pad_fraction"] < 1.0


def test_calibration_and_temperature_are_consistent(smoke_run):
    metrics = smoke_run[1]
    calibration, ts = metrics["calibration"], metrics["temperature_scaling"]
    assert calibration["ece"] == ts["test_ece_before"]
    assert (metrics["test"]["ece"] is None) == (calibration["ece"] is None)
    if calibration["ece"] is not None:
        assert metrics["test"]["ece"] == pytest.approx(calibration["ece"], abs=1e-4)
    if calibration["ece"] is not None:  # the table is written: its bins cover the whole test set
        assert sum(b["count"] for b in calibration["bins"]) == 400
        assert 0.0 <= calibration["ece"] <= 1.0
    assert ts["temperature"] > 0
    assert ts["val_nll_after"] <= ts["val_nll_before"] + 1e-4  # T = 1 is one of the temperatures a fit may pick


def test_lr_trace_is_what_the_schedule_says(smoke_run):
    schedule = smoke_run[1]["lr_schedule"]
    factor, _ = choose_factor()
    total, warmup, peak = schedule["total_steps"], schedule["warmup_steps"], schedule["peak_lr"]
    assert warmup > 0 and total == schedule["trace"][-1]["step"] + 1
    for point in schedule["trace"]:
        assert point["lr"] == pytest.approx(peak * factor(point["step"], warmup, total))
    assert schedule["lr_first_step"] == schedule["trace"][0]["lr"]
    assert schedule["lr_last_step"] == schedule["trace"][-1]["lr"]
    assert schedule["lr_after_training"] == pytest.approx(peak * factor(total, warmup, total))


def test_plots_are_written(smoke_run):
    root, metrics = smoke_run
    for name in ("learning_curves", "reliability"):
        path = root / metrics["plots"][name]
        assert path.name == f"{name}.png" and path.parent.name == "plots"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert path.stat().st_size > 5000, name


def test_worst_misclassifications_file(smoke_run):
    root, metrics = smoke_run
    rows = [json.loads(line) for line in (root / "outputs" / "worst_misclassifications.jsonl").read_text().splitlines()]
    assert 1 <= len(rows) <= 10
    assert len(rows) == metrics["error_analysis"]["worst_misclassifications"]
    assert all(r["label"] != r["predicted"] for r in rows)
    assert all(0.5 <= r["confidence"] <= 1.0 for r in rows)
    assert {"text", "patterns", "generator_tag"} <= set(rows[0])


def test_error_analysis_finds_negation_hard(smoke_run):
    rates = smoke_run[1]["error_analysis"]["error_rate_by_pattern"]
    assert rates["negation"]["error_rate"] > rates["sarcasm_marker"]["error_rate"]


def test_offline_path_never_imports_transformers():
    root = os.path.dirname(os.path.dirname(os.path.abspath({{package}}.__file__)))
    code = "import sys, {{package}}.train; print('transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
