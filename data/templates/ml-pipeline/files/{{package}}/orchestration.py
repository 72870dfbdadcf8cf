"""Run the pipeline one step at a time, as an orchestrator does.

The local runner keeps artifacts in memory. An orchestrator (Airflow, Kubeflow) runs every
step as a separate task, often in a separate process or container, so artifacts must go
through storage. These helpers wrap the *same* step functions and the same cache:

* `run_step` / `finalize_run`: one Airflow task each; artifacts live in
  outputs/runs/<run-id>/artifacts/ (a shared filesystem; on a cluster use object storage).
* `run_step_with_paths`: one Kubeflow component each; KFP hands every component the local
  paths of its input and output artifacts.
* `needs_retraining`: the drift gate in front of both.

No orchestrator is imported here, so all of this is tested locally (tests/test_orchestration.py).
"""
from __future__ import annotations

import json
import pickle
import re
import time
from pathlib import Path
from typing import Dict, Optional, Sequence

import pandas as pd

from .config import load_config
from .drift import detect_drift
from .hashing import content_hash
from .pipeline import build_metrics, build_steps
from .registry import ModelRegistry
from .runner import StepCache, execute_step, library_versions


def step_names() -> list:
    return [s.name for s in build_steps()]


def _step(name: str):
    steps = {s.name: s for s in build_steps()}
    if name not in steps:
        raise KeyError(f"unknown step {name!r}; steps: {list(steps)}")
    return steps[name]


def run_dir_for(output_dir, run_id: str) -> Path:
    """A filesystem-safe run folder for an orchestrator's run id (e.g. 'scheduled__2024-01-01T00:00:00+00:00')."""
    return Path(output_dir) / "runs" / re.sub(r"[^A-Za-z0-9_.-]+", "-", run_id)


def _config(config_path, smoke: bool, overrides: Sequence[str], new_data_path: Optional[str]) -> dict:
    extra = {"data": {"source": "csv", "csv_path": new_data_path}} if new_data_path else None
    return load_config(config_path, smoke=smoke, overrides=overrides, extra=extra)


# --------------------------------------------------------------------------- Airflow-style
def run_step(step_name: str, run_dir, config_path=None, smoke: bool = False, overrides: Sequence[str] = (),
             output_dir="outputs", new_data_path: Optional[str] = None, log=print) -> dict:
    """Run one step, reading upstream artifacts from `run_dir` and writing its own there.

    Returns a small JSON-able record (what Airflow pushes to XCom).
    """
    run_dir = Path(run_dir)
    cfg = _config(config_path, smoke, overrides, new_data_path)
    step = _step(step_name)
    inputs, hashes = {}, {}
    for arg, ref in step.inputs.items():
        producer, name = ref.split(".")
        path = run_dir / "artifacts" / producer / f"{name}.pkl"
        if not path.exists():
            raise FileNotFoundError(f"{step_name} needs {ref}, but {path} does not exist: did {producer} run?")
        with open(path, "rb") as f:
            entry = pickle.load(f)
        inputs[arg], hashes[arg] = entry["value"], entry["hash"]
    context = {"run_id": run_dir.name, "registry": ModelRegistry(Path(output_dir) / "registry"), "input_hashes": hashes}
    rec = execute_step(step, cfg, inputs, hashes, StepCache(Path(output_dir) / "cache"), True, context, log)
    for name, value in rec["outputs"].items():
        path = run_dir / "artifacts" / step.name / f"{name}.pkl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            pickle.dump({"value": value, "hash": rec["output_hashes"][name]}, f, protocol=4)
    record = {k: v for k, v in rec.items() if k != "outputs"}
    (run_dir / "steps").mkdir(parents=True, exist_ok=True)
    (run_dir / "steps" / f"{step.name}.json").write_text(json.dumps(record, indent=2, default=str), encoding="utf-8")
    return {"step": step.name, "status": rec["status"], "output_hashes": rec["output_hashes"], "seconds": rec["seconds"]}


def finalize_run(run_dir, config_path=None, smoke: bool = False, overrides: Sequence[str] = (),
                 output_dir="outputs", new_data_path: Optional[str] = None, trigger: str = "orchestrator") -> dict:
    """Assemble manifest.json and outputs/metrics.json from the per-step records of `run_dir`."""
    run_dir = Path(run_dir)
    cfg = _config(config_path, smoke, overrides, new_data_path)
    records = [json.loads((run_dir / "steps" / f"{name}.json").read_text(encoding="utf-8")) for name in step_names()]
    artifacts, hashes = {}, {}
    for ref in ("validate.report", "evaluate.metrics", "register.decision", "train.model", "ingest.data"):
        producer, name = ref.split(".")
        with open(run_dir / "artifacts" / producer / f"{name}.pkl", "rb") as f:
            entry = pickle.load(f)
        artifacts[ref], hashes[ref] = entry["value"], entry["hash"]
    manifest = {
        "run_id": run_dir.name,
        "pipeline": cfg.get("pipeline_name"),
        "status": "succeeded",
        "trigger": trigger,
        "mode": cfg.get("mode"),
        "seed": cfg.get("seed"),
        "params": cfg,
        "versions": library_versions(),
        "steps": records,
    }
    (run_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
    metrics = build_metrics(cfg, run_dir.name, run_dir / "manifest.json", records, artifacts, hashes, trigger,
                            sum(r["seconds"] for r in records))
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    (Path(output_dir) / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    return {"run_id": run_dir.name, "model_hash": metrics["model_hash"], "registry": metrics["registry"]}


# --------------------------------------------------------------------------- Kubeflow-style
def run_step_with_paths(step_name: str, config_path: str, overrides_json: str, inputs: Dict[str, str],
                        outputs: Dict[str, str], registry_root: str = "", new_data_path: str = "",
                        run_id: str = "kfp") -> dict:
    """Run one step with artifacts at explicit file paths: {arg: path} in, {artifact: path} out.

    KFP caches components itself (by component spec and inputs), so the step cache is not used.
    Returns the step's outputs (so a component can log metrics).
    """
    cfg = _config(config_path, False, json.loads(overrides_json or "[]"), new_data_path or None)
    step = _step(step_name)
    values, hashes = {}, {}
    for arg, path in inputs.items():
        with open(path, "rb") as f:
            values[arg] = pickle.load(f)
        hashes[arg] = content_hash(values[arg])
    context = {"run_id": run_id, "registry": ModelRegistry(registry_root or "registry"), "input_hashes": hashes}
    rec = execute_step(step, cfg, values, hashes, cache=None, use_cache=False, context=context)
    for name, path in outputs.items():
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            pickle.dump(rec["outputs"][name], f, protocol=4)
    return rec["outputs"]


# --------------------------------------------------------------------------- drift gate
def needs_retraining(new_data_path: Optional[str], config_path=None, output_dir="outputs",
                     smoke: bool = False, registry_root: Optional[str] = None) -> bool:
    """True when there is no champion yet, when no new data is given (scheduled retrain), or on drift."""
    registry = ModelRegistry(registry_root or Path(output_dir) / "registry")
    if registry.champion() is None or not new_data_path:
        return True
    cfg = load_config(config_path, smoke=smoke)
    report = detect_drift(registry.reference_data(), pd.read_csv(new_data_path), cfg["drift"])
    report["checked_at"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    drift_dir = Path(output_dir) / "drift"
    drift_dir.mkdir(parents=True, exist_ok=True)
    (drift_dir / "drift_report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return bool(report["drift_detected"])
