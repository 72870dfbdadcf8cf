"""Milestone delta-method-ab-test: ratio metrics compared per user, with the delta method."""
import math

import numpy as np
import pytest

from {{package}}.abtest import delta_ratio_test, per_user_totals, welch_test


def _linearised_se(num, den):
    # An independent route to the delta-method variance of a ratio of sums:
    # Var(R) ~= Var(num - R*den) / (n * mean(den)^2)
    num, den = np.asarray(num, float), np.asarray(den, float)
    r = num.sum() / den.sum()
    return math.sqrt(np.var(num - r * den, ddof=1) / (len(num) * den.mean() ** 2)), r


def _arm(rng, users, rate):
    """Per-user totals: visits vary by user, and so does how much a user clicks (true ratio = rate)."""
    visits = 1 + rng.poisson(4, users)
    propensity = rng.gamma(2.0, 0.5, users)  # mean 1
    clicks = rng.binomial(visits, np.clip(rate * propensity, 0, 1))
    return clicks.astype(float), visits.astype(float)


def test_the_lift_is_the_ratio_of_sums():
    num_c, den_c = [1, 0, 3, 2], [2, 1, 4, 3]     # R_c = 6 / 10 = 0.6
    num_t, den_t = [2, 1, 4, 3], [2, 2, 4, 3]     # R_t = 10 / 11
    res = delta_ratio_test(num_c, den_c, num_t, den_t)
    assert res["lift"] == pytest.approx((10 / 11) / 0.6 - 1), (
        f"lift is the ratio of sums: (10/11) / (6/10) - 1 = {(10 / 11) / 0.6 - 1:.4f}, got {res['lift']} "
        f"(not the mean of per-user ratios)")


def test_z_p_value_and_interval_on_a_known_experiment():
    rng = np.random.default_rng(11)
    (num_c, den_c), (num_t, den_t) = _arm(rng, 800, 0.10), _arm(rng, 800, 0.12)
    res = delta_ratio_test(num_c, den_c, num_t, den_t)
    se_c, rc = _linearised_se(num_c, den_c)
    se_t, rt = _linearised_se(num_t, den_t)
    se = math.hypot(se_c, se_t)
    assert res["lift"] == pytest.approx(rt / rc - 1, rel=1e-9)
    assert res["z"] == pytest.approx((rt - rc) / se, rel=1e-2), (
        f"z is (R_t - R_c) / SE with SE from both arms' delta-method variances: expected {(rt - rc) / se:.4f}, "
        f"got {res['z']:.4f}")
    assert res["p_value"] == pytest.approx(math.erfc(abs((rt - rc) / se) / math.sqrt(2)), rel=2e-2), (
        "two-sided normal p-value of z")
    se_lift = math.sqrt(se_t ** 2 / rc ** 2 + rt ** 2 * se_c ** 2 / rc ** 4)
    lo, hi = res["lift_ci95"]
    lift = rt / rc - 1
    assert lo == pytest.approx(lift - 1.96 * se_lift, rel=1e-2) and hi == pytest.approx(lift + 1.96 * se_lift, rel=1e-2), (
        f"expected the interval [{lift - 1.96 * se_lift:.4f}, {lift + 1.96 * se_lift:.4f}] of R_t / R_c - 1, with the "
        f"uncertainty of both ratios; got [{lo:.4f}, {hi:.4f}]")


def test_the_lift_interval_holds_the_true_lift_95_percent_of_the_time():
    # true ratios 0.08 and 0.16: the true lift is +100%. 400 experiments of 1000 users per arm.
    rng = np.random.default_rng(4)
    covered = []
    for _ in range(400):
        (num_c, den_c), (num_t, den_t) = _arm(rng, 1000, 0.08), _arm(rng, 1000, 0.16)
        lo, hi = delta_ratio_test(num_c, den_c, num_t, den_t)["lift_ci95"]
        covered.append(lo <= 1.0 <= hi)
    coverage = float(np.mean(covered))
    assert 0.92 <= coverage <= 0.98, (
        f"a 95% interval of the lift should hold the true lift (+100%) in about 95% of experiments, held it in "
        f"{coverage:.1%}. R_c in the denominator is an estimate too: its variance belongs in the interval.")


def test_identical_arms_show_no_effect():
    num, den = [1, 0, 3, 2, 5], [2, 1, 4, 3, 6]
    res = delta_ratio_test(num, den, num, den)
    assert res["lift"] == 0.0 and res["z"] == 0.0
    assert res["p_value"] == pytest.approx(1.0)
    lo, hi = res["lift_ci95"]
    assert lo < 0 < hi


def _clustered_arm(rng, users=100, visits=30):
    ids = np.repeat(np.arange(users), visits)
    rate = rng.gamma(1.0, 0.1, size=users)[ids]  # users differ a lot in how much they click
    return ids, rng.binomial(1, np.clip(rate, 0, 1)).astype(float)


def test_the_interval_widens_when_visits_cluster_by_user():
    rng = np.random.default_rng(1)
    (uc, yc), (ut, yt) = _clustered_arm(rng), _clustered_arm(rng)
    naive = welch_test(yc, yt)
    clustered = delta_ratio_test(*per_user_totals(uc, yc), *per_user_totals(ut, yt))
    assert clustered["lift"] == pytest.approx(naive["lift"]), "same data, same point estimate"
    width = lambda r: r["lift_ci95"][1] - r["lift_ci95"][0]  # noqa: E731
    assert width(clustered) > 1.5 * width(naive), (
        f"visits of one user are correlated: the per-user interval ({width(clustered):.3f}) should be much "
        f"wider than the per-visit one ({width(naive):.3f})")


def test_aa_tests_are_significant_about_5_percent_of_the_time():
    rng = np.random.default_rng(2)
    p = []
    for _ in range(300):
        (uc, yc), (ut, yt) = _clustered_arm(rng, 80, 20), _clustered_arm(rng, 80, 20)
        p.append(delta_ratio_test(*per_user_totals(uc, yc), *per_user_totals(ut, yt))["p_value"])
    rate = float(np.mean(np.asarray(p) < 0.05))
    assert 0.01 <= rate <= 0.10, f"A/A false-positive rate at alpha 0.05 should be near 5%, got {rate:.1%}"
