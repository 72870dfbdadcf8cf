import numpy as np
import pytest
import torch

from {{package}} import retrieval
from {{package}}.retrieval import ExactIndex, build_index, pointwise_fallback_loss, retrieve, training_examples


def _vectors(n, d, seed):
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_exact_index_matches_brute_force():
    items, queries = _vectors(500, 16, 0), _vectors(20, 16, 1)
    scores, ids = ExactIndex(items).search(queries, 25)
    brute = np.argsort(-(queries @ items.T), axis=1)[:, :25]
    np.testing.assert_array_equal(ids, brute)
    assert np.all(np.diff(scores, axis=1) <= 1e-6)  # sorted, best first


def test_faiss_index_equals_exact_search():
    pytest.importorskip("faiss")
    items, queries = _vectors(2000, 32, 2), _vectors(50, 32, 3)
    f_scores, f_ids = retrieval.FaissIndex(items).search(queries, 100)
    e_scores, e_ids = ExactIndex(items).search(queries, 100)
    np.testing.assert_array_equal(f_ids, e_ids)
    np.testing.assert_allclose(f_scores, e_scores, rtol=1e-4, atol=1e-5)
    assert build_index(items, "auto").backend == "faiss"


def test_exact_backend_is_used_when_asked_or_when_faiss_is_missing(monkeypatch):
    items = _vectors(100, 8, 4)
    assert build_index(items, "exact").backend == "exact"
    monkeypatch.setattr(retrieval, "faiss", None)
    assert build_index(items, "auto").backend == "exact"
    with pytest.raises(ImportError):
        build_index(items, "faiss")
    with pytest.raises(ValueError):
        build_index(items, "annoy")


def test_retrieve_skips_history_and_returns_k_distinct_items():
    items, queries = _vectors(300, 8, 5), _vectors(4, 8, 6)
    index = ExactIndex(items)
    _, top = index.search(queries, 5)
    exclude = [top[i, :3] for i in range(4)]
    ids, scores = retrieve(index, queries, 10, exclude)
    assert ids.shape == (4, 10)
    for row, ex in zip(ids, exclude):
        assert len(set(row)) == 10 and not set(row) & set(ex)
    assert np.all(np.diff(scores, axis=1) <= 1e-6)


def test_fallback_loss_prefers_aligned_pairs():
    torch.manual_seed(0)
    v = torch.nn.functional.normalize(torch.randn(8, 16), dim=-1)
    aligned = pointwise_fallback_loss(v, v, temperature=0.1)
    shuffled = pointwise_fallback_loss(v, v.roll(3, 0), temperature=0.1)
    assert aligned < shuffled and torch.isfinite(aligned)


def test_training_history_only_contains_earlier_items(dataset, smoke_cfg):
    inputs, positives = training_examples(dataset.retrieval_train, dataset, smoke_cfg.history_len)
    assert len(positives) == len(dataset.retrieval_train)
    pad = dataset.n_items
    # the first example of every user has an empty history, and no example sees its own positive
    assert all(p not in set(h[h != pad]) for h, p in zip(inputs.history[:500], positives[:500]))
    first = np.r_[True, inputs.user[1:] != inputs.user[:-1]]
    assert np.all(inputs.history[first] == pad)
    np.testing.assert_allclose(inputs.cat_share[~first].sum(1), 1.0)


def test_two_tower_retrieves_far_better_than_random(smoke_run):
    metrics, _ = smoke_run
    r = metrics["retrieval"]
    random_recall = r["candidates_per_user"] / metrics["data"]["items"]
    assert r["recall_at_candidates"] > 3 * random_recall
    assert r["loss_last_epoch"] < r["loss_first_epoch"]
    assert len(r["loss_per_epoch"]) == r["epochs_run"] == len(r["validation_recall_per_epoch"])
    assert r["validation_recall"] == max(r["validation_recall_per_epoch"])  # the best epoch is the one kept
