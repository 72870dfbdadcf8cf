import json
import subprocess

from {{package}}.pipeline import run_pipeline

from conftest import PROJECT_ROOT, quiet


def test_same_inputs_and_seed_give_identical_metrics_and_model_hash(tmp_path, smoke_cfg):
    a = run_pipeline(smoke_cfg, output_dir=tmp_path / "a", use_cache=False, log=quiet)
    b = run_pipeline(smoke_cfg, output_dir=tmp_path / "b", use_cache=False, log=quiet)
    assert a["model_hash"] == b["model_hash"]
    assert a["data_hash"] == b["data_hash"]
    assert a["metrics"] == b["metrics"]
    assert a["run_id"] != b["run_id"]


def test_a_different_seed_gives_a_different_run(tmp_path, make_cfg):
    a = run_pipeline(make_cfg("seed=1"), output_dir=tmp_path / "a", log=quiet)
    b = run_pipeline(make_cfg("seed=2"), output_dir=tmp_path / "b", log=quiet)
    assert a["data_hash"] != b["data_hash"] and a["model_hash"] != b["model_hash"]


def test_model_hash_is_reproducible_across_processes(tmp_path, smoke_cfg, python):
    """A fresh interpreter (different hash randomisation) trains a bit-identical model."""
    local = run_pipeline(smoke_cfg, output_dir=tmp_path / "local", use_cache=False, log=quiet)
    out = tmp_path / "subprocess"
    done = subprocess.run([python, "-m", "{{package}}.pipeline", "--smoke", "--quiet", "--no-cache",
                           "--output-dir", str(out)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    other = json.loads((out / "metrics.json").read_text())
    assert other["model_hash"] == local["model_hash"] and other["metrics"] == local["metrics"]


def test_manifest_records_what_produced_the_model(tmp_path, smoke_cfg):
    m = run_pipeline(smoke_cfg, output_dir=tmp_path, log=quiet)
    manifest_path = tmp_path / "runs" / m["run_id"] / "manifest.json"
    assert str(manifest_path) == m["manifest"]
    manifest = json.loads(manifest_path.read_text())
    assert manifest["status"] == "succeeded" and manifest["seed"] == smoke_cfg["seed"]
    assert manifest["params"]["model"] == smoke_cfg["model"]
    assert {"python", "numpy", "pandas", "scikit-learn"} <= set(manifest["versions"])
    names = [s["name"] for s in manifest["steps"]]
    assert names == ["ingest", "validate", "features", "train", "evaluate", "register"]
    for step in manifest["steps"]:
        assert len(step["cache_key"]) == 64 and step["status"] in ("ran", "cached")
        assert step["code_version"] and step["seconds"] >= 0
        assert all(len(h) == 64 for h in step["output_hashes"].values())
    by_name = {s["name"]: s for s in manifest["steps"]}
    assert by_name["train"]["output_hashes"]["model"] == m["model_hash"]
    assert by_name["evaluate"]["input_hashes"]["model"] == m["model_hash"]  # lineage: evaluate read that model
    assert by_name["evaluate"]["summaries"]["metrics"] == m["metrics"]
