"""Data-drift check and drift-triggered retraining.

Compares a new batch of data with the champion model's training data (its reference, stored in
the registry) feature by feature:

* PSI, the population stability index: bin the reference (deciles for numbers, categories for
  categoricals) and sum (new% - ref%) * ln(new% / ref%). Rule of thumb: < 0.1 stable,
  0.1-0.2 moderate shift, >= 0.2 significant shift.
* KS, the two-sample Kolmogorov-Smirnov statistic for numeric features: the largest gap between
  the two empirical CDFs. We threshold the statistic, not the p-value: with tens of thousands of
  rows every tiny, harmless shift has a tiny p-value.

    python -m {{package}}.drift --new-data data/new_batch.csv             # check only
    python -m {{package}}.drift --new-data data/new_batch.csv --retrain   # retrain if drifted
    python -m {{package}}.drift --simulate-shift 0.8 --retrain --smoke    # offline demo

Writes outputs/drift/drift_report.json (with `smoke` and `data_source`: simulated | csv) and
outputs/plots/psi_per_feature.png. With --retrain and drift detected, the pipeline runs on the
new data (trigger "drift") and the registry promotes the new model only if it beats the
champion on the new data's fixed holdout (rows neither model trained on).

The two statistics are exercises: psi_from_counts (drift_psi.py) and ks_drift (drift_ks.py).
Until they are written the report uses a fallback distance and lists it under `fallbacks`.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional

import numpy as np
import pandas as pd

from .config import load_config
from .data import generate_churn
from . import plots
from .drift_ks import ks_drift
from .drift_psi import EPS, psi_from_counts  # noqa: F401  (EPS re-exported)
from .plots import plot_or_note
from .registry import ModelRegistry

def _numeric_counts(reference, current, bins: int = 10):
    """Histograms of both samples over the reference's quantile bins (deciles by default)."""
    ref = pd.Series(reference).dropna().to_numpy(dtype=float)
    cur = pd.Series(current).dropna().to_numpy(dtype=float)
    edges = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1])) if len(ref) else np.array([])
    ref_counts = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1)
    cur_counts = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1)
    return ref_counts, cur_counts


def _categorical_counts(reference, current):
    ref = pd.Series(reference).astype(str).value_counts()
    cur = pd.Series(current).astype(str).value_counts()
    cats = sorted(set(ref.index) | set(cur.index))
    return ref.reindex(cats, fill_value=0).to_numpy(), cur.reindex(cats, fill_value=0).to_numpy()


def psi_numeric(reference, current, bins: int = 10) -> float:
    ref_counts, cur_counts = _numeric_counts(reference, current, bins)
    if ref_counts.sum() == 0 or cur_counts.sum() == 0:
        return 0.0
    return float(psi_from_counts(ref_counts, cur_counts))


def psi_categorical(reference, current) -> float:
    return float(psi_from_counts(*_categorical_counts(reference, current)))


def total_variation(reference_counts, current_counts) -> float:
    """Fallback distance while PSI is not written: half the sum of |current% - reference%| (0 to 1)."""
    r = np.asarray(reference_counts, dtype=float)
    c = np.asarray(current_counts, dtype=float)
    return float(0.5 * np.abs(c / max(c.sum(), 1) - r / max(r.sum(), 1)).sum())


def _feature_drift(ref_col, cur_col, numeric: bool, cfg: dict, fallbacks: set) -> dict:
    """One feature: PSI (or its fallback) and, for numbers, KS; then the configured rule."""
    counts = _numeric_counts(ref_col, cur_col) if numeric else _categorical_counts(ref_col, cur_col)
    out = {"kind": "numeric" if numeric else "categorical"}
    try:
        out["psi"] = psi_numeric(ref_col, cur_col) if numeric else psi_categorical(ref_col, cur_col)
        distance, rule = out["psi"], f"PSI >= {cfg['psi_threshold']}"
        limit = cfg["psi_threshold"]
    except NotImplementedError:
        fallbacks.add("psi: fallback: total variation distance (psi_from_counts not implemented)")
        out["psi"] = None
        out["tvd"] = distance = total_variation(*counts)
        limit, rule = cfg["fallback_tvd_threshold"], f"fallback: TVD >= {cfg['fallback_tvd_threshold']}"
    if numeric:
        try:
            ks = ks_drift(ref_col, cur_col, cfg["ks_threshold"])
            out["ks_statistic"], out["ks_pvalue"] = ks["statistic"], ks["pvalue"]
            if cfg.get("method", "psi") == "ks":
                out.update(drifted=bool(ks["drifted"]), rule=f"KS >= {cfg['ks_threshold']}")
                return out
        except NotImplementedError:
            fallbacks.add("ks: fallback: not computed, numeric features use the PSI rule (ks_drift not implemented)")
            out["ks_statistic"] = out["ks_pvalue"] = None
    out.update(drifted=bool(distance >= limit), rule=rule)
    return out


