"""Exercise write-confusion-matrix: count (true class, predicted class) pairs.

Run: python -m pytest milestones/test_write_confusion_matrix.py
"""
import random

import pytest
import torch

from {{package}}.metrics import confusion_matrix


def test_known_result():
    targets = torch.tensor([0, 0, 1, 1, 1, 2, 2, 2, 2])
    preds = torch.tensor([0, 1, 1, 1, 2, 2, 2, 0, 0])
    cm = confusion_matrix(preds, targets, 3)
    assert cm is not None, "confusion_matrix returned None"
    assert cm.tolist() == [[1, 1, 0], [0, 2, 1], [2, 0, 2]], f"got {cm.tolist()}; rows are true classes, columns predictions"
    assert not torch.is_floating_point(cm), f"counts must be integers, got {cm.dtype}"


def test_classes_that_never_occur_keep_their_row_and_column():
    cm = confusion_matrix(torch.tensor([1, 1, 3]), torch.tensor([1, 3, 3]), 5)
    assert tuple(cm.shape) == (5, 5), f"shape {tuple(cm.shape)}, expected (5, 5) for 5 classes"
    assert cm[1, 1] == 1 and cm[3, 1] == 1 and cm[3, 3] == 1 and int(cm.sum()) == 3, f"got {cm.tolist()}"


def test_matches_counting_by_hand_on_random_predictions():
    seed = random.SystemRandom().randrange(2**31)  # new cases every run; the seed is in the message
    g = torch.Generator().manual_seed(seed)
    for _ in range(5):
        k = int(torch.randint(2, 12, (1,), generator=g))
        n = int(torch.randint(1, 400, (1,), generator=g))
        targets = torch.randint(0, k, (n,), generator=g)
        preds = torch.where(torch.rand(n, generator=g) < 0.6, targets, torch.randint(0, k, (n,), generator=g))
        cm = confusion_matrix(preds, targets, k)
        by_hand = [[0] * k for _ in range(k)]
        for t, p in zip(targets.tolist(), preds.tolist()):
            by_hand[t][p] += 1
        assert cm.tolist() == by_hand, f"seed {seed}: {n} predictions over {k} classes: got {cm.tolist()}, counted {by_hand}"
        assert cm.sum(dim=1).tolist() == torch.bincount(targets, minlength=k).tolist(), "row t sums to the images of class t"
        assert int(cm.diag().sum()) == int((preds == targets).sum()), "the diagonal holds the correct predictions"


def test_lengths_must_match():
    with pytest.raises(ValueError):
        confusion_matrix(torch.tensor([0, 1]), torch.tensor([0, 1, 1]), 2)
