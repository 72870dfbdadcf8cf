"""Milestone approximate-index: an HNSW index that returns most of the exact top k, with inner-product scores."""
import numpy as np
import pytest

faiss = pytest.importorskip("faiss", reason="this exercise needs faiss (pip install faiss-cpu)")

from {{package}}.ann import HNSWIndex, compare_with_approximate  # noqa: E402
from {{package}}.retrieval import ExactIndex  # noqa: E402


def _clustered(n, d, seed):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(20, d))
    v = centres[rng.integers(0, 20, n)] + 0.5 * rng.normal(size=(n, d))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


ITEMS, QUERIES = _clustered(3000, 32, 0), _clustered(40, 32, 1)


def test_search_returns_k_items_best_first_with_inner_product_scores():
    index = HNSWIndex(ITEMS)
    assert index.ntotal == len(ITEMS), f"the index should hold {len(ITEMS)} vectors, has {index.ntotal}"
    scores, ids = index.search(QUERIES, 50)
    assert ids.shape == (40, 50) and scores.shape == (40, 50), f"expected (40, 50) arrays, got {ids.shape}"
    assert ids.dtype == np.int64
    assert (ids >= 0).all(), "-1 ids: the search returned fewer than k items (is efSearch at least k?)"
    dots = np.take_along_axis(QUERIES @ ITEMS.T, ids, axis=1)
    np.testing.assert_allclose(scores, dots, atol=1e-4, err_msg=(
        "scores must be inner products of query and item (HNSW's default metric is L2)"))
    assert np.all(np.diff(scores, axis=1) <= 1e-6), "results must be sorted best first"


def test_it_is_approximate_and_finds_most_of_the_exact_top_k():
    index = HNSWIndex(ITEMS)
    assert not isinstance(index.index, faiss.IndexFlat), "that is the exact flat index again: build an HNSW (or IVF) index"
    _, approx = index.search(QUERIES, 100)
    _, exact = ExactIndex(ITEMS).search(QUERIES, 100)
    recall = np.mean([len(np.intersect1d(a, e)) / 100 for a, e in zip(approx, exact)])
    assert recall >= 0.9, f"the approximate top 100 should hold at least 90% of the exact top 100, got {recall:.3f}"


def test_the_run_reports_recall_and_latency_against_exact_search():
    res = compare_with_approximate(ExactIndex(ITEMS), ITEMS, QUERIES, 100, n_timed=10)
    assert res["status"] == "implemented", res["status"]
    assert 0.9 <= res["recall_vs_exact"] <= 1.0
    assert res["p50_ms"] > 0 and res["exact_p50_ms"] > 0
