"""Evaluation beyond accuracy: F1, AUC-ROC, calibration, and error analysis.

- F1 (binary and macro) stays honest when one class is rarer than the other.
- AUC-ROC measures ranking quality: does a positive review get a higher score than a
  negative one, whatever threshold you pick?
- Calibration: when the model says "90% sure", is it right 90% of the time? The reliability
  table bins predictions by confidence and compares mean confidence with accuracy in each
  bin; the expected calibration error (ECE) is the count-weighted mean gap.
- Error analysis: the most confident mistakes, and the error rate on texts with negation,
  contrast or sarcasm markers.
"""
import json
import os
import re
from typing import Dict, List, Optional, Sequence

import numpy as np
from sklearn.metrics import f1_score, roc_auc_score

_PATTERNS = {
    "negation": re.compile(r"\b(not|no|never|nobody|nothing|neither|nor|hardly|without)\b|n't\b"),
    "contrast": re.compile(r"\b(but|however|although|though|yet)\b"),
    "sarcasm_marker": re.compile(r"\b(oh (great|wonderful|brilliant|fun)|yeah right|said nobody|"
                                 r"if you enjoy|just what i needed|never get back)\b|!{2,}"),
}


def detect_patterns(text: str) -> List[str]:
    """Heuristic tags for error analysis; a text can have several or none."""
    lowered = text.lower()
    return [name for name, rx in _PATTERNS.items() if rx.search(lowered)]


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


def calibration_table(confidences: np.ndarray, correct: np.ndarray, n_bins: int = 10) -> Dict[str, object]:
    """Reliability bins over [0, 1] and the expected calibration error (ECE).

    Bin i holds confidences in (lower, upper]. For a 2-class model the confidence (the max
    probability) is at least 0.5, so the lower bins stay empty; they are kept so that tables
    from different models line up.
    """
    confidences = np.asarray(confidences, dtype=float)
    correct = np.asarray(correct, dtype=float)
    if confidences.shape != correct.shape:
        raise ValueError("confidences and correct must have the same shape")
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    idx = np.clip(np.searchsorted(edges, confidences, side="left") - 1, 0, n_bins - 1)
    rows, ece, n = [], 0.0, max(len(confidences), 1)
    for i in range(n_bins):
        in_bin = idx == i
        count = int(in_bin.sum())
        row = {"lower": round(float(edges[i]), 4), "upper": round(float(edges[i + 1]), 4), "count": count,
               "avg_confidence": None, "accuracy": None, "gap": None}
        if count:
            avg_conf = float(confidences[in_bin].mean())
            acc = float(correct[in_bin].mean())
            row.update(avg_confidence=round(avg_conf, 4), accuracy=round(acc, 4), gap=round(avg_conf - acc, 4))
            ece += count / n * abs(avg_conf - acc)
        rows.append(row)
    return {"bins": rows, "ece": float(ece)}


def format_calibration(table: Dict[str, object]) -> List[str]:
    lines = ["  confidence     n   avg conf  accuracy"]
    for row in table["bins"]:
        if row["count"]:
            lines.append(f"  ({row['lower']:.1f}, {row['upper']:.1f}] {row['count']:5d}   "
                         f"{row['avg_confidence']:.3f}     {row['accuracy']:.3f}")
    lines.append(f"  ECE = {table['ece']:.4f}")
    return lines


def worst_misclassifications(texts: Sequence[str], labels: Sequence[int], probs: np.ndarray, k: int = 10,
                             tags: Sequence[str] = ()) -> List[Dict[str, object]]:
    """The ``k`` wrong predictions the model was most confident about, most confident first."""
    probs = np.asarray(probs)
    preds = probs.argmax(axis=1)
    confidence = probs.max(axis=1)
    wrong = [i for i in range(len(labels)) if preds[i] != labels[i]]
    wrong.sort(key=lambda i: -confidence[i])
    rows = []
    for i in wrong[:k]:
        row = {"text": texts[i], "label": int(labels[i]), "predicted": int(preds[i]),
               "confidence": round(float(confidence[i]), 4), "prob_positive": round(float(probs[i, 1]), 4),
               "patterns": detect_patterns(texts[i])}
        if tags:
            row["generator_tag"] = tags[i]
        rows.append(row)
    return rows


def error_rate_by_pattern(texts: Sequence[str], labels: Sequence[int], probs: np.ndarray) -> Dict[str, Dict[str, float]]:
    """Error rate on texts with each detected pattern, and on texts with none."""
    preds = np.asarray(probs).argmax(axis=1)
    groups: Dict[str, List[bool]] = {}
    for text, label, pred in zip(texts, labels, preds):
        for name in detect_patterns(text) or ["none"]:
            groups.setdefault(name, []).append(bool(pred != label))
    return {name: {"count": len(errs), "error_rate": round(sum(errs) / len(errs), 4)}
            for name, errs in sorted(groups.items())}


def write_jsonl(rows: Sequence[Dict[str, object]], path: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
