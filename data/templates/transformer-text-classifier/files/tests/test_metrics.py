import json

import numpy as np
import pytest

from {{package}} import calibration as calibration_module
from {{package}} import error_analysis as error_module
from {{package}} import temperature as temperature_module
from {{package}}.calibration import calibration_or_fallback
from {{package}}.error_analysis import detect_patterns, error_rate_by_pattern, worst_or_fallback
from {{package}}.metrics import classification_metrics, format_calibration, write_jsonl
from {{package}}.temperature import nll, softmax, temperature_or_fallback


def not_written(*args, **kwargs):
    raise NotImplementedError("not written")


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


def test_calibration_fallback_is_visible(monkeypatch):
    monkeypatch.setattr(calibration_module, "calibration_table", not_written)
    table = calibration_or_fallback(np.array([0.9, 0.6]), np.array([1, 0]))
    assert table["ece"] is None and table["bins"] == [] and table["status"].startswith("fallback")
    assert format_calibration(table) == [f"  {table['status']}"]


def test_format_calibration_prints_non_empty_bins():
    table = {"status": "computed", "ece": 0.125, "bins": [
        {"lower": 0.5, "upper": 0.6, "count": 0, "avg_confidence": None, "accuracy": None, "gap": None},
        {"lower": 0.9, "upper": 1.0, "count": 4, "avg_confidence": 0.95, "accuracy": 0.75, "gap": 0.2}]}
    lines = format_calibration(table)
    assert len(lines) == 3 and "0.950" in lines[1] and lines[-1] == "  ECE = 0.1250"


def test_worst_fallback_lists_the_first_mistakes_unranked(monkeypatch):
    monkeypatch.setattr(error_module, "worst_misclassifications", not_written)
    probs = probs_from_p1([0.2, 0.95, 0.9, 0.6, 0.01])  # wrong: a, b, d, e
    rows, status = worst_or_fallback(["a", "b", "c", "d", "e"], [1, 0, 1, 0, 1], probs, k=3, tags=["t"] * 5)
    assert [r["text"] for r in rows] == ["a", "b", "d"] and status.startswith("fallback")
    assert rows[1] == {"text": "b", "label": 0, "predicted": 1, "confidence": 0.95, "prob_positive": 0.95,
                       "patterns": [], "generator_tag": "t"}


def test_temperature_fallback_is_one(monkeypatch):
    monkeypatch.setattr(temperature_module, "fit_temperature", not_written)
    t, status = temperature_or_fallback(np.zeros((2, 2)), np.array([0, 1]))
    assert t == 1.0 and status.startswith("fallback")


def test_softmax_and_nll_with_temperature():
    logits = np.array([[2.0, 0.0], [0.0, 0.0]])
    assert softmax(logits)[0, 0] == pytest.approx(1 / (1 + np.exp(-2)))
    assert softmax(logits, 2.0)[0, 0] == pytest.approx(1 / (1 + np.exp(-1)))
    assert np.allclose(softmax(logits).sum(axis=1), 1.0)
    assert nll(logits, np.array([0, 1])) == pytest.approx((np.log(1 + np.exp(-2)) + np.log(2)) / 2)


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
