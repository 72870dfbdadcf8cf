"""The population stability index (PSI): how far a feature's distribution has moved.

drift.py bins each feature (deciles of the reference for numbers, categories for categoricals)
and calls psi_from_counts with the two histograms.
"""
from __future__ import annotations

import numpy as np  # noqa: F401  (you will need it)

EPS = 1e-4


def psi_from_counts(reference_counts, current_counts, eps: float = EPS) -> float:
    """Population stability index of two histograms over the same bins.

    Counts → proportions (each histogram divided by its own total); a proportion below `eps`
    is replaced by `eps` (an empty bin would otherwise give log(0)); then
    PSI = sum over bins of (current% - reference%) * ln(current% / reference%).
    0 for identical distributions; < 0.1 stable, 0.1-0.2 moderate, >= 0.2 significant shift.
    Raises ValueError when the two histograms do not have the same number of bins.
    """
    # TODO(milestone: psi-drift-score)
    raise NotImplementedError("Score drift with the population stability index (PSI)")
