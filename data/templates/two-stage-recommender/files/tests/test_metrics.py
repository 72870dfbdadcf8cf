import pytest

from {{package}}.metrics import (
    catalogue_coverage,
    curves_over_k,
    evaluate_lists,
    hit_rate_at_k,
    latency_percentiles,
)


def test_hit_rate_is_one_when_any_relevant_item_is_in_the_top_k():
    assert hit_rate_at_k([1, 2, 3, 4], {4, 9}, k=4) == 1.0
    assert hit_rate_at_k([1, 2, 3, 4], {4, 9}, k=3) == 0.0
    assert hit_rate_at_k([1, 2], set(), k=2) == 0.0
    assert hit_rate_at_k([1, 2], {1: 0.0, 2: 1.0}, k=2) == 1.0  # gain 0 is not relevant; item 2 is


def test_catalogue_coverage_is_a_share_of_the_catalogue():
    lists = [[0, 1, 2], [2, 3, 4]]
    assert catalogue_coverage(lists, n_items=10, k=3) == pytest.approx(0.5)
    assert catalogue_coverage(lists, n_items=10, k=1) == pytest.approx(0.2)
    assert catalogue_coverage([list(range(10))], n_items=10, k=10) == 1.0
    assert catalogue_coverage([], n_items=10, k=3) == 0.0


def test_evaluate_lists_values_are_in_range_or_reported_missing():
    m = evaluate_lists([[1, 2], [3, 4]], [[1], [9]], n_items=20, k=2)
    assert m["hit_rate_at_k"] == pytest.approx(0.5)
    assert m["coverage_at_k"] == pytest.approx(0.2)
    for key in ("recall_at_k", "ndcg_at_k"):  # None while the exercise recall-ndcg-at-k is a stub
        assert m[key] is None or 0.0 <= m[key] <= 1.0


def test_curves_over_k_grow_with_k():
    c = curves_over_k([[1, 2, 3], [4, 5, 6]], [[3], [4]], [1, 2, 3])
    assert c["k"] == [1, 2, 3]
    assert c["hit_rate"] == pytest.approx([0.5, 0.5, 1.0])
    for key in ("recall", "ndcg"):
        assert len(c[key]) == 3


def test_latency_percentiles():
    p = latency_percentiles(list(range(1, 101)))
    assert p["p50_ms"] == pytest.approx(50.5)
    assert p["p50_ms"] <= p["p95_ms"] <= 100
