"""A local pipeline runner with content-hash caching and a run manifest.

A step's cache key is the hash of
    step name + step code version (explicit version + hash of the source of the step's module
    and of every module of this package it imports, so helpers such as `validation_checks`,
    `build_pipeline` or `score` are part of the key)
    + its parameters (canonical JSON) + the content hashes of its input artifacts.
If a cached result exists for that key, the step is skipped and its outputs are loaded:
same inputs, same parameters, same code → same outputs. Change a parameter, the data or the
step's code, and that step and everything downstream of it runs again.

Every run writes outputs/runs/<run-id>/manifest.json: parameters, library versions, and per
step its code version, cache key, input and output hashes, status (ran | cached) and timing.
With the manifest you can tell exactly what produced a model, and rerun it.
"""
from __future__ import annotations

import json
import pickle
import platform
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Dict, List, Optional

from .hashing import canonical_json, content_hash, package_code_hash, sha256_bytes


@dataclass
class Step:
    name: str
    fn: Callable
    #: argument name → "producer_step.artifact"
    inputs: Dict[str, str] = field(default_factory=dict)
    #: config → the parameters this step depends on (and only those: they are its cache key)
    params: Callable[[dict], dict] = lambda cfg: {}
    #: bump when the step's behaviour changes in a way its code hash would not show (e.g. a data file it reads)
    version: str = "1"
    cache: bool = True
    #: names from the run context the step receives (run_id, registry, input_hashes)
    context: tuple = ()

    @property
    def code_version(self) -> str:
        return f"{self.version}-{package_code_hash(self.fn)}"

    def cache_key(self, params: dict, input_hashes: Dict[str, str]) -> str:
        return sha256_bytes(canonical_json({
            "step": self.name,
            "code_version": self.code_version,
            "params": params,
            "inputs": input_hashes,
        }).encode())


class StepCache:
    """Pickled step outputs under <root>/<step>/<key>.pkl."""

    def __init__(self, root):
        self.root = Path(root)

    def path(self, step: str, key: str) -> Path:
        return self.root / step / f"{key}.pkl"

    def get(self, step: str, key: str) -> Optional[dict]:
        p = self.path(step, key)
        if not p.exists():
            return None
        try:
            with open(p, "rb") as f:
                return pickle.load(f)
        except Exception:  # a corrupt entry is a miss, not a crash
            return None

    def put(self, step: str, key: str, entry: dict) -> None:
        p = self.path(step, key)
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            pickle.dump(entry, f, protocol=4)
        tmp.replace(p)


def _summary(value):
    """What the manifest shows of an artifact: small dicts in full, anything else by hash only."""
    if isinstance(value, dict):
        try:
            canonical_json(value)
            return value
        except TypeError:
            return None
    return None


def _manifest_entry(record: dict) -> dict:
    entry = {k: v for k, v in record.items() if k != "outputs"}
    if "outputs" in record:
        entry["summaries"] = {k: _summary(v) for k, v in record["outputs"].items() if _summary(v) is not None}
    return entry


def execute_step(step: Step, cfg: dict, inputs: Dict[str, object], input_hashes: Dict[str, str],
                 cache: Optional[StepCache], use_cache: bool = True, context: Optional[dict] = None,
                 log=print) -> dict:
    """Run (or load from the cache) one step. Returns a record with outputs, hashes, status and timing."""
    params = step.params(cfg)
    key = step.cache_key(params, input_hashes)
    start = time.perf_counter()
    entry = cache.get(step.name, key) if (cache is not None and use_cache and step.cache) else None
    if entry is not None:
        status = "cached"
        log(f"[cache] {step.name:9s} hit   key {key[:12]}  skipped")
    else:
        kwargs = dict(inputs)
        for name in step.context:
            kwargs[name] = (context or {})[name]
        outputs = step.fn(params, **kwargs)
        entry = {"outputs": outputs, "hashes": {k: content_hash(v) for k, v in outputs.items()}}
        if cache is not None and step.cache:
            cache.put(step.name, key, entry)
        status = "ran"
        what = "miss" if step.cache else "never cached"
        log(f"[run]   {step.name:9s} {what:5s} key {key[:12]}  ran in {time.perf_counter() - start:.2f}s")
    return {
        "name": step.name,
        "status": status,
        "code_version": step.code_version,
        "cacheable": step.cache,
        "cache_key": key,
        "params": params,
        "input_hashes": input_hashes,
        "output_hashes": entry["hashes"],
        "outputs": entry["outputs"],
        "seconds": round(time.perf_counter() - start, 4),
    }


def library_versions() -> dict:
    import numpy
    import pandas
    import scipy
    import sklearn

    from . import __version__

    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "package": __version__,
    }


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]


class LocalRunner:
    """Runs steps in order in this process; artifacts stay in memory and in the cache."""

    def __init__(self, steps: List[Step], output_dir="outputs", use_cache: bool = True, log=print):
        self.steps = steps
        self.output_dir = Path(output_dir)
        self.cache = StepCache(self.output_dir / "cache")
        self.use_cache = use_cache
        self.log = log
        names = [s.name for s in steps]
        for s in steps:  # a step may only read artifacts of steps that run before it
            for ref in s.inputs.values():
                producer = ref.split(".")[0]
                if producer not in names or names.index(producer) >= names.index(s.name):
                    raise ValueError(f"step {s.name!r} reads {ref!r}, which no earlier step produces")

    def run(self, cfg: dict, context: Optional[dict] = None, run_id: Optional[str] = None,
            trigger: str = "manual") -> dict:
        run_id = run_id or new_run_id()
        run_dir = self.output_dir / "runs" / run_id
        context = dict(context or {}, run_id=run_id)
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        t0 = time.perf_counter()
        artifacts, hashes, records = {}, {}, []
        status, error = "succeeded", None
        self.log(f"[pipeline] run {run_id} ({cfg.get('mode', 'full')}, trigger: {trigger})")
        try:
            for step in self.steps:
                inputs = {arg: artifacts[ref] for arg, ref in step.inputs.items()}
                input_hashes = {arg: hashes[ref] for arg, ref in step.inputs.items()}
                rec = execute_step(step, cfg, inputs, input_hashes, self.cache, self.use_cache,
                                   dict(context, input_hashes=input_hashes), self.log)
                for name, value in rec["outputs"].items():
                    artifacts[f"{step.name}.{name}"] = value
                    hashes[f"{step.name}.{name}"] = rec["output_hashes"][name]
                records.append(rec)
        except Exception as exc:  # record the failure in the manifest, then re-raise
            status, error = "failed", f"{type(exc).__name__}: {exc}"
            records.append({"name": step.name, "status": "failed", "error": error,
                            "report": getattr(exc, "report", None)})
            raise
        finally:
            manifest = {
                "run_id": run_id,
                "pipeline": cfg.get("pipeline_name", "pipeline"),
                "status": status,
                "error": error,
                "trigger": trigger,
                "mode": cfg.get("mode"),
                "seed": cfg.get("seed"),
                "started_at": started,
                "seconds": round(time.perf_counter() - t0, 4),
                "config_hash": sha256_bytes(canonical_json(cfg).encode()),
                "params": cfg,
                "versions": library_versions(),
                "steps": [_manifest_entry(r) for r in records],
            }
            run_dir.mkdir(parents=True, exist_ok=True)
            (run_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
        return {"run_id": run_id, "run_dir": run_dir, "artifacts": artifacts, "hashes": hashes,
                "records": records, "manifest": manifest}
