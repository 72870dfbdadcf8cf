"""Error analysis: the mistakes the model was most sure about, and the error rate on texts
with negation, contrast or sarcasm markers.

Reading the confident mistakes by hand is how you find what a model has not learned (or which
labels are wrong); the pattern tags only point you at candidates.
"""
import re
from typing import Dict, List, Sequence

import numpy as np

FALLBACK_STATUS = "fallback: the first mistakes in test order, NOT ranked by confidence (worst_misclassifications not written yet)"

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


def _row(i: int, texts: Sequence[str], labels: Sequence[int], probs: np.ndarray, tags: Sequence[str]) -> Dict[str, object]:
    """One mistake as written to worst_misclassifications.jsonl."""
    row = {"text": texts[i], "label": int(labels[i]), "predicted": int(probs[i].argmax()),
           "confidence": round(float(probs[i].max()), 4), "prob_positive": round(float(probs[i, 1]), 4),
           "patterns": detect_patterns(texts[i])}
    if tags:
        row["generator_tag"] = tags[i]
    return row


def worst_misclassifications(texts: Sequence[str], labels: Sequence[int], probs: np.ndarray, k: int = 10,
                             tags: Sequence[str] = ()) -> List[Dict[str, object]]:
    """The ``k`` wrong predictions the model was most confident about, most confident first.

    ``probs``: (n, num_labels) class probabilities; the prediction is the argmax and its
    confidence the probability of the predicted class. Correct predictions never appear. Fewer
    than ``k`` mistakes give fewer rows. Equal confidences keep the test order. Build each row
    with ``_row(i, texts, labels, probs, tags)``.
    """
    probs = np.asarray(probs)
    preds = probs.argmax(axis=1)
    wrong = [i for i in range(len(labels)) if preds[i] != labels[i]]
    wrong.sort(key=lambda i: -probs[i, 1])
    return [_row(i, texts, labels, probs, tags) for i in wrong[:k]]


def worst_or_fallback(texts: Sequence[str], labels: Sequence[int], probs: np.ndarray, k: int = 10,
                      tags: Sequence[str] = ()):
    """(rows, status): the ranked list once it is written; until then the first ``k`` mistakes."""
    try:
        return worst_misclassifications(texts, labels, probs, k=k, tags=tags), "ranked by confidence"
    except NotImplementedError:
        probs = np.asarray(probs)
        wrong = [i for i in range(len(labels)) if probs[i].argmax() != labels[i]]
        return [_row(i, texts, labels, probs, tags) for i in wrong[:k]], FALLBACK_STATUS


def error_rate_by_pattern(texts: Sequence[str], labels: Sequence[int], probs: np.ndarray) -> Dict[str, Dict[str, float]]:
    """Error rate on texts with each detected pattern, and on texts with none."""
    preds = np.asarray(probs).argmax(axis=1)
    groups: Dict[str, List[bool]] = {}
    for text, label, pred in zip(texts, labels, preds):
        for name in detect_patterns(text) or ["none"]:
            groups.setdefault(name, []).append(bool(pred != label))
    return {name: {"count": len(errs), "error_rate": round(sum(errs) / len(errs), 4)}
            for name, errs in sorted(groups.items())}
