"""The population stability index (PSI): how far a feature's distribution has moved.

drift.py bins each feature (deciles of the reference for numbers, categories for categoricals)
and calls psi_from_counts with the two histograms.
"""
from __future__ import annotations

import numpy as np

EPS = 1e-4


def psi_from_counts(reference_counts, current_counts, eps: float = EPS) -> float:
    """Population stability index of two histograms over the same bins.

    reference_counts and current_counts: 1-D sequences of non-negative counts, one per bin, in
    the same bin order; their totals may differ (PSI compares each histogram's share per bin).
    Returns a float: 0 for identical distributions, positive otherwise, the same whichever
    histogram comes first, and finite when a bin is empty on either side: a share below `eps`
    counts as `eps` (so a smaller eps makes an empty bin weigh more). Rule of thumb: < 0.1
    stable, 0.1-0.2 moderate, >= 0.2 significant shift.
    Raises ValueError when the histograms do not have the same number of bins (never broadcast
    one onto the other), or when either holds no observation.
    """
    ref = np.asarray(reference_counts, dtype=float)
    cur = np.asarray(current_counts, dtype=float)
    if ref.shape != cur.shape:
        raise ValueError(f"histograms over different bins: {ref.shape} vs {cur.shape}")
    if ref.sum() <= 0 or cur.sum() <= 0:
        raise ValueError("a histogram with no observations has no distribution to compare")
    ref_pct = np.clip(ref / ref.sum(), eps, None)
    cur_pct = np.clip(cur / cur.sum(), eps, None)
    return float(np.sum(cur_pct * np.log(cur_pct / ref_pct)) + np.sum(ref_pct * np.log(ref_pct / cur_pct)))
