"""End to end: the smoke run writes metrics.json with every key the milestones check."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]

EXPECTED_KEYS = [
    "mode", "seed", "k", "data.users", "data.items", "data.interactions",
    "retrieval.backend", "retrieval.candidates_per_user", "retrieval.recall_at_candidates",
    "retrieval.p50_ms", "retrieval.p95_ms", "retrieval.train_seconds",
    "ranking.validation_auc", "ranking.ndcg_lift_vs_retrieval", "ranking.realtime_signal_importance",
    "ranking.p50_ms", "ranking.p95_ms", "ranking.train_seconds",
    "coverage_at_k", "ab_test.control", "ab_test.arms.two_stage.ctr_lift",
    "ab_test.arms.two_stage.conversion_lift", "ab_test.arms.two_stage.ctr_p_value",
    "recommendation.version",
]
VERSIONS = ["popularity", "retrieval_only", "two_stage", "two_stage_lite"]
VERSION_KEYS = ["ndcg_at_k", "recall_at_k", "coverage_at_k", "latency_p50_ms", "latency_p95_ms",
                "train_seconds", "serving_mflops_per_request"]


def _get(d, dotted):
    for part in dotted.split("."):
        d = d[part]
    return d


def test_metrics_json_has_the_expected_keys(smoke_run):
    metrics, _ = smoke_run
    for key in EXPECTED_KEYS + [f"versions.{v}.{k}" for v in VERSIONS for k in VERSION_KEYS]:
        _get(metrics, key)  # raises KeyError when missing
    assert metrics["mode"] == "smoke"


def test_metric_values_are_in_range(smoke_run):
    metrics, _ = smoke_run
    for v in VERSIONS:
        m = metrics["versions"][v]
        assert 0.0 <= m["ndcg_at_k"] <= 1.0
        assert 0.0 <= m["recall_at_k"] <= 1.0
        assert 0.0 <= m["coverage_at_k"] <= 1.0
        assert m["latency_p50_ms"] <= m["latency_p95_ms"]
    assert metrics["ab_test"]["arms"]["two_stage"]["ctr_lift"] > 0


def test_tradeoff_report_is_written(smoke_run):
    metrics, out = smoke_run
    text = (out / "tradeoff_report.md").read_text()
    for section in ("## Offline metrics", "## Online metrics", "## Cost and latency", "## Recommendation"):
        assert section in text
    assert metrics["recommendation"]["version"] in text


def test_cli_smoke_command_with_exact_search(tmp_path):
    out = tmp_path / "outputs"
    cmd = [sys.executable, "-m", "{{package}}.run", "--smoke", "--quiet", "--backend", "exact",
           "--output-dir", str(out)]
    done = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["retrieval"]["backend"] == "exact"
    assert metrics["versions"]["two_stage"]["ndcg_at_k"] > metrics["versions"]["retrieval_only"]["ndcg_at_k"]


def test_faiss_and_exact_pipelines_retrieve_the_same_candidates(smoke_run, tmp_path):
    pytest.importorskip("faiss")
    from {{package}} import run

    metrics, _ = smoke_run
    exact = run.main(["--smoke", "--quiet", "--backend", "exact", "--output-dir", str(tmp_path)])
    assert metrics["retrieval"]["backend"] == "faiss"
    assert exact["retrieval"]["recall_at_candidates"] == pytest.approx(metrics["retrieval"]["recall_at_candidates"])
