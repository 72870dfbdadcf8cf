"""The training pipeline: which steps, in which order, reading which parameters.

    python -m {{package}}.pipeline                     # full run (40k generated rows, or your CSV)
    python -m {{package}}.pipeline --smoke             # small and fast, same code path
    python -m {{package}}.pipeline --set model.type=random_forest --set model.params.max_depth=8
    python -m {{package}}.pipeline --data data/churn.csv    # the CSV path instead of generated data

Writes outputs/metrics.json, outputs/runs/<run-id>/manifest.json, the step cache in
outputs/cache/, promoted models in outputs/registry/ and plots in outputs/plots/ (all relative
to the current directory).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import List, Optional

import numpy as np

from . import plots, steps
from .config import load_config
from .drift import detect_drift
from .hashing import file_hash
from .registry import ModelRegistry
from .runner import LocalRunner, Step


def _ingest_params(cfg: dict) -> dict:
    data = dict(cfg["data"])
    if data["source"] == "csv":
        # the file's content is an input of the step: a new export means a cache miss
        path = Path(data["csv_path"])
        data["csv_sha256"] = file_hash(path) if path.exists() else None
    else:
        data.pop("csv_path", None)  # irrelevant for generated data; keep it out of the cache key
    return {"data": data, "seed": cfg["seed"]}


def build_steps() -> List[Step]:
    """The DAG. Each step declares what it reads; `params` picks the config it depends on."""
    target = lambda cfg: cfg["features"]["target"]  # noqa: E731
    return [
        Step("ingest", steps.ingest, params=_ingest_params),
        Step("validate", steps.validate, inputs={"data": "ingest.data"},
             params=lambda cfg: {"validation": cfg["validation"], "target": target(cfg)}),
        Step("features", steps.features, inputs={"data": "validate.data"},
             params=lambda cfg: {"features": cfg["features"], "seed": cfg["seed"]}),
        Step("train", steps.train, inputs={"train": "features.train"},
             params=lambda cfg: {"features": cfg["features"], "model": cfg["model"], "seed": cfg["seed"]}),
        Step("evaluate", steps.evaluate, inputs={"model": "train.model", "test": "features.test"},
             params=lambda cfg: {"evaluation": cfg["evaluation"], "target": target(cfg)}),
        # Never cached: the decision depends on the registry's state, which is not a step input.
        Step("register", steps.register,
             inputs={"model": "train.model", "metrics": "evaluate.metrics", "test": "features.test",
                     "train": "features.train"},
             params=lambda cfg: {"evaluation": cfg["evaluation"], "registry": cfg["registry"], "target": target(cfg),
                                 "id_column": cfg["features"]["id_column"], "seed": cfg["seed"]},
             cache=False, context=("run_id", "registry", "input_hashes")),
    ]


def build_metrics(cfg: dict, run_id: str, manifest_path, records: list, artifacts: dict, hashes: dict,
                  trigger: str, seconds: float) -> dict:
    """The outputs/metrics.json summary of one run (used by the local runner and by orchestrators)."""
    decision = artifacts["register.decision"]
    report = artifacts["validate.report"]
    cacheable = [r for r in records if r.get("cacheable", True)]
    return {
        "status": "succeeded",
        # what produced these numbers: milestones about real data require smoke == false and data_source == csv
        "smoke": cfg.get("mode") == "smoke",
        "data_source": cfg["data"]["source"],
        "model_source": f"trained here: {cfg['model']['type']}",
        "run_id": run_id,
        "pipeline": cfg.get("pipeline_name"),
        "mode": cfg.get("mode"),
        "seed": cfg["seed"],
        "trigger": trigger,
        "model_type": cfg["model"]["type"],
        "metrics": artifacts["evaluate.metrics"],
        "model_hash": hashes["train.model"],
        "data_hash": hashes["ingest.data"],
        "validation": {
            "passed": report["passed"],
            "n_checks": report["n_checks"],
            "failed_checks": [c["name"] for c in report["checks"] if not c["passed"]],
            "skipped_checks": report.get("skipped", []),
        },
        "cache": {
            "hits": sum(1 for r in cacheable if r["status"] == "cached"),
            "misses": sum(1 for r in cacheable if r["status"] == "ran"),
            "uncacheable": len(records) - len(cacheable),
            "steps": {r["name"]: r["status"] for r in records},
        },
        "registry": {
            "promoted": decision["promoted"],
            "reason": decision["reason"],
            "champion_version": decision["champion_version"] or 0,
            "n_versions": decision["n_versions"],
            "challenger_score": decision["challenger_score"],
            "champion_score": decision["champion_score"],
            "rule": decision.get("rule"),
        },
        "step_seconds": {r["name"]: r["seconds"] for r in records},
        "manifest": str(manifest_path),
        "seconds_total": round(seconds, 4),
    }


def learning_curve_points(cfg: dict, model, train, test, fractions) -> list:
    """Holdout and training score of the same pipeline fitted on growing shares of the training rows.

    Every subset is drawn from the training split only (a seeded permutation), never from the
    holdout. The last point (fraction 1) is the model the run trained.
    """
    target, metric = cfg["features"]["target"], cfg["evaluation"]["primary_metric"]
    threshold = cfg["evaluation"]["threshold"]
    order = np.random.default_rng(cfg["seed"]).permutation(len(train))
    params = {"features": cfg["features"], "model": cfg["model"], "seed": cfg["seed"]}
    points = []
    for fraction in sorted(set(float(f) for f in fractions)):
        subset = train.iloc[order[: max(50, int(round(fraction * len(train))))]]
        if fraction >= 1.0:
            fitted, subset = model, train
        else:
            if subset[target].nunique() < 2:
                continue
            fitted = steps.train(params, subset)["model"]
        points.append({
            "fraction": fraction,
            "train_rows": int(len(subset)),
            "train_score": steps.score(fitted, subset, target, threshold)[metric],
            "holdout_score": steps.score(fitted, test, target, threshold)[metric],
        })
    return points


def run_report(cfg: dict, result: dict, registry: ModelRegistry, output_dir: Path) -> dict:
    """After the steps: learning curve, split check (PSI training split vs holdout) and the plots."""
    a = result["artifacts"]
    train, test, model = a["features.train"], a["features.test"], a["train.model"]
    rep = cfg.get("report", {})
    points = learning_curve_points(cfg, model, train, test, rep.get("learning_curve_fractions", [0.1, 0.25, 0.5, 1.0]))
    split = detect_drift(train, test, cfg["drift"])
    plot_dir = output_dir / "plots"
    metric = cfg["evaluation"]["primary_metric"]
    decisions = registry.decisions()
    return {
        "learning_curve": points,
        "split_check": {
            "what": "PSI per feature between the training split and the fixed holdout: near 0 when the holdout "
                    "represents the same population",
            "psi": {c: f.get("psi") for c, f in split["features"].items()},
            "drifted_features": split["drifted_features"],
            "fallbacks": split["fallbacks"],
        },
        "plots": {
            "learning_curve": lambda: plots.learning_curve(points, plot_dir / "learning_curve.png", metric),
            "registry_history": lambda: plots.registry_history(decisions, plot_dir / "registry_history.png"),
            "psi_split": lambda: plots.psi_per_feature(split, plot_dir / "psi_split.png", cfg["drift"],
                                                       title="PSI per feature: training split vs holdout"),
        },
    }


def run_pipeline(cfg: dict, output_dir="outputs", use_cache: bool = True, trigger: str = "manual",
                 log=print, write_metrics: bool = True) -> dict:
    """Run every step locally and write outputs/metrics.json. Returns the metrics dict."""
    t0 = time.perf_counter()
    output_dir = Path(output_dir)
    registry = ModelRegistry(output_dir / "registry")
    runner = LocalRunner(build_steps(), output_dir=output_dir, use_cache=use_cache, log=log)
    result = runner.run(cfg, context={"registry": registry}, trigger=trigger)
    metrics = build_metrics(cfg, result["run_id"], result["run_dir"] / "manifest.json", result["records"],
                            result["artifacts"], result["hashes"], trigger, time.perf_counter() - t0)
    report = run_report(cfg, result, registry, output_dir)
    draw = cfg.get("report", {}).get("plots", True)
    report["plots"] = {name: plots.plot_or_note(make) if draw else "off (report.plots: false)"
                       for name, make in report["plots"].items()}
    metrics.update(report)
    gaps = metrics["validation"]["skipped_checks"] + metrics["split_check"]["fallbacks"]
    if metrics["registry"]["rule"] and metrics["registry"]["rule"].startswith("fallback"):
        gaps.append("registry: " + metrics["registry"]["rule"])
    metrics["fallbacks"] = gaps
    if write_metrics:
        output_dir.mkdir(parents=True, exist_ok=True)
        (output_dir / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    primary = cfg["evaluation"]["primary_metric"]
    reg = metrics["registry"]
    log(f"[pipeline] {primary} {metrics['metrics'][primary]:.4f}  "
        f"cache hits {metrics['cache']['hits']}/{metrics['cache']['hits'] + metrics['cache']['misses']}  "
        f"registry: {'PROMOTED' if reg['promoted'] else 'kept'} v{reg['champion_version']} ({reg['reason']})")
    for gap in metrics["fallbacks"]:
        log(f"[pipeline] not written yet → {gap}")
    log(f"[pipeline] manifest {metrics['manifest']}  metrics {output_dir / 'metrics.json'}  plots {output_dir / 'plots'}")
    return metrics


def parse_args(argv: Optional[list] = None, description: str = "Run the training pipeline locally"):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--config", default=None, help="YAML config (default: configs/pipeline.yaml)")
    parser.add_argument("--smoke", action="store_true", help="small, fast configuration")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="override a config value, e.g. --set model.params.C=0.3 (repeatable)")
    parser.add_argument("--data", default=None, help="read this CSV instead of generating data")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--no-cache", action="store_true", help="run every step even if a cached result exists")
    parser.add_argument("--output-dir", default="outputs")
    parser.add_argument("--quiet", action="store_true")
    return parser, parser.parse_args(argv)


def config_from_args(args) -> dict:
    extra = {}
    if args.data:
        extra["data"] = {"source": "csv", "csv_path": args.data}
    if args.seed is not None:
        extra["seed"] = args.seed
    return load_config(args.config, smoke=args.smoke, overrides=args.overrides, extra=extra)


def main(argv: Optional[list] = None) -> dict:
    _, args = parse_args(argv)
    log = (lambda *a, **k: None) if args.quiet else (lambda *a, **k: print(*a, **k, flush=True))
    cfg = config_from_args(args)
    try:
        return run_pipeline(cfg, output_dir=args.output_dir, use_cache=not args.no_cache, log=log)
    except steps.DataValidationError as exc:
        print(f"[pipeline] stopped: {exc}", file=sys.stderr)
        for check in exc.report["checks"]:
            print(f"  {'ok  ' if check['passed'] else 'FAIL'} {check['name']}: {check['detail']}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
