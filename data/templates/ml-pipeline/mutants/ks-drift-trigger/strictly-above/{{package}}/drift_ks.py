"""The Kolmogorov-Smirnov drift test of one numeric feature, the trigger for retraining."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats


def ks_drift(reference, current, threshold: float) -> dict:
    """Two-sample Kolmogorov-Smirnov drift test of one numeric feature.

    Missing values are dropped from both samples. Returns {"statistic", "pvalue", "drifted"}:
    drifted when the KS statistic (the largest gap between the two empirical CDFs) is at least
    `threshold`. Not the p-value: with tens of thousands of rows every harmless shift has a
    tiny p-value. Raises ValueError when either sample has no values.
    """
    ref = pd.to_numeric(pd.Series(reference), errors="coerce").dropna().to_numpy(dtype=float)
    cur = pd.to_numeric(pd.Series(current), errors="coerce").dropna().to_numpy(dtype=float)
    if len(ref) == 0 or len(cur) == 0:
        raise ValueError(f"KS needs values on both sides: {len(ref)} reference, {len(cur)} current")
    result = stats.ks_2samp(ref, cur)
    statistic = float(result.statistic)
    return {"statistic": statistic, "pvalue": float(result.pvalue), "drifted": bool(statistic > threshold)}
