"""Exercise reliability-and-ece: calibration_table in {{package}}/calibration.py.

    python -m pytest milestones/test_reliability_and_ece.py
"""
import random

import numpy as np
import pytest

from {{package}}.calibration import calibration_table


def test_counts_accuracy_and_ece_on_known_values():
    conf = np.array([0.55, 0.65, 0.65, 0.95, 0.95, 0.95, 0.95])
    correct = np.array([1, 1, 0, 1, 1, 1, 0])
    table = calibration_table(conf, correct, n_bins=10)
    bins = table["bins"]
    assert len(bins) == 10, f"expected 10 bins (empty ones kept), got {len(bins)}"
    assert [b["count"] for b in bins] == [0, 0, 0, 0, 0, 1, 2, 0, 0, 4], \
        f"wrong bin counts: {[b['count'] for b in bins]}"
    assert bins[6]["accuracy"] == pytest.approx(0.5) and bins[6]["avg_confidence"] == pytest.approx(0.65)
    assert bins[9]["accuracy"] == pytest.approx(0.75) and bins[9]["gap"] == pytest.approx(0.2)
    expected = (1 * abs(0.55 - 1) + 2 * abs(0.65 - 0.5) + 4 * abs(0.95 - 0.75)) / 7
    assert table["ece"] == pytest.approx(expected), f"ECE should be {expected:.4f}, got {table['ece']}"
    assert bins[0]["count"] == 0 and bins[0]["accuracy"] is None and bins[0]["avg_confidence"] is None
    assert (bins[3]["lower"], bins[3]["upper"]) == pytest.approx((0.3, 0.4))


def test_bin_edges_are_lower_exclusive_upper_inclusive():
    table = calibration_table(np.array([0.6, 0.7, 1.0, 0.0]), np.array([1, 0, 1, 0]), n_bins=10)
    counts = [b["count"] for b in table["bins"]]
    assert counts[5] == 1 and counts[6] == 1, f"0.6 belongs to (0.5, 0.6] and 0.7 to (0.6, 0.7]: {counts}"
    assert counts[9] == 1 and counts[0] == 1, f"1.0 goes in the last bin and 0.0 in the first: {counts}"


def test_perfect_calibration_has_zero_ece_and_overconfidence_does_not():
    conf = np.array([0.75] * 4 + [1.0] * 3)
    assert calibration_table(conf, np.array([1, 1, 1, 0, 1, 1, 1]))["ece"] == pytest.approx(0.0)
    rng = np.random.default_rng(0)
    conf = rng.uniform(0.9, 1.0, size=2000)
    correct = rng.random(2000) < 0.6  # says 95%, is right 60% of the time
    table = calibration_table(conf, correct, n_bins=5)
    assert len(table["bins"]) == 5
    assert table["ece"] == pytest.approx(conf.mean() - correct.mean(), abs=0.02)
    assert sum(b["count"] for b in table["bins"]) == 2000


def test_mismatched_shapes_are_rejected():
    with pytest.raises(ValueError):
        calibration_table(np.array([0.9, 0.8]), np.array([1]))


def _bin_of(c, n_bins):
    """(lower, upper] bins of equal width; 0.0 goes in the first one."""
    return max(0, int(np.ceil(c * n_bins)) - 1)


def test_random_predictions_against_counting_by_hand():
    """Predictions drawn at random (the seed is in the message), binned and weighed by hand.
    (Values exactly on an edge are checked above; here they are almost surely inside a bin.)"""
    seed = random.SystemRandom().randrange(2**31)
    rng = np.random.default_rng(seed)
    for _ in range(10):
        n, n_bins = int(rng.integers(1, 300)), int(rng.integers(1, 16))
        conf = rng.uniform(0.0, 1.0, size=n)
        correct = (rng.random(n) < conf ** 2).astype(int)
        table = calibration_table(conf, correct, n_bins=n_bins)
        assert len(table["bins"]) == n_bins, f"seed {seed}: {len(table['bins'])} bins, expected {n_bins}"
        ece = 0.0
        for i, b in enumerate(table["bins"]):
            in_bin = [(c, k) for c, k in zip(conf, correct) if _bin_of(c, n_bins) == i]
            assert b["count"] == len(in_bin), f"seed {seed}: bin {i} of {n_bins} holds {b['count']}, counted {len(in_bin)}"
            if in_bin:
                avg, acc = np.mean([c for c, _ in in_bin]), np.mean([k for _, k in in_bin])
                assert b["avg_confidence"] == pytest.approx(avg, abs=1e-4), f"seed {seed}: bin {i} of {n_bins}"
                assert b["accuracy"] == pytest.approx(acc, abs=1e-4), f"seed {seed}: bin {i} of {n_bins}"
                ece += len(in_bin) / n * abs(avg - acc)
            else:
                assert b["avg_confidence"] is None and b["accuracy"] is None
        assert table["ece"] == pytest.approx(ece, abs=1e-9), f"seed {seed}: ECE {table['ece']}, expected {ece}"
