"""Milestone model-registry: write promotion_decision in {{package}}/registry.py.

    python -m pytest milestones/test_model_registry.py
"""
import numpy as np
import pytest
from exercise_helpers import written
from scipy.stats import rankdata
from sklearn.metrics import log_loss, roc_auc_score

from {{package}}.registry import promotion_decision


decide = written(promotion_decision, "{{package}}/registry.py")


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


@pytest.fixture
def holdout():
    rng = np.random.default_rng(7)
    y = (rng.random(1000) < 0.3).astype(int)
    signal = 0.8 * y + rng.normal(0, 1, 1000)
    return y, signal


def test_a_clearly_better_challenger_is_promoted(holdout):
    y, signal = holdout
    champion, challenger = _sigmoid(0.3 * signal + np.random.default_rng(1).normal(0, 1, len(y))), _sigmoid(signal)
    d = decide(y, champion, challenger, metric="roc_auc", min_improvement=0.001, n_bootstrap=200, seed=0)
    assert d["champion_score"] == pytest.approx(roc_auc_score(y, champion)), d
    assert d["challenger_score"] == pytest.approx(roc_auc_score(y, challenger)), d
    assert d["gain"] == pytest.approx(d["challenger_score"] - d["champion_score"])
    assert d["n_rows"] == len(y)
    assert d["ci_low"] <= d["gain"] <= d["ci_high"] and d["ci_low"] > 0, f"gain {d['gain']:.3f} with interval {d}"
    assert d["promote"] is True


def test_the_same_model_is_not_promoted(holdout):
    y, signal = holdout
    p = _sigmoid(signal)
    d = decide(y, p, p.copy(), metric="roc_auc", min_improvement=0.0, seed=0)
    assert d["gain"] == pytest.approx(0.0) and d["promote"] is False, f"identical predictions: gain 0, keep the champion: {d}"


def test_a_lucky_gain_inside_the_noise_is_not_promoted():
    rng = np.random.default_rng(10)
    y = (rng.random(300) < 0.3).astype(int)
    signal = 0.8 * y + rng.normal(0, 1, 300)
    champion, challenger = _sigmoid(signal), _sigmoid(signal + rng.normal(0, 0.3, 300))  # noise, not skill
    gain = roc_auc_score(y, challenger) - roc_auc_score(y, champion)
    assert gain > 0.005  # the set-up: a point estimate says "better by more than min_improvement"
    d = decide(y, champion, challenger, metric="roc_auc", min_improvement=0.001, n_bootstrap=300, seed=0)
    assert d["ci_low"] < 0 < d["ci_high"], f"the interval of a gain that is pure noise should contain 0: {d}"
    assert d["promote"] is False, "promote only when the interval of the gain lies above 0"


def test_the_bootstrap_is_paired(holdout):
    """A small but consistent gain: paired resampling (same rows for both models) sees it."""
    y, signal = holdout
    champion, challenger = _sigmoid(signal), _sigmoid(signal + 0.08 * y)
    d = decide(y, champion, challenger, metric="roc_auc", min_improvement=0.001, n_bootstrap=200, seed=0)
    assert 0.01 < d["gain"] < 0.03, d
    assert d["ci_low"] > 0.01, (f"resample the SAME rows for champion and challenger: the interval of a consistent "
                                f"gain of {d['gain']:.3f} should be narrow and above 0.01, got [{d['ci_low']:.3f}, {d['ci_high']:.3f}]")
    assert d["promote"] is True


def test_min_improvement_and_lower_is_better_metrics(holdout):
    y, signal = holdout
    calibrated, overconfident = _sigmoid(signal - 1.0), _sigmoid(4 * signal - 4.0)
    d = decide(y, overconfident, calibrated, metric="log_loss", higher_is_better=False, min_improvement=0.0, seed=0)
    expected = log_loss(y, overconfident) - log_loss(y, calibrated)
    assert d["gain"] == pytest.approx(expected, rel=1e-3) and d["gain"] > 0, (
        f"for log_loss lower is better: gain = champion - challenger = {expected:.4f}, got {d['gain']}")
    assert d["promote"] is True
    blocked = decide(y, overconfident, calibrated, metric="log_loss", higher_is_better=False,
                     min_improvement=expected + 0.01, seed=0)
    assert blocked["promote"] is False, "a gain below min_improvement is not enough"


def test_the_decision_is_reproducible(holdout):
    y, signal = holdout
    a = decide(y, _sigmoid(signal), _sigmoid(signal + 0.08 * y), seed=5)
    b = decide(y, _sigmoid(signal), _sigmoid(signal + 0.08 * y), seed=5)
    assert (a["ci_low"], a["ci_high"]) == (b["ci_low"], b["ci_high"]), "seed the bootstrap's random generator"


def _paired_bootstrap_gains(y, champion, challenger, n, seed):
    """n paired bootstrap gains of ROC AUC, vectorised (AUC from ranks: the Mann-Whitney statistic)."""
    idx = np.random.default_rng(seed).integers(0, len(y), (n, len(y)))
    yy = y[idx]
    positives = yy.sum(axis=1)
    keep = (positives > 0) & (positives < len(y))
    yy, idx, positives = yy[keep], idx[keep], positives[keep]

    def auc(p):
        ranks = rankdata(p[idx], axis=1)
        return ((ranks * yy).sum(axis=1) - positives * (positives + 1) / 2) / (positives * (len(y) - positives))
    return auc(challenger) - auc(champion)


def test_the_interval_has_the_confidence_asked_for():
    """Coverage: the interval should hold `confidence` of the paired bootstrap distribution of the gain."""
    rng = np.random.default_rng(21)
    y = (rng.random(500) < 0.3).astype(int)
    signal = 0.8 * y + rng.normal(0, 1, 500)
    champion, challenger = _sigmoid(signal), _sigmoid(signal + 0.1 * y + rng.normal(0, 0.4, 500))
    gains = _paired_bootstrap_gains(y, champion, challenger, 10000, seed=99)
    for confidence, n_bootstrap, tolerance in ((0.95, 2000, 0.025), (0.8, 600, 0.06)):
        d = decide(y, champion, challenger, metric="roc_auc", n_bootstrap=n_bootstrap, confidence=confidence, seed=3)
        held = float(np.mean((gains >= d["ci_low"]) & (gains <= d["ci_high"])))
        assert abs(held - confidence) <= tolerance, (
            f"a {confidence:.0%} interval [{d['ci_low']:.4f}, {d['ci_high']:.4f}] should hold about {confidence:.0%} "
            f"of the paired bootstrap gains, holds {held:.1%}: cut alpha = (1 - confidence) / 2 from EACH tail")
