"""Evaluation beyond accuracy: F1 and AUC-ROC (calibration is in calibration.py and
temperature.py, the error analysis in error_analysis.py).

- F1 (binary and macro) stays honest when one class is rarer than the other.
- AUC-ROC measures ranking quality: does a positive review get a higher score than a
  negative one, whatever threshold you pick?
"""
import json
import os
from typing import Dict, List, Optional, Sequence

import numpy as np
from sklearn.metrics import f1_score, roc_auc_score


def classification_metrics(labels: Sequence[int], probs: np.ndarray) -> Dict[str, Optional[float]]:
    """``probs``: (n, 2) class probabilities. Positive class = 1."""
    labels = np.asarray(labels)
    probs = np.asarray(probs)
    preds = probs.argmax(axis=1)
    out = {
        "accuracy": float((preds == labels).mean()),
        "f1_binary": float(f1_score(labels, preds, pos_label=1, average="binary", zero_division=0)),
        "f1_macro": float(f1_score(labels, preds, average="macro", zero_division=0)),
        "positive_rate": float(labels.mean()),
        "num_examples": int(len(labels)),
    }
    # AUC is undefined when only one class is present (None, which JSON can hold, unlike NaN).
    out["auc_roc"] = float(roc_auc_score(labels, probs[:, 1])) if len(set(labels.tolist())) == 2 else None
    return out


def format_calibration(table: Dict[str, object]) -> List[str]:
    if table.get("ece") is None:
        return [f"  {table.get('status', 'not computed')}"]
    lines = ["  confidence     n   avg conf  accuracy"]
    for row in table["bins"]:
        if row["count"]:
            lines.append(f"  ({row['lower']:.1f}, {row['upper']:.1f}] {row['count']:5d}   "
                         f"{row['avg_confidence']:.3f}     {row['accuracy']:.3f}")
    lines.append(f"  ECE = {table['ece']:.4f}")
    return lines


def write_jsonl(rows: Sequence[Dict[str, object]], path: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
