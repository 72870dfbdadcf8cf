import pandas as pd
import pytest

from {{package}}.registry import ModelRegistry


def _register(reg, score, model_hash, champion_score=None, **kw):
    return reg.register_if_better(
        model={"fake": model_hash}, model_hash=model_hash, metrics={"roc_auc": score},
        primary_metric="roc_auc", score_champion=lambda champion: champion_score,
        reference_data=pd.DataFrame({"x": [1, 2]}), run_id="test", **kw)


def test_promotes_only_a_better_model(tmp_path):
    reg = ModelRegistry(tmp_path)
    first = _register(reg, 0.80, "a")
    assert first["promoted"] and first["champion_version"] == 1 and first["reason"] == "no champion yet"
    worse = _register(reg, 0.78, "b", champion_score=0.80)
    assert not worse["promoted"] and reg.champion()["version"] == 1
    better = _register(reg, 0.83, "c", champion_score=0.80)
    assert better["promoted"] and reg.champion()["version"] == 2 and reg.champion()["model_hash"] == "c"
    assert [v["version"] for v in reg.versions()] == [1, 2]  # rejected models are not stored
    assert reg.load_model() == {"fake": "c"}
    assert list(reg.reference_data()["x"]) == [1, 2]


def test_the_champion_is_rescored_on_the_challengers_test_data(tmp_path):
    reg = ModelRegistry(tmp_path)
    _register(reg, 0.90, "a")
    # the challenger's 0.85 looks worse than the champion's old 0.90, but on *this* test data
    # the champion only scores 0.80, so the challenger wins
    d = _register(reg, 0.85, "b", champion_score=0.80)
    assert d["promoted"] and d["champion_score"] == pytest.approx(0.80)


def test_min_improvement_and_identical_models(tmp_path):
    reg = ModelRegistry(tmp_path)
    _register(reg, 0.80, "a")
    assert not _register(reg, 0.8005, "b", champion_score=0.80, min_improvement=0.001)["promoted"]
    same = _register(reg, 0.80, "a", champion_score=0.80)
    assert not same["promoted"] and "identical" in same["reason"]


def test_lower_is_better_metrics(tmp_path):
    reg = ModelRegistry(tmp_path)
    reg.register_if_better(model=1, model_hash="a", metrics={"log_loss": 0.5}, primary_metric="log_loss",
                           score_champion=lambda m: 0.5, higher_is_better=False)
    d = reg.register_if_better(model=2, model_hash="b", metrics={"log_loss": 0.4}, primary_metric="log_loss",
                               score_champion=lambda m: 0.5, higher_is_better=False)
    assert d["promoted"]


def test_pipeline_reruns_do_not_promote_the_same_model_twice(tmp_path, smoke_cfg):
    from {{package}}.pipeline import run_pipeline

    from conftest import quiet

    first = run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    again = run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    assert first["registry"]["promoted"] and first["registry"]["champion_version"] == 1
    assert not again["registry"]["promoted"] and again["registry"]["n_versions"] == 1
