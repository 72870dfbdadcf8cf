import json

import numpy as np
import pytest

from {{package}} import drift
from {{package}}.data import generate_churn
from {{package}}.drift import detect_drift, ks_test, psi_categorical, psi_numeric
from {{package}}.pipeline import run_pipeline

from conftest import quiet


def test_psi_is_near_zero_for_the_same_distribution_and_large_for_a_shift():
    rng = np.random.default_rng(0)
    ref = rng.normal(0, 1, 5000)
    assert psi_numeric(ref, rng.normal(0, 1, 5000)) < 0.02
    assert psi_numeric(ref, rng.normal(0.8, 1, 5000)) > 0.2
    assert psi_categorical(["a"] * 50 + ["b"] * 50, ["a"] * 50 + ["b"] * 50) == pytest.approx(0.0)
    assert psi_categorical(["a"] * 50 + ["b"] * 50, ["a"] * 90 + ["b"] * 10) > 0.2


def test_ks_statistic():
    rng = np.random.default_rng(1)
    stat_same, p_same = ks_test(rng.normal(size=3000), rng.normal(size=3000))
    stat_shift, p_shift = ks_test(rng.normal(size=3000), rng.normal(0.5, 1, size=3000))
    assert stat_same < 0.05 < stat_shift and p_shift < 1e-6


@pytest.mark.parametrize("method", ["psi", "ks"])
def test_no_drift_on_same_distribution_and_drift_on_shifted_data(smoke_cfg, method):
    cfg = dict(smoke_cfg["drift"], method=method)
    reference = generate_churn(4000, seed=1)
    same = detect_drift(reference, generate_churn(4000, seed=2), cfg)
    shifted = detect_drift(reference, generate_churn(4000, seed=3, drift=0.8), cfg)
    assert not same["drift_detected"] and same["drifted_features"] == []
    assert shifted["drift_detected"]
    assert {"monthly_charges", "support_calls"} <= set(shifted["drifted_features"])


def test_a_missing_column_counts_as_drift(smoke_cfg):
    reference = generate_churn(1000, seed=1)
    report = detect_drift(reference, reference.drop(columns=["region"]), smoke_cfg["drift"])
    assert report["drift_detected"] and "region" in report["drifted_features"]


def test_drift_triggers_retraining_and_the_retrained_model_is_promoted(tmp_path, smoke_cfg):
    out = str(tmp_path)
    base = run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    assert base["registry"]["champion_version"] == 1
    report = drift.main(["--simulate-shift", "0.8", "--retrain", "--smoke", "--quiet", "--output-dir", out])
    assert report["drift_detected"] and report["retrained"]
    assert report["registry"]["promoted"] and report["registry"]["champion_version"] == 2
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["trigger"] == "drift"
    saved = json.loads((tmp_path / "drift" / "drift_report.json").read_text())
    assert saved["retrained"] is True


def test_no_drift_means_no_retraining(tmp_path, smoke_cfg):
    run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    report = drift.main(["--simulate-shift", "0.0", "--batch-seed", "7", "--retrain", "--smoke", "--quiet",
                         "--output-dir", str(tmp_path)])
    assert not report["drift_detected"] and not report["retrained"]


def test_drift_check_needs_a_champion_or_a_reference(tmp_path):
    with pytest.raises(SystemExit) as err:
        drift.main(["--simulate-shift", "0.5", "--smoke", "--quiet", "--output-dir", str(tmp_path)])
    assert err.value.code == 2
