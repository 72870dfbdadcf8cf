import math

import pytest

from {{package}}.metrics import (
    catalogue_coverage,
    evaluate_lists,
    latency_percentiles,
    ndcg_at_k,
    recall_at_k,
)


def test_ndcg_of_a_perfect_ranking_is_one():
    assert ndcg_at_k([3, 1, 2, 9, 8], {3, 1, 2}, k=5) == pytest.approx(1.0)
    assert ndcg_at_k([7], [7], k=10) == pytest.approx(1.0)


def test_ndcg_of_a_perfect_graded_ranking_is_one_and_a_swap_is_less():
    gains = {1: 3.0, 2: 2.0, 3: 1.0}
    assert ndcg_at_k([1, 2, 3], gains, k=3) == pytest.approx(1.0)
    assert ndcg_at_k([3, 2, 1], gains, k=3) < 1.0


def test_ndcg_discounts_by_position():
    assert ndcg_at_k([5, 7], [7], k=2) == pytest.approx(1.0 / math.log2(3))
    assert ndcg_at_k([5, 6, 7], [7], k=2) == 0.0  # relevant item below the cut-off


def test_ndcg_without_relevant_items_is_zero_and_always_in_unit_interval():
    assert ndcg_at_k([1, 2, 3], [], k=3) == 0.0
    for ranked in ([1, 2, 3], [3, 2, 1], [9, 1, 8, 2]):
        assert 0.0 <= ndcg_at_k(ranked, {1, 2}, k=3) <= 1.0


def test_recall_at_k():
    assert recall_at_k([1, 2, 3, 4], {1, 4}, k=2) == pytest.approx(0.5)
    assert recall_at_k([1, 2, 3, 4], {1, 4}, k=4) == pytest.approx(1.0)
    assert recall_at_k([1, 2], set(), k=2) == 0.0


def test_catalogue_coverage_is_a_share_of_the_catalogue():
    lists = [[0, 1, 2], [2, 3, 4]]
    assert catalogue_coverage(lists, n_items=10, k=3) == pytest.approx(0.5)
    assert catalogue_coverage(lists, n_items=10, k=1) == pytest.approx(0.2)
    assert catalogue_coverage([list(range(10))], n_items=10, k=10) == 1.0
    assert catalogue_coverage([], n_items=10, k=3) == 0.0


def test_evaluate_lists_values_are_in_range():
    m = evaluate_lists([[1, 2], [3, 4]], [[1], [9]], n_items=20, k=2)
    assert m["recall_at_k"] == pytest.approx(0.5)
    assert m["ndcg_at_k"] == pytest.approx(0.5)
    assert 0.0 <= m["coverage_at_k"] <= 1.0


def test_latency_percentiles():
    p = latency_percentiles(list(range(1, 101)))
    assert p["p50_ms"] == pytest.approx(50.5)
    assert p["p50_ms"] <= p["p95_ms"] <= 100
