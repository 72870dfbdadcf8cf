"""The Kolmogorov-Smirnov drift test of one numeric feature, the trigger for retraining."""
from __future__ import annotations

import numpy as np  # noqa: F401  (you will need them)
import pandas as pd  # noqa: F401
from scipy import stats  # noqa: F401


def ks_drift(reference, current, threshold: float) -> dict:
    """Two-sample Kolmogorov-Smirnov drift test of one numeric feature.

    Missing values are dropped from both samples. Returns {"statistic", "pvalue", "drifted"}:
    drifted when the KS statistic (the largest gap between the two empirical CDFs) is at least
    `threshold`. Not the p-value: with tens of thousands of rows every harmless shift has a
    tiny p-value. Raises ValueError when either sample has no values.
    """
    # TODO(milestone: ks-drift-trigger)
    raise NotImplementedError("Trigger retraining with a Kolmogorov-Smirnov drift test")
