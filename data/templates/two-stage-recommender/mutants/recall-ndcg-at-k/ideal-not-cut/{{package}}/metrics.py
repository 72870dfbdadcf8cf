"""Offline evaluation metrics: NDCG@K, recall@K, catalogue coverage and latency percentiles."""
from __future__ import annotations

import time
from typing import Callable, Iterable, Mapping, Sequence, Union

import numpy as np

Relevance = Union[Iterable[int], Mapping[int, float]]


def _gains(relevant: Relevance) -> dict:
    if isinstance(relevant, Mapping):
        return {int(k): float(v) for k, v in relevant.items() if v > 0}
    return {int(i): 1.0 for i in relevant}


def hit_rate_at_k(ranked: Sequence[int], relevant: Relevance, k: int) -> float:
    """1.0 when at least one relevant item is in the top k, else 0.0 (blind to position and to how many)."""
    rel = set(_gains(relevant))
    return float(any(int(i) in rel for i in list(ranked)[:k]))


def recall_at_k(ranked: Sequence[int], relevant: Relevance, k: int) -> float:
    """Share of the relevant items that appear in the top k of `ranked`; 0.0 when nothing is relevant.

    `relevant` is a list/set of item ids (binary relevance) or a dict item -> gain (an item
    with gain > 0 is relevant). `_gains(relevant)` turns both into a dict item -> gain.
    """
    rel = set(_gains(relevant))
    if not rel:
        return 0.0
    return len(rel.intersection(int(i) for i in list(ranked)[:k])) / len(rel)


def ndcg_at_k(ranked: Sequence[int], relevant: Relevance, k: int) -> float:
    """NDCG@k: DCG of the top k of `ranked` divided by the DCG of the ideal top k; 0.0 when nothing is relevant.

    DCG@k = sum over positions p = 0..k-1 of gain(item at p) / log2(p + 2): the first slot has
    discount 1, the second 1/log2(3), ... Binary relevance has gain 1; graded relevance (a dict)
    uses its gains. The ideal ranking puts the largest gains first.
    """
    gains = _gains(relevant)
    dcg = sum(gains.get(int(item), 0.0) / np.log2(pos + 2) for pos, item in enumerate(list(ranked)[:k]))
    ideal = sorted(gains.values(), reverse=True)
    idcg = sum(g / np.log2(pos + 2) for pos, g in enumerate(ideal))
    return float(dcg / idcg) if idcg > 0 else 0.0


def mean_metric(fn: Callable, ranked_lists, relevant_lists, k: int) -> float:
    values = [fn(r, rel, k) for r, rel in zip(ranked_lists, relevant_lists)]
    return float(np.mean(values)) if values else 0.0


def catalogue_coverage(ranked_lists, n_items: int, k: int) -> float:
    """Share of the catalogue that appears in at least one user's top k (in [0, 1])."""
    if n_items <= 0:
        return 0.0
    shown = set()
    for r in ranked_lists:
        shown.update(int(i) for i in list(r)[:k])
    return len(shown) / n_items


def latency_percentiles(samples_ms: Sequence[float]) -> dict:
    a = np.asarray(samples_ms, dtype=np.float64)
    if a.size == 0:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "mean_ms": 0.0}
    return {"p50_ms": float(np.percentile(a, 50)), "p95_ms": float(np.percentile(a, 95)), "mean_ms": float(a.mean())}


def time_calls(fn: Callable[[int], object], n: int) -> list:
    """Call fn(i) for i in range(n) and return each call's wall time in milliseconds."""
    out = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000.0)
    return out


def ranking_metrics_status() -> str:
    """Whether recall@k / NDCG@k are implemented in this run (visible in metrics.json)."""
    try:
        recall_at_k([0], [0], 1)
        ndcg_at_k([0], [0], 1)
    except NotImplementedError:
        return "fallback: recall@k and NDCG@k are stubs, reported as null; hit rate@k only"
    return "recall@k, NDCG@k"


def _mean_or_none(fn: Callable, ranked_lists, relevant_lists, k: int):
    try:
        return mean_metric(fn, ranked_lists, relevant_lists, k)
    except NotImplementedError:
        return None


def evaluate_lists(ranked_lists, relevant_lists, n_items: int, k: int) -> dict:
    """Mean recall@k, NDCG@k (None while they are stubs), hit rate@k and catalogue coverage@k."""
    return {
        "ndcg_at_k": _mean_or_none(ndcg_at_k, ranked_lists, relevant_lists, k),
        "recall_at_k": _mean_or_none(recall_at_k, ranked_lists, relevant_lists, k),
        "hit_rate_at_k": mean_metric(hit_rate_at_k, ranked_lists, relevant_lists, k),
        "coverage_at_k": catalogue_coverage(ranked_lists, n_items, k),
    }


def curves_over_k(ranked_lists, relevant_lists, ks) -> dict:
    """recall@k, NDCG@k (None while stubs) and hit rate@k for each k in ks: the data of the k-curves plots."""
    return {
        "k": [int(k) for k in ks],
        "recall": [_mean_or_none(recall_at_k, ranked_lists, relevant_lists, k) for k in ks],
        "ndcg": [_mean_or_none(ndcg_at_k, ranked_lists, relevant_lists, k) for k in ks],
        "hit_rate": [mean_metric(hit_rate_at_k, ranked_lists, relevant_lists, k) for k in ks],
    }
