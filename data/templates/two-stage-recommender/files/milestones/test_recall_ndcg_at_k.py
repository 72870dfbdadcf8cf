"""Milestone recall-ndcg-at-k: recall@k and NDCG@k on small ranked lists with known answers."""
import math

import numpy as np
import pytest

from {{package}}.metrics import evaluate_lists, hit_rate_at_k, ndcg_at_k, recall_at_k


def test_recall_counts_the_share_of_relevant_items_in_the_top_k():
    assert recall_at_k([1, 2, 3, 4], {1, 4}, k=2) == pytest.approx(0.5), "top 2 = [1, 2] holds 1 of the 2 relevant items"
    assert recall_at_k([1, 2, 3, 4], {1, 4}, k=4) == pytest.approx(1.0)
    assert recall_at_k([9, 8, 7], {1, 2, 3}, k=3) == 0.0
    assert recall_at_k([1, 2], {1, 2, 3}, k=2) == pytest.approx(2 / 3)
    assert recall_at_k([1, 2], set(), k=2) == 0.0, "no relevant item: recall is 0.0 by convention"


def test_recall_reads_graded_relevance_and_arrays():
    assert recall_at_k(np.array([5, 1, 6]), {1: 2.0, 5: 0.0, 6: 1.0}, k=2) == pytest.approx(0.5), (
        "items with gain 0 are not relevant: {1, 6} are, and the top 2 holds 1 of them")
    assert recall_at_k([3, 4], [4], k=10) == pytest.approx(1.0), "a list shorter than k is read as it is"


def test_ndcg_discounts_by_position():
    assert ndcg_at_k([7], [7], k=10) == pytest.approx(1.0)
    assert ndcg_at_k([5, 7], [7], k=2) == pytest.approx(1 / math.log2(3)), "second slot: discount 1/log2(3) = 0.631"
    assert ndcg_at_k([5, 6, 7], [7], k=2) == 0.0, "the relevant item is below the cut-off"
    # relevant at slots 1 and 3: DCG = 1 + 1/2, ideal = 1 + 1/log2(3)
    assert ndcg_at_k([1, 9, 2], {1, 2}, k=3) == pytest.approx(1.5 / (1 + 1 / math.log2(3)), abs=1e-9)
    # item 8 is relevant but was not retrieved: the ideal ranking has it, so it counts against the score
    assert ndcg_at_k([5, 7], {7, 8}, k=2) == pytest.approx((1 / math.log2(3)) / (1 + 1 / math.log2(3)), abs=1e-9), (
        "the ideal DCG comes from the relevant items, including those the ranking missed")


def test_ndcg_with_graded_gains():
    gains = {1: 3.0, 2: 2.0, 3: 1.0}
    assert ndcg_at_k([1, 2, 3], gains, k=3) == pytest.approx(1.0)
    dcg = 1.0 + 3.0 / math.log2(3) + 2.0 / 2.0
    ideal = 3.0 + 2.0 / math.log2(3) + 1.0 / 2.0
    got = ndcg_at_k([3, 1, 2], gains, k=3)
    assert got == pytest.approx(dcg / ideal, abs=1e-9), f"expected {dcg / ideal:.4f} (= 0.8175), got {got}"


def test_the_ideal_ranking_is_cut_at_k_too():
    assert ndcg_at_k([1, 2], {1, 2, 3}, k=2) == pytest.approx(1.0), "no ranking of 2 slots can do better than 2 relevant items"
    assert ndcg_at_k([1, 2, 3], [], k=3) == 0.0, "no relevant item: NDCG is 0.0 by convention"
    for ranked in ([1, 2, 3], [3, 2, 1], [9, 1, 8, 2]):
        assert 0.0 <= ndcg_at_k(ranked, {1, 2}, k=3) <= 1.0


def test_single_held_out_item_recall_equals_hit_rate_and_ndcg_falls_with_rank():
    rng = np.random.default_rng(0)
    previous = 2.0
    for rank in range(10):
        ranked = list(rng.permutation(np.arange(100, 110)))
        ranked[rank] = 7
        assert recall_at_k(ranked, [7], 10) == hit_rate_at_k(ranked, [7], 10) == 1.0
        ndcg = ndcg_at_k(ranked, [7], 10)
        assert ndcg == pytest.approx(1 / math.log2(rank + 2))
        assert ndcg < previous
        previous = ndcg


def test_evaluate_lists_averages_over_users():
    m = evaluate_lists([[1, 2], [3, 4]], [[1], [9]], n_items=20, k=2)
    assert m["recall_at_k"] == pytest.approx(0.5)
    assert m["ndcg_at_k"] == pytest.approx(0.5)


def test_random_lists_with_graded_gains():
    rng = np.random.default_rng(5)
    for _ in range(60):
        ranked = [int(i) for i in rng.permutation(40)[:int(rng.integers(1, 25))]]
        relevant = {int(i): float(rng.integers(0, 4)) for i in rng.choice(40, int(rng.integers(1, 10)), replace=False)}
        k = int(rng.integers(1, 15))
        rel = [i for i, g in relevant.items() if g > 0]
        want_recall = len(set(rel) & set(ranked[:k])) / len(rel) if rel else 0.0
        assert recall_at_k(ranked, relevant, k) == pytest.approx(want_recall), (ranked, relevant, k)
        ideal_order = sorted(rel, key=lambda i: -relevant[i]) + [i for i in ranked if i not in rel]
        assert ndcg_at_k(ideal_order, relevant, k) == pytest.approx(1.0 if rel else 0.0), (
            "the items ordered by gain, best first, are the ideal ranking: NDCG 1.0")
        value = ndcg_at_k(ranked, relevant, k)
        assert 0.0 <= value <= 1.0 + 1e-12
        if rel and len(rel) <= k and not set(rel) <= set(ranked[:k]):
            assert value < 1.0, "a relevant item missing from the top k: the ranking is not ideal"
        hits = [p for p, i in enumerate(ranked[:k]) if relevant.get(i, 0) > 0]
        if not hits:
            assert value == 0.0, "no relevant item in the top k: NDCG 0"
        else:
            worse = list(ranked)
            worse[hits[0]] = 999  # the first relevant item of the top k replaced by an irrelevant one
            assert ndcg_at_k(worse, relevant, k) < value, "losing a relevant item from the top k must cost NDCG"
