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


def dcg_at_k(ranked: Sequence[int], relevant: Relevance, k: int) -> float:
    gains = _gains(relevant)
    return float(sum(gains.get(int(item), 0.0) / np.log2(pos + 2) for pos, item in enumerate(list(ranked)[:k])))


def ndcg_at_k(ranked: Sequence[int], relevant: Relevance, k: int) -> float:
    """NDCG@K with binary (list/set) or graded (dict item -> gain) relevance; 0 when nothing is relevant."""
    gains = _gains(relevant)
    ideal = sorted(gains.values(), reverse=True)[:k]
    idcg = sum(g / np.log2(pos + 2) for pos, g in enumerate(ideal))
    return dcg_at_k(ranked, gains, k) / idcg if idcg > 0 else 0.0


def recall_at_k(ranked: Sequence[int], relevant: Relevance, k: int) -> float:
    """Share of the relevant items that appear in the top k."""
    rel = set(_gains(relevant))
    if not rel:
        return 0.0
    return len(rel.intersection(int(i) for i in list(ranked)[:k])) / len(rel)


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


def evaluate_lists(ranked_lists, relevant_lists, n_items: int, k: int) -> dict:
    return {
        "ndcg_at_k": mean_metric(ndcg_at_k, ranked_lists, relevant_lists, k),
        "recall_at_k": mean_metric(recall_at_k, ranked_lists, relevant_lists, k),
        "coverage_at_k": catalogue_coverage(ranked_lists, n_items, k),
    }
