import csv

import torch

from {{package}}.metrics import (
    confusion_matrix,
    most_confused_with,
    per_class_accuracy,
    weakest_class,
    write_confusion_csv,
)

NAMES = ["a", "b", "c"]


def test_confusion_matrix_counts():
    targets = torch.tensor([0, 0, 1, 1, 1, 2, 2, 2, 2])
    preds = torch.tensor([0, 1, 1, 1, 2, 2, 2, 0, 0])
    cm = confusion_matrix(preds, targets, 3)
    assert cm.tolist() == [[1, 1, 0], [0, 2, 1], [2, 0, 2]]
    assert int(cm.sum()) == len(targets)
    assert cm.sum(dim=1).tolist() == [2, 3, 4]  # row sums = images per true class
    assert int(cm.diag().sum()) == int((preds == targets).sum())


def test_per_class_accuracy_and_weakest():
    targets = torch.tensor([0, 0, 1, 1, 1, 2, 2, 2, 2])
    preds = torch.tensor([0, 1, 1, 1, 2, 2, 2, 0, 0])
    cm = confusion_matrix(preds, targets, 3)
    per_class = per_class_accuracy(cm, NAMES)
    assert per_class == {"a": 0.5, "b": 2 / 3, "c": 0.5}
    assert all(0.0 <= v <= 1.0 for v in per_class.values())
    weakest = weakest_class({"a": 0.9, "b": 0.4, "c": 0.7})
    assert weakest == {"name": "b", "accuracy": 0.4}
    assert most_confused_with(cm, NAMES, "c") == {"name": "a", "count": 2}


def test_class_without_images_does_not_crash():
    cm = confusion_matrix(torch.tensor([0, 0]), torch.tensor([0, 0]), 3)
    assert per_class_accuracy(cm, NAMES) == {"a": 1.0, "b": 0.0, "c": 0.0}


def test_confusion_csv(tmp_path):
    cm = torch.tensor([[3, 1], [0, 4]])
    path = tmp_path / "out" / "cm.csv"
    write_confusion_csv(cm, ["x", "y"], str(path))
    rows = list(csv.reader(open(path)))
    assert rows[0] == ["true\\pred", "x", "y"]
    assert rows[1:] == [["x", "3", "1"], ["y", "0", "4"]]
