"""Exercise rank-worst-misclassifications: worst_misclassifications in {{package}}/error_analysis.py.

    python -m pytest milestones/test_rank_worst_misclassifications.py
"""
import random

import numpy as np

from {{package}}.error_analysis import worst_misclassifications


def probs_from_p1(p1):
    p1 = np.asarray(p1, dtype=float)
    return np.stack([1 - p1, p1], axis=1)


def test_most_confident_mistakes_come_first():
    texts = ["a", "b", "c", "d", "e"]
    labels = [1, 0, 1, 0, 1]
    probs = probs_from_p1([0.2, 0.95, 0.9, 0.6, 0.01])  # wrong: a (0.8), b (0.95), d (0.6), e (0.99); c is right
    worst = worst_misclassifications(texts, labels, probs, k=3)
    assert [w["text"] for w in worst] == ["e", "b", "a"], \
        f"expected the 3 most confident mistakes e (0.99), b (0.95), a (0.80); got {[w.get('text') for w in worst]}"
    assert [w["confidence"] for w in worst] == [0.99, 0.95, 0.8]
    assert [(w["label"], w["predicted"]) for w in worst] == [(1, 0), (0, 1), (1, 0)]


def test_correct_predictions_never_appear_and_k_is_a_maximum():
    texts = [f"t{i}" for i in range(6)]
    labels = [1, 1, 1, 0, 0, 0]
    probs = probs_from_p1([0.99, 0.4, 0.9, 0.3, 0.7, 0.01])  # wrong: t1 (0.6), t4 (0.7)
    worst = worst_misclassifications(texts, labels, probs, k=10)
    assert [w["text"] for w in worst] == ["t4", "t1"], f"only the 2 mistakes, most confident first: {worst}"
    all_right = probs_from_p1([0.9, 0.9, 0.9, 0.1, 0.1, 0.1])
    assert worst_misclassifications(texts, labels, all_right, k=5) == [], "no mistakes, no rows"


def test_ties_keep_test_order_and_tags_are_carried():
    texts = ["x", "y", "z"]
    worst = worst_misclassifications(texts, [1, 1, 1], probs_from_p1([0.3, 0.3, 0.1]), k=3, tags=["p", "q", "r"])
    assert [w["text"] for w in worst] == ["z", "x", "y"]
    assert [w["generator_tag"] for w in worst] == ["r", "p", "q"]


def test_three_classes_use_the_probability_of_the_predicted_class():
    probs = np.array([[0.1, 0.5, 0.4], [0.7, 0.2, 0.1], [0.05, 0.05, 0.9]])
    worst = worst_misclassifications(["a", "b", "c"], [2, 1, 2], probs, k=5)
    assert [(w["text"], w["predicted"], w["confidence"]) for w in worst] == [("b", 0, 0.7), ("a", 1, 0.5)]


def test_random_cases_against_sorting_by_hand():
    """Probabilities drawn at random (the seed is in the message), with ties."""
    seed = random.SystemRandom().randrange(2**31)
    rng = np.random.default_rng(seed)
    for _ in range(20):
        n, classes, k = int(rng.integers(1, 40)), int(rng.integers(2, 5)), int(rng.integers(1, 12))
        probs = rng.dirichlet(np.ones(classes), size=n).round(1)  # rounding makes ties
        labels = [int(x) for x in rng.integers(0, classes, size=n)]
        texts = [f"text {i}" for i in range(n)]
        preds, conf = probs.argmax(axis=1), probs.max(axis=1)
        wrong = [i for i in range(n) if preds[i] != labels[i]]
        want = [texts[i] for i in sorted(wrong, key=lambda i: -conf[i])][:k]
        got = [w["text"] for w in worst_misclassifications(texts, labels, probs, k=k)]
        assert got == want, f"seed {seed}: k={k}, labels {labels}, probs {probs.tolist()}: got {got}, expected {want}"