def detect_drift(reference: pd.DataFrame, current: pd.DataFrame, drift_cfg: dict) -> dict:
    """Per-feature PSI (and KS for numbers); drift_detected when more than max_drifted_features drift."""
    method = drift_cfg.get("method", "psi")
    if method not in ("psi", "ks"):
        raise ValueError(f"unknown drift.method {method!r} (psi | ks)")
    features, fallbacks = {}, set()
    for col in drift_cfg["features"]:
        if col not in reference.columns or col not in current.columns:
            features[col] = {"kind": "missing", "drifted": True, "rule": "column missing in one of the datasets"}
            continue
        numeric = pd.api.types.is_numeric_dtype(reference[col]) and pd.api.types.is_numeric_dtype(current[col])
        features[col] = _feature_drift(reference[col], current[col], numeric, drift_cfg, fallbacks)
    drifted = [c for c, f in features.items() if f["drifted"]]
    return {
        "method": method,
        "drift_detected": len(drifted) > drift_cfg.get("max_drifted_features", 0),
        "drifted_features": drifted,
        "n_features": len(features),
        "reference_rows": int(len(reference)),
        "current_rows": int(len(current)),
        "features": features,
        "fallbacks": sorted(fallbacks),
    }


def main(argv: Optional[list] = None) -> dict:
    from .pipeline import run_pipeline  # imported here: pipeline imports nothing from drift

    parser = argparse.ArgumentParser(description="Check new data for drift; optionally retrain")
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--new-data", help="CSV with the new batch")
    src.add_argument("--simulate-shift", type=float, metavar="X",
                     help="generate a new batch offline with drift X (0 = same distribution, 1 = strong)")
    parser.add_argument("--reference", help="reference CSV (default: the registry champion's training data)")
    parser.add_argument("--retrain", action="store_true", help="run the pipeline on the new data if drift is detected")
    parser.add_argument("--config", default=None)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--rows", type=int, default=None, help="rows of the simulated batch")
    parser.add_argument("--batch-seed", type=int, default=1234, help="seed of the simulated batch")
    parser.add_argument("--output-dir", default="outputs")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    log = (lambda *a, **k: None) if args.quiet else (lambda *a, **k: print(*a, **k, flush=True))

    cfg = load_config(args.config, smoke=args.smoke, overrides=args.overrides)
    out = Path(args.output_dir)
    drift_dir = out / "drift"
    drift_dir.mkdir(parents=True, exist_ok=True)

    if args.simulate_shift is not None:
        rows = args.rows or cfg["data"]["n_rows"]
        new_path = drift_dir / "new_batch.csv"
        generate_churn(rows, seed=args.batch_seed, drift=args.simulate_shift).to_csv(new_path, index=False)
        log(f"[drift] simulated a new batch: {rows} rows, shift {args.simulate_shift} → {new_path}")
    else:
        new_path = Path(args.new_data)
    current = pd.read_csv(new_path)

    registry = ModelRegistry(out / "registry")
    if args.reference:
        reference, ref_name = pd.read_csv(args.reference), args.reference
    else:
        champ = registry.champion()
        if champ is None:
            print("[drift] no champion in the registry and no --reference: run the pipeline first "
                  f"(python -m {__package__}.pipeline{' --smoke' if args.smoke else ''})", file=sys.stderr)
            raise SystemExit(2)
        reference, ref_name = registry.reference_data(), f"registry champion v{champ['version']}"

    report = detect_drift(reference, current, cfg["drift"])
    report.update({"reference": ref_name, "new_data": str(new_path), "retrained": False})
    report.update({"smoke": bool(args.smoke), "data_source": "simulated" if args.simulate_shift is not None else "csv"})
    for col, f in report["features"].items():
        extra = f"  KS {f['ks_statistic']:.3f}" if f.get("ks_statistic") is not None else ""
        if f.get("psi") is not None:
            dist = f"PSI {f['psi']:.3f}"
        else:
            dist = f"TVD {f['tvd']:.3f}" if f.get("tvd") is not None else f["rule"]
        log(f"[drift] {col:18s} {dist}{extra}  {'DRIFT' if f['drifted'] else 'ok'}")
    for note in report["fallbacks"]:
        log(f"[drift] {note}")
    report["plot"] = plot_or_note(lambda: plots.psi_per_feature(report, drift_dir.parent / "plots" / "psi_per_feature.png",
                                                                 cfg["drift"], title=f"new batch vs {ref_name}"))
    log(f"[drift] drift detected: {report['drift_detected']} ({len(report['drifted_features'])} of "
        f"{report['n_features']} features: {report['drifted_features']})")

    if report["drift_detected"] and args.retrain:
        log("[drift] retraining on the new data")
        retrain_cfg = load_config(args.config, smoke=args.smoke, overrides=args.overrides,
                                  extra={"data": {"source": "csv", "csv_path": str(new_path)}})
        metrics = run_pipeline(retrain_cfg, output_dir=out, trigger="drift", log=log)
        report["retrained"] = True
        report["retrain_run_id"] = metrics["run_id"]
        report["registry"] = metrics["registry"]
    elif args.retrain:
        log("[drift] no drift: retraining skipped")

    (drift_dir / "drift_report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    log(f"[drift] report → {drift_dir / 'drift_report.json'}")
    return report


if __name__ == "__main__":
    main(sys.argv[1:])
