import json

import numpy as np
import pytest

from {{package}}.metrics import (
    calibration_table,
    classification_metrics,
    detect_patterns,
    error_rate_by_pattern,
    worst_misclassifications,
    write_jsonl,
)


def probs_from_p1(p1):
    p1 = np.asarray(p1, dtype=float)
    return np.stack([1 - p1, p1], axis=1)


def test_perfect_predictions():
    m = classification_metrics([0, 1, 1, 0], probs_from_p1([0.1, 0.9, 0.8, 0.3]))
    assert m["accuracy"] == m["f1_binary"] == m["f1_macro"] == m["auc_roc"] == 1.0
    assert m["num_examples"] == 4 and m["positive_rate"] == 0.5


def test_known_f1_values():
    labels = [1, 1, 1, 0, 0, 0, 0, 0]
    preds_p1 = [0.9, 0.9, 0.1, 0.9, 0.1, 0.1, 0.1, 0.1]  # TP=2 FN=1 FP=1 TN=4
    m = classification_metrics(labels, probs_from_p1(preds_p1))
    assert m["f1_binary"] == pytest.approx(2 / 3)
    assert m["f1_macro"] == pytest.approx((2 / 3 + 0.8) / 2)
    for key in ("accuracy", "f1_binary", "f1_macro", "auc_roc"):
        assert 0.0 <= m[key] <= 1.0


def test_auc_measures_ranking_not_threshold():
    # Every prediction is "negative" (p1 < 0.5) but the ranking is perfect.
    m = classification_metrics([0, 0, 1, 1], probs_from_p1([0.1, 0.2, 0.3, 0.4]))
    assert m["accuracy"] == 0.5
    assert m["auc_roc"] == 1.0


def test_auc_undefined_with_one_class():
    assert classification_metrics([1, 1], probs_from_p1([0.7, 0.8]))["auc_roc"] is None


def test_calibration_table_counts_and_ece():
    conf = np.array([0.55, 0.65, 0.65, 0.95, 0.95, 0.95, 0.95])
    correct = np.array([1, 1, 0, 1, 1, 1, 0])
    table = calibration_table(conf, correct, n_bins=10)
    bins = table["bins"]
    assert len(bins) == 10
    assert sum(b["count"] for b in bins) == len(conf)
    assert bins[5]["count"] == 1 and bins[6]["count"] == 2 and bins[9]["count"] == 4
    assert bins[6]["accuracy"] == 0.5 and bins[6]["avg_confidence"] == pytest.approx(0.65)
    expected = (1 * abs(0.55 - 1) + 2 * abs(0.65 - 0.5) + 4 * abs(0.95 - 0.75)) / 7
    assert table["ece"] == pytest.approx(expected)
    assert 0.0 <= table["ece"] <= 1.0
    assert bins[0]["count"] == 0 and bins[0]["accuracy"] is None


def test_perfectly_calibrated_model_has_zero_ece():
    conf = np.array([0.75] * 4 + [1.0] * 3)
    correct = np.array([1, 1, 1, 0, 1, 1, 1])
    assert calibration_table(conf, correct)["ece"] == pytest.approx(0.0)


def test_worst_misclassifications_are_confident_mistakes_first():
    texts = ["a", "b", "c", "d", "e"]
    labels = [1, 0, 1, 0, 1]
    probs = probs_from_p1([0.2, 0.95, 0.9, 0.6, 0.01])  # wrong: a (0.8), b (0.95), d (0.6), e (0.99)
    worst = worst_misclassifications(texts, labels, probs, k=3)
    assert [w["text"] for w in worst] == ["e", "b", "a"]
    assert [w["confidence"] for w in worst] == sorted((w["confidence"] for w in worst), reverse=True)
    assert all(w["label"] != w["predicted"] for w in worst)


def test_detect_patterns():
    assert detect_patterns("The plot was not good") == ["negation"]
    assert detect_patterns("It isn't bad") == ["negation"]
    assert detect_patterns("great cast but a dull plot") == ["contrast"]
    assert detect_patterns("Oh great, two more hours") == ["sarcasm_marker"]
    assert detect_patterns("a fine film") == []


def test_error_rate_by_pattern():
    texts = ["not good", "not bad", "fine film", "great but dull"]
    rates = error_rate_by_pattern(texts, [0, 1, 1, 0], probs_from_p1([0.9, 0.9, 0.9, 0.1]))
    assert rates["negation"] == {"count": 2, "error_rate": 0.5}
    assert rates["none"] == {"count": 1, "error_rate": 0.0}
    assert rates["contrast"] == {"count": 1, "error_rate": 0.0}


def test_write_jsonl(tmp_path):
    path = tmp_path / "out" / "rows.jsonl"
    write_jsonl([{"a": 1}, {"b": "é"}], str(path))
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == [{"a": 1}, {"b": "é"}]
