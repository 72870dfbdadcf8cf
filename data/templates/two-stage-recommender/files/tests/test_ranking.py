import numpy as np
import pytest
import torch

from {{package}}.ranking import (
    DENSE_FEATURES,
    FeatureContext,
    WideAndDeep,
    auc,
    build_features,
    rank_candidates,
)


@pytest.fixture(scope="module")
def ctx(dataset):
    return FeatureContext.from_events(dataset.all_train, dataset)


def test_feature_shapes_and_session_match(dataset, ctx):
    n = 6
    users = np.arange(n)
    items = np.arange(n)
    signal = dataset.item_category[items].copy()
    signal[::2] = (signal[::2] + 1) % dataset.n_categories
    f = build_features(ctx, users, items, np.zeros(n, int), np.full(n, 13), signal, np.zeros(n))
    assert f["categorical"].shape == (n, 6)
    assert f["wide"].shape[0] == n and 0 <= int(f["wide"].min()) and int(f["wide"].max()) < ctx.wide_size()
    assert f["dense"].shape == (n, len(DENSE_FEATURES))
    match = f["dense"][:, DENSE_FEATURES.index("session_match")].numpy()
    np.testing.assert_array_equal(match, [0, 1, 0, 1, 0, 1])


def test_history_aggregates_are_shares(ctx):
    np.testing.assert_allclose(ctx.user_cat_share.sum(1), 1.0)
    assert np.all(ctx.user_cat_share[np.arange(len(ctx.user_top_cat)), ctx.user_top_cat] >= ctx.user_cat_share.max(1) - 1e-12)


def test_wide_and_deep_outputs_one_logit_per_row(dataset, ctx):
    model = WideAndDeep(ctx.cat_vocab(), ctx.wide_size(), len(DENSE_FEATURES))
    f = build_features(ctx, np.zeros(5, int), np.arange(5), np.ones(5, int), np.zeros(5, int), np.zeros(5, int), np.ones(5))
    out = model(f["categorical"], f["wide"], f["dense"])
    assert out.shape == (5,) and torch.isfinite(out).all()


def test_rank_candidates_returns_top_k_of_the_candidates(dataset, ctx):
    torch.manual_seed(0)
    model = WideAndDeep(ctx.cat_vocab(), ctx.wide_size(), len(DENSE_FEATURES))
    cand = np.tile(np.arange(30), (3, 1))
    top = rank_candidates(model, ctx, np.arange(3), cand, np.zeros((3, 30)), np.zeros(3, int), np.zeros(3, int),
                          np.zeros(3, int), k=10)
    assert top.shape == (3, 10)
    assert all(set(row) <= set(range(30)) and len(set(row)) == 10 for row in top)


def test_auc():
    assert auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.8, 0.9])) == 1.0
    assert auc(np.array([0, 0, 1, 1]), np.array([0.9, 0.8, 0.2, 0.1])) == 0.0
    assert auc(np.array([0, 1]), np.array([0.5, 0.5])) == 0.5


def test_ranker_improves_on_retrieval_order(smoke_run):
    metrics, _ = smoke_run
    v = metrics["versions"]
    assert v["two_stage"]["hit_rate_at_k"] > v["retrieval_only"]["hit_rate_at_k"]
    assert metrics["ranking"]["hit_rate_lift_vs_retrieval"] > 0
    assert metrics["ranking"]["validation_auc"] > 0.7
    assert metrics["ranking"]["realtime_signal_importance"] > 0


def test_without_crosses_the_wide_part_is_one_shared_bias(dataset, ctx, monkeypatch):
    from {{package}} import ranking

    def stub(*args):
        raise NotImplementedError("stub")

    monkeypatch.setattr(ranking, "cross_features", stub)
    f = build_features(ctx, np.zeros(4, int), np.arange(4), np.ones(4, int), np.zeros(4, int), np.zeros(4, int), np.ones(4))
    assert f["wide"].shape == (4, 1) and int(f["wide"].abs().sum()) == 0
    assert ranking.wide_crosses_status().startswith("fallback")
