"""Milestone psi-drift-score: write psi_from_counts in {{package}}/drift_psi.py.

    python -m pytest milestones/test_psi_drift_score.py
"""
import numpy as np
import pytest
from exercise_helpers import written

from {{package}}.drift import psi_categorical, psi_numeric
from {{package}}.drift_psi import psi_from_counts


psi = written(psi_from_counts, "{{package}}/drift_psi.py")


def test_identical_distributions_score_zero():
    value = psi([10, 20, 30, 40], [10, 20, 30, 40])
    assert value == pytest.approx(0.0, abs=1e-12), f"PSI of a histogram with itself should be 0, got {value}"
    value = psi([1, 2, 3, 4], [100, 200, 300, 400])
    assert value == pytest.approx(0.0, abs=1e-12), (
        f"[1,2,3,4] and [100,200,300,400] are the same distribution (compare proportions, not counts); got {value}")


def test_known_values_on_fixed_histograms():
    expected = 0.4 * np.log(0.9 / 0.5) + 0.4 * np.log(0.5 / 0.1)  # 50/50 → 90/10
    value = psi([50, 50], [90, 10])
    assert value == pytest.approx(expected, rel=1e-3), f"PSI([50,50] → [90,10]) should be {expected:.4f}, got {value}"
    expected = 0.1 * np.log(0.3 / 0.2) + 0.0 + (-0.1) * np.log(0.4 / 0.5)  # 20/30/50 → 30/30/40
    value = psi([20, 30, 50], [30, 30, 40])
    assert value == pytest.approx(expected, rel=1e-3), f"PSI([20,30,50] → [30,30,40]) should be {expected:.4f}, got {value}"


def test_empty_bins_give_a_finite_value_through_eps():
    value = psi([10, 0], [5, 5])
    assert np.isfinite(value), f"an empty reference bin must not give inf/nan (replace proportions below eps by eps); got {value}"
    expected = (0.5 - 1.0) * np.log(0.5 / 1.0) + (0.5 - 1e-4) * np.log(0.5 / 1e-4)
    assert value == pytest.approx(expected, rel=0.02), f"PSI([10,0] → [5,5]) with eps=1e-4 should be about {expected:.3f}, got {value}"
    assert psi([10, 0], [5, 5], eps=1e-6) > value, "a smaller eps should give a larger PSI for an empty bin: use the eps argument"
    assert np.isfinite(psi([0, 10, 5], [4, 0, 6])), "empty bins on both sides must stay finite"


def test_psi_is_symmetric_and_never_negative():
    rng = np.random.default_rng(3)
    for _ in range(20):
        a, b = rng.integers(0, 50, 8), rng.integers(0, 50, 8)
        a[0] += 1
        b[0] += 1
        assert psi(a, b) >= 0, f"PSI is a sum of (c-r)·ln(c/r) terms, each >= 0; got {psi(a, b)} for {a} vs {b}"
        assert psi(a, b) == pytest.approx(psi(b, a)), "PSI(a, b) should equal PSI(b, a)"


def test_random_two_bin_histograms_score_their_known_value():
    rng = np.random.default_rng(8)
    for _ in range(25):
        r, c = rng.uniform(0.05, 0.95, 2)
        n_ref, n_cur = rng.integers(100, 5000, 2)
        ref = [r * n_ref, (1 - r) * n_ref]
        cur = [c * n_cur, (1 - c) * n_cur]
        expected = (c - r) * np.log(c / r) + (r - c) * np.log((1 - c) / (1 - r))
        assert psi(ref, cur) == pytest.approx(expected, rel=1e-3, abs=1e-9), (
            f"shares {r:.3f}/{1 - r:.3f} → {c:.3f}/{1 - c:.3f}: PSI should be {expected:.4f}, got {psi(ref, cur)}")


@pytest.mark.parametrize("ref, cur", [([1, 2, 3], [1, 2]), ([10, 20, 30, 20, 10], [7]), ([5], [1, 2, 3, 4, 5])])
def test_histograms_over_different_bins_are_refused(ref, cur):
    with pytest.raises(ValueError):
        psi(ref, cur)  # a 1-bin histogram would broadcast silently onto 5 bins and score a number


def test_a_histogram_without_observations_is_refused():
    with pytest.raises(ValueError):
        psi([0, 0, 0], [1, 2, 3])
    with pytest.raises(ValueError):
        psi([1, 2, 3], [0, 0, 0])


def test_psi_on_features_separates_stable_from_shifted():
    rng = np.random.default_rng(0)
    ref = rng.normal(0, 1, 5000)
    try:
        same, shifted = psi_numeric(ref, rng.normal(0, 1, 5000)), psi_numeric(ref, rng.normal(0.8, 1, 5000))
        cat_same = psi_categorical(["a"] * 50 + ["b"] * 50, ["b"] * 50 + ["a"] * 50)
        cat_shift = psi_categorical(["a"] * 50 + ["b"] * 50, ["a"] * 90 + ["b"] * 10)
    except NotImplementedError as exc:
        pytest.fail(f"psi_from_counts still raises NotImplementedError({exc})")
    assert same < 0.02, f"same distribution: PSI should be below 0.02 (stable), got {same:.3f}"
    assert shifted > 0.2, f"mean shifted by 0.8 sd: PSI should be above 0.2 (significant), got {shifted:.3f}"
    assert cat_same == pytest.approx(0.0, abs=1e-12) and cat_shift > 0.2
