"""Milestone ks-drift-trigger: write ks_drift in {{package}}/drift_ks.py.

    python -m pytest milestones/test_ks_drift_trigger.py
"""
from pathlib import Path

import numpy as np
import pytest
from exercise_helpers import written

from {{package}}.config import load_config
from {{package}}.data import generate_churn
from {{package}}.drift import detect_drift
from {{package}}.drift_ks import ks_drift

CONFIG = Path(__file__).resolve().parents[1] / "configs" / "pipeline.yaml"


ks = written(ks_drift, "{{package}}/drift_ks.py")


def test_known_statistics_on_fixed_samples():
    out = ks([1, 2, 3, 4, 5], [6, 7, 8, 9, 10], threshold=0.1)
    assert out["statistic"] == pytest.approx(1.0), f"disjoint samples: the CDFs differ by 1 at most, got {out}"
    assert out["drifted"] is True and out["pvalue"] < 0.05
    out = ks([1, 2, 3, 4], [3, 4, 5, 6], threshold=0.6)
    assert out["statistic"] == pytest.approx(0.5), f"[1,2,3,4] vs [3,4,5,6]: largest CDF gap is 0.5, got {out}"
    assert out["drifted"] is False, "statistic 0.5 is below the threshold 0.6: no drift"


def test_missing_values_are_dropped():
    values = np.random.default_rng(1).normal(size=2000)
    with_nans = np.concatenate([values, [np.nan] * 300])
    out = ks(with_nans, np.random.default_rng(2).permutation(with_nans), threshold=0.1)
    assert out["statistic"] == pytest.approx(0.0, abs=1e-12), f"same values (NaNs dropped) should give 0, got {out}"
    assert not out["drifted"]
    out = ks(with_nans, values[::-1], threshold=0.1)  # the same values, one side with 300 NaNs, the other none
    assert out["statistic"] == pytest.approx(0.0, abs=1e-12), (
        f"a NaN is not a value: the reference's 300 NaNs must not change its CDF, got {out}")


def test_the_trigger_is_the_statistic_not_the_p_value():
    rng = np.random.default_rng(0)
    ref, cur = rng.normal(0, 1, 100_000), rng.normal(0.03, 1, 100_000)
    out = ks(ref, cur, threshold=0.1)
    assert out["pvalue"] < 1e-3, f"a 0.03 sd shift on 100k rows is 'significant' (p < 0.001); got p={out['pvalue']}"
    assert out["statistic"] < 0.05 and out["drifted"] is False, (
        f"but harmless: the statistic {out['statistic']:.3f} is below the threshold 0.1, so no retraining; got {out}")
    moved = ks(ref, rng.normal(0.5, 1, 5000), threshold=0.1)
    assert moved["drifted"] is True and moved["statistic"] > 0.15, f"a 0.5 sd shift must trigger, got {moved}"


def test_the_threshold_is_respected():
    ref, cur = [1, 2, 3, 4], [3, 4, 5, 6]
    assert ks(ref, cur, threshold=0.5)["drifted"] is True, "statistic == threshold counts as drift (>=)"
    assert ks(ref, cur, threshold=0.51)["drifted"] is False


def _largest_cdf_gap(a, b):
    grid = np.union1d(a, b)
    return float(np.max(np.abs(np.searchsorted(np.sort(a), grid, "right") / len(a)
                               - np.searchsorted(np.sort(b), grid, "right") / len(b))))


def test_random_samples_of_different_sizes():
    rng = np.random.default_rng(4)
    for _ in range(30):
        a = np.round(rng.normal(0, 1, int(rng.integers(5, 400))), 1)  # rounded: ties
        b = np.round(rng.normal(rng.uniform(-1, 1), rng.uniform(0.5, 2), int(rng.integers(5, 400))), 1)
        threshold = float(rng.uniform(0.05, 0.5))
        out = ks(a, b, threshold=threshold)
        gap = _largest_cdf_gap(a, b)
        assert out["statistic"] == pytest.approx(gap, abs=1e-9), (
            f"samples of {len(a)} and {len(b)} values: the largest gap between the empirical CDFs is {gap:.4f}, "
            f"got {out['statistic']}")
        assert out["drifted"] is (gap >= threshold)
        assert 0.0 <= out["pvalue"] <= 1.0


def test_no_values_is_an_error():
    with pytest.raises(ValueError):
        ks([np.nan, np.nan], [1.0, 2.0], threshold=0.1)


def test_ks_method_flags_the_shifted_features_of_a_drifted_batch():
    cfg = dict(load_config(CONFIG, smoke=True)["drift"], method="ks")
    try:
        report = detect_drift(generate_churn(4000, seed=1), generate_churn(4000, seed=3, drift=0.8), cfg)
        same = detect_drift(generate_churn(4000, seed=1), generate_churn(4000, seed=2), cfg)
    except NotImplementedError as exc:
        pytest.fail(f"ks_drift still raises NotImplementedError({exc})")
    numeric = [c for c, f in report["features"].items() if f["kind"] == "numeric"]
    assert all(report["features"][c]["rule"].startswith("KS") for c in numeric), report["fallbacks"]
    assert {"monthly_charges", "support_calls"} <= set(report["drifted_features"])
    assert not any(same["features"][c]["drifted"] for c in numeric), "same distribution: no numeric feature drifts"
