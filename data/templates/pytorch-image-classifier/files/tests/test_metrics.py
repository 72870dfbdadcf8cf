import csv

import torch

from {{package}} import train
from {{package}}.metrics import most_confused_with, per_class_accuracy, weakest_class, write_confusion_csv

NAMES = ["a", "b", "c"]
# rows = true class, columns = predicted class
CM = torch.tensor([[1, 1, 0], [0, 2, 1], [2, 0, 2]])


def test_per_class_accuracy_and_weakest():
    per_class = per_class_accuracy(CM, NAMES)
    assert per_class == {"a": 0.5, "b": 2 / 3, "c": 0.5}
    assert all(0.0 <= v <= 1.0 for v in per_class.values())
    weakest = weakest_class({"a": 0.9, "b": 0.4, "c": 0.7})
    assert weakest == {"name": "b", "accuracy": 0.4}
    assert most_confused_with(CM, NAMES, "c") == {"name": "a", "count": 2}


def test_class_without_images_does_not_crash():
    cm = torch.tensor([[2, 0, 0], [0, 0, 0], [0, 0, 0]])
    assert per_class_accuracy(cm, NAMES) == {"a": 1.0, "b": 0.0, "c": 0.0}


def test_a_class_never_mistaken_has_no_most_confused_class():
    cm = torch.tensor([[3, 0], [1, 4]])
    assert most_confused_with(cm, ["x", "y"], "x") == {"name": None, "count": 0}
    assert most_confused_with(cm, ["x", "y"], "y") == {"name": "x", "count": 1}


def test_confusion_csv(tmp_path):
    cm = torch.tensor([[3, 1], [0, 4]])
    path = tmp_path / "out" / "cm.csv"
    write_confusion_csv(cm, ["x", "y"], str(path))
    rows = list(csv.reader(open(path)))
    assert rows[0] == ["true\\pred", "x", "y"]
    assert rows[1:] == [["x", "3", "1"], ["y", "0", "4"]]


def test_report_is_built_from_the_confusion_matrix(monkeypatch):
    cm = torch.zeros(10, 10, dtype=torch.long)
    cm[torch.arange(10), torch.arange(10)] = 10
    cm[3, 3], cm[3, 5] = 4, 6  # cat: 4 right, 6 taken for dog
    monkeypatch.setattr(train, "confusion_matrix", lambda preds, targets, num_classes: cm)
    report = train.build_report(torch.zeros(3, dtype=torch.long), torch.zeros(3, dtype=torch.long))
    assert report["per_class"]["cat"] == 0.4 and report["per_class"]["dog"] == 1.0
    assert report["weakest"] == {"name": "cat", "accuracy": 0.4, "most_confused_with": {"name": "dog", "count": 6}}
    assert not report["source"].startswith("fallback")


def test_report_falls_back_while_the_stub_is_not_written(monkeypatch):
    def stub(preds, targets, num_classes):
        raise NotImplementedError("Write the confusion matrix")

    monkeypatch.setattr(train, "confusion_matrix", stub)
    report = train.build_report(torch.zeros(3, dtype=torch.long), torch.zeros(3, dtype=torch.long))
    assert report["cm"] is None and report["per_class"] is None and report["weakest"] is None
    assert report["source"].startswith("fallback")
