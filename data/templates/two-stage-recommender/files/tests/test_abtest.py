import numpy as np
import pytest

from {{package}}.abtest import ClickModel, per_user_totals, simulate_ab_test, welch_test


def test_welch_test_on_identical_samples():
    x = np.array([0.0, 1.0, 2.0, 1.0] * 50)
    r = welch_test(x, x)
    assert r["lift"] == 0.0 and r["p_value"] == pytest.approx(1.0)


def test_welch_test_detects_a_real_difference():
    rng = np.random.default_rng(0)
    r = welch_test(rng.binomial(1, 0.10, 20000), rng.binomial(1, 0.12, 20000))
    assert r["p_value"] < 0.01 and 0.05 < r["lift"] < 0.35
    lo, hi = r["lift_ci95"]
    assert lo < r["lift"] < hi


def test_position_bias_decreases():
    b = ClickModel.position_bias(10)
    assert b[0] == 1.0 and np.all(np.diff(b) < 0)


def _ab(dataset, smoke_cfg, arms, visits=3000, seed=3):
    return simulate_ab_test(dataset.world, arms, "control", np.arange(dataset.n_users), visits, 10,
                            np.exp(dataset.item_log_price), dataset.n_categories, smoke_cfg.signal_accuracy,
                            smoke_cfg.explore_prob, seed=seed)


def test_a_better_policy_wins_the_ab_test(dataset, smoke_cfg):
    w = dataset.world
    rng = np.random.default_rng(0)

    def random_policy(users, device, hour, signal):
        return rng.integers(0, dataset.n_items, size=(len(users), 10))

    def signal_aware_policy(users, device, hour, signal):
        # best 10 items of the signalled category by true utility: a near-oracle
        out = []
        for u, s, d in zip(users, signal, device):
            items = np.flatnonzero(dataset.item_category == s)
            util = w.utility(np.full(len(items), u), items, s, d)
            out.append(items[np.argsort(-util)[:10]])
        return np.asarray(out)

    res = _ab(dataset, smoke_cfg, {"control": random_policy, "oracle": signal_aware_policy}, visits=1500)
    oracle = res["arms"]["oracle"]
    assert oracle["ctr"] > res["arms"]["control"]["ctr"]
    assert oracle["ctr_lift"] > 0.5 and oracle["ctr_p_value"] < 1e-6
    assert oracle["conversion_lift"] > 0


def test_per_user_totals_sum_each_users_visits():
    num, visits = per_user_totals(np.array([5, 2, 5, 9, 2, 5]), np.array([1.0, 0.0, 2.0, 4.0, 1.0, 0.0]))
    np.testing.assert_allclose(num, [1.0, 3.0, 4.0])   # users 2, 5, 9 in sorted order
    np.testing.assert_allclose(visits, [2.0, 3.0, 1.0])


def test_arms_get_disjoint_users(dataset, smoke_cfg):
    seen = {}

    def recorder(name):
        def policy(users, device, hour, signal):
            seen[name] = set(users.tolist())
            return np.tile(np.arange(10), (len(users), 1))
        return policy

    res = _ab(dataset, smoke_cfg, {"control": recorder("control"), "copy": recorder("copy")}, visits=500)
    assert not seen["control"] & seen["copy"], "a user must never see two arms"
    assert res["significance"]  # the run says which test it used
