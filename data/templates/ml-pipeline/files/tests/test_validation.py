import numpy as np
import pytest

from {{package}} import steps
from {{package}}.data import generate_churn
from {{package}}.pipeline import run_pipeline

from conftest import quiet


def _params(cfg):
    return {"validation": cfg["validation"], "target": cfg["features"]["target"]}


def _failed(df, cfg):
    with pytest.raises(steps.DataValidationError) as err:
        steps.validate(_params(cfg), df)
    return {c["name"] for c in err.value.report["checks"] if not c["passed"]}


def test_generated_data_passes_every_check(smoke_cfg):
    out = steps.validate(_params(smoke_cfg), generate_churn(2000, seed=1))
    assert out["report"]["passed"] and out["report"]["n_checks"] >= 9


def test_bad_data_is_rejected_with_the_failing_check_named(smoke_cfg):
    good = generate_churn(2000, seed=1)
    assert _failed(good.drop(columns=["contract"]), smoke_cfg) >= {"schema"}
    nulls = good.copy()
    nulls.loc[: len(nulls) // 5, "monthly_charges"] = np.nan
    assert "null_fraction" in _failed(nulls, smoke_cfg)
    negative = good.copy()
    negative.loc[:10, "tenure_months"] = -5
    assert "value_ranges" in _failed(negative, smoke_cfg)
    unknown = good.copy()
    unknown.loc[:200, "contract"] = "weekly"
    assert "known_categories" in _failed(unknown, smoke_cfg)
    dupes = good.copy()
    dupes.loc[5, "customer_id"] = dupes.loc[4, "customer_id"]
    assert "unique_ids" in _failed(dupes, smoke_cfg)
    assert "min_rows" in _failed(good.head(100), smoke_cfg)
    one_class = good.copy()
    one_class["churned"] = 0
    assert "target_binary" in _failed(one_class, smoke_cfg)


def test_pipeline_stops_at_validation_and_records_the_failure(tmp_path, make_cfg, monkeypatch):
    cfg = make_cfg("validation.min_rows=1000000")

    def must_not_train(*args, **kwargs):
        raise AssertionError("train ran after validation failed")

    monkeypatch.setattr(steps, "train", must_not_train)
    with pytest.raises(steps.DataValidationError):
        run_pipeline(cfg, output_dir=tmp_path, log=quiet)
    manifests = list((tmp_path / "runs").glob("*/manifest.json"))
    assert len(manifests) == 1
    import json
    manifest = json.loads(manifests[0].read_text())
    assert manifest["status"] == "failed" and manifest["steps"][-1]["name"] == "validate"
    assert not (tmp_path / "metrics.json").exists()
