"""Evaluation report: confusion matrix, per-class accuracy, weakest class (step 4 of the practice project)."""
import csv
import os
from typing import Dict, List, Sequence

import torch


def confusion_matrix(preds: torch.Tensor, targets: torch.Tensor, num_classes: int) -> torch.Tensor:
    """Counts of (true class, predicted class) pairs: a ``(num_classes, num_classes)`` integer tensor.

    ``cm[t, p]`` is the number of images whose true class is ``t`` and predicted class is ``p``,
    so row ``t`` sums to the number of images of class ``t`` and the diagonal holds the correct
    predictions. Classes that never occur still get their (all-zero) row and column. ``preds``
    and ``targets`` are 1-D tensors of class indices; raise ``ValueError`` when their lengths differ.
    """
    preds = preds.reshape(-1).long()
    targets = targets.reshape(-1).long()
    if preds.shape != targets.shape:
        raise ValueError("preds and targets must have the same length")
    counts = torch.bincount(targets * num_classes + preds)
    k = int(counts.numel() ** 0.5)
    return counts[: k * k].reshape(k, k)


def per_class_accuracy(cm: torch.Tensor, class_names: Sequence[str]) -> Dict[str, float]:
    """Recall of each class: correct predictions of the class / images of the class.

    A class with no images in the evaluated set gets NaN-free 0.0 and is reported as such.
    """
    support = cm.sum(dim=1)
    correct = cm.diag()
    result = {}
    for i, name in enumerate(class_names):
        result[name] = float(correct[i]) / float(support[i]) if support[i] > 0 else 0.0
    return result


def weakest_class(per_class: Dict[str, float]) -> Dict[str, object]:
    name = min(per_class, key=lambda k: per_class[k])
    return {"name": name, "accuracy": per_class[name]}


def most_confused_with(cm: torch.Tensor, class_names: Sequence[str], class_name: str) -> Dict[str, object]:
    """The class that ``class_name`` images are most often mistaken for."""
    i = list(class_names).index(class_name)
    row = cm[i].clone()
    row[i] = -1  # ignore correct predictions
    j = int(row.argmax())
    if int(cm[i, j]) == 0:  # never mistaken for anything
        return {"name": None, "count": 0}
    return {"name": class_names[j], "count": int(cm[i, j])}


def write_confusion_csv(cm: torch.Tensor, class_names: Sequence[str], path: str) -> None:
    """Rows are true classes, columns are predicted classes."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["true\\pred"] + list(class_names))
        for name, row in zip(class_names, cm.tolist()):
            writer.writerow([name] + row)


def format_report(per_class: Dict[str, float]) -> List[str]:
    lines = []
    for name, acc in sorted(per_class.items(), key=lambda kv: kv[1]):
        bar = "#" * int(round(acc * 30))
        lines.append(f"{name:>11s} {acc:6.1%} {bar}")
    return lines
