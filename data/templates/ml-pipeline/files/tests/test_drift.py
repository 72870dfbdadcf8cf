import json

import numpy as np
import pytest

from {{package}} import drift
from {{package}}.data import generate_churn
from {{package}}.drift import detect_drift
from {{package}}.pipeline import run_pipeline

from conftest import quiet


def test_histograms_use_the_reference_bins_and_keep_empty_bins():
    """The binning around PSI (the PSI formula itself is the psi-drift-score exercise)."""
    ref_counts, cur_counts = drift._numeric_counts(np.arange(100.0), np.full(40, 1000.0))
    assert len(ref_counts) == len(cur_counts) == 10
    assert list(ref_counts) == [10] * 10  # deciles of the reference
    assert list(cur_counts) == [0] * 9 + [40]  # everything above the reference's top decile
    ref_c, cur_c = drift._categorical_counts(["a", "a", "b"], ["c"])
    assert list(ref_c) == [2, 1, 0] and list(cur_c) == [0, 0, 1]  # a category seen on one side only


def test_the_fallback_distance_while_psi_is_not_written():
    assert drift.total_variation([5, 5], [5, 5]) == pytest.approx(0.0)
    assert drift.total_variation([10, 0], [0, 10]) == pytest.approx(1.0)
    assert drift.total_variation([50, 50], [90, 10]) == pytest.approx(0.4)


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
    assert report["smoke"] is True and report["data_source"] == "simulated"
    assert (tmp_path / "plots" / "psi_per_feature.png").stat().st_size > 1000
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
