"""Milestone delta-method-ab-test: ratio metrics compared per user, with the delta method."""
import math

import numpy as np
import pytest

from {{package}}.abtest import delta_ratio_test, per_user_totals, welch_test


def _linearised_se(num, den):
    # An independent route to the same variance: Var(R) ~= Var(num - R*den) / (n * mean(den)^2)
    num, den = np.asarray(num, float), np.asarray(den, float)
    r = num.sum() / den.sum()
    return math.sqrt(np.var(num - r * den, ddof=1) / (len(num) * den.mean() ** 2)), r


def test_a_small_example_worked_out_by_hand():
    # control: 4 users, clicks / visits; treatment: 4 users
    num_c, den_c = [1, 0, 3, 2], [2, 1, 4, 3]     # R_c = 6 / 10 = 0.6
    num_t, den_t = [2, 1, 4, 3], [2, 2, 4, 3]     # R_t = 10 / 11
    res = delta_ratio_test(num_c, den_c, num_t, den_t)
    assert res["lift"] == pytest.approx((10 / 11) / 0.6 - 1), (
        f"lift is the ratio of sums: (10/11) / (6/10) - 1 = {(10 / 11) / 0.6 - 1:.4f}, got {res['lift']}")
    se_c, rc = _linearised_se(num_c, den_c)
    se_t, rt = _linearised_se(num_t, den_t)
    se = math.hypot(se_c, se_t)
    assert res["z"] == pytest.approx((rt - rc) / se, rel=1e-6), f"z should be {(rt - rc) / se:.4f}, got {res['z']}"
    assert res["p_value"] == pytest.approx(math.erfc(abs((rt - rc) / se) / math.sqrt(2)), rel=1e-6)
    lo, hi = res["lift_ci95"]
    assert lo == pytest.approx((rt - rc - 1.96 * se) / rc, rel=1e-6) and hi == pytest.approx((rt - rc + 1.96 * se) / rc, rel=1e-6)


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
