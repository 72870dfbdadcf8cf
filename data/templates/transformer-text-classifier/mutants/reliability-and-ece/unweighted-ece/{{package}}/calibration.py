"""Calibration: when the model says "90% sure", is it right 90% of the time?

The reliability table bins the predictions by confidence (the probability of the predicted
class) and compares, in each bin, the mean confidence with the accuracy. The expected
calibration error (ECE) is the count-weighted mean of |mean confidence - accuracy| over the
bins. ``reliability_diagram`` in plots.py draws the table.
"""
from typing import Dict

import numpy as np

FALLBACK_STATUS = "fallback: not computed (calibration_table not written yet)"


def calibration_table(confidences: np.ndarray, correct: np.ndarray, n_bins: int = 10) -> Dict[str, object]:
    """Reliability bins over [0, 1] and the expected calibration error (ECE).

    Returns ``{"bins": [...], "ece": float}`` with ``n_bins`` equal-width bins, in order. Bin i
    holds the confidences in (lower, upper], except that the first bin also holds 0.0. Each bin
    is a dict with keys ``lower``, ``upper``, ``count``, ``avg_confidence``, ``accuracy`` and
    ``gap`` (avg_confidence - accuracy); the last three are None for an empty bin. Empty bins
    are kept so that tables from different models line up. ``ece`` = sum over bins of
    count / n * |avg_confidence - accuracy|.

    A 2-class model's confidence is at least 0.5, so its lower bins stay empty.
    Raises ValueError when ``confidences`` and ``correct`` differ in shape.
    """
    confidences = np.asarray(confidences, dtype=float)
    correct = np.asarray(correct, dtype=float)
    if confidences.shape != correct.shape:
        raise ValueError("confidences and correct must have the same shape")
    idx = np.clip(np.ceil(confidences * n_bins).astype(int) - 1, 0, n_bins - 1)
    rows, gaps = [], []
    for i in range(n_bins):
        in_bin = idx == i
        count = int(in_bin.sum())
        row = {"lower": round(i / n_bins, 4), "upper": round((i + 1) / n_bins, 4), "count": count,
               "avg_confidence": None, "accuracy": None, "gap": None}
        if count:
            avg_conf, acc = float(confidences[in_bin].mean()), float(correct[in_bin].mean())
            row.update(avg_confidence=round(avg_conf, 4), accuracy=round(acc, 4), gap=round(avg_conf - acc, 4))
            gaps.append(abs(avg_conf - acc))
        rows.append(row)
    return {"bins": rows, "ece": float(np.mean(gaps)) if gaps else 0.0}


def calibration_or_fallback(confidences: np.ndarray, correct: np.ndarray, n_bins: int = 10) -> Dict[str, object]:
    """The table once ``calibration_table`` is written; until then a visible gap in metrics.json."""
    try:
        table = calibration_table(confidences, correct, n_bins)
    except NotImplementedError:
        return {"status": FALLBACK_STATUS, "bins": [], "ece": None}
    return {"status": "computed", **table}
