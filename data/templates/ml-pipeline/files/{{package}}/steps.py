"""The pipeline steps: plain Python functions, one per stage.

Each step takes `params` (a dict, part of the cache key) and named input artifacts, and returns
a dict of named output artifacts. Steps never read global state, files they were not told about
or the clock; that is what makes them cacheable and reproducible, and what lets the same
functions run under the local runner, in an Airflow task or in a Kubeflow component.

    ingest → validate → features → train → evaluate → register
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn import metrics as skm
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from .data import generate_churn


class DataValidationError(Exception):
    def __init__(self, report: dict):
        failed = [c["name"] + ": " + c["detail"] for c in report["checks"] if not c["passed"]]
        super().__init__("data validation failed: " + "; ".join(failed))
        self.report = report


# --------------------------------------------------------------------------- ingest
def ingest(params: dict) -> dict:
    """Load the raw table: generated (offline) or a CSV path from the config."""
    data = params["data"]
    if data["source"] == "generated":
        df = generate_churn(data["n_rows"], seed=params["seed"], drift=data.get("drift", 0.0))
    elif data["source"] == "csv":
        path = Path(data["csv_path"])
        if not path.exists():
            raise FileNotFoundError(f"{path} not found; create it with python -m <package>.data --out {path}")
        df = pd.read_csv(path)
    else:
        raise ValueError(f"unknown data.source {data['source']!r} (generated | csv)")
    return {"data": df.reset_index(drop=True)}


# --------------------------------------------------------------------------- validate
def _check(name: str, passed: bool, detail: str) -> dict:
    return {"name": name, "passed": bool(passed), "detail": detail}


def validation_checks(df: pd.DataFrame, params: dict) -> list:
    """Every check returns pass/fail with a human-readable detail. Add your own here."""
    v = params["validation"]
    target = params["target"]
    numeric_cols = list(v.get("ranges", {}))
    categories = v.get("categories", {})
    required = [v["id_column"], target, *numeric_cols, *categories]
    checks = []

    missing = [c for c in required if c not in df.columns]
    checks.append(_check("schema", not missing, f"missing columns: {missing}" if missing else "all required columns present"))
    present = [c for c in numeric_cols if c in df.columns]
    non_numeric = [c for c in present if not pd.api.types.is_numeric_dtype(df[c])]
    checks.append(_check("numeric_dtypes", not non_numeric,
                         f"non-numeric: {non_numeric}" if non_numeric else "numeric columns are numeric"))
    checks.append(_check("min_rows", len(df) >= v["min_rows"], f"{len(df)} rows (min {v['min_rows']})"))

    null_frac = df.isna().mean()
    too_null = {c: round(float(f), 4) for c, f in null_frac.items() if f > v["max_null_fraction"]}
    checks.append(_check("null_fraction", not too_null,
                         f"too many nulls: {too_null}" if too_null else f"max null fraction {float(null_frac.max()):.4f}"))

    if target in df.columns:
        values = set(pd.unique(df[target].dropna()))
        checks.append(_check("target_binary", values <= {0, 1} and len(values) == 2, f"target values {sorted(values)}"))
        rate = float(df[target].mean())
        lo, hi = v["positive_rate"]
        checks.append(_check("positive_rate", lo <= rate <= hi, f"positive rate {rate:.3f} (allowed {lo}..{hi})"))
    else:
        checks.append(_check("target_binary", False, f"no target column {target!r}"))
        checks.append(_check("positive_rate", False, "no target column"))

    out_of_range = {}
    for col, (lo, hi) in v.get("ranges", {}).items():
        if col in df.columns and col not in non_numeric:
            bad = int(((df[col] < lo) | (df[col] > hi)).sum())
            if bad:
                out_of_range[col] = bad
    checks.append(_check("value_ranges", not out_of_range,
                         f"rows out of range: {out_of_range}" if out_of_range else "all values within range"))

    unknown = {}
    for col, allowed in categories.items():
        if col in df.columns:
            frac = float((~df[col].isin(allowed) & df[col].notna()).mean())
            if frac > v["max_unknown_category_fraction"]:
                unknown[col] = round(frac, 4)
    checks.append(_check("known_categories", not unknown,
                         f"unknown category share: {unknown}" if unknown else "categories within the known sets"))

    id_col = v["id_column"]
    dupes = int(df[id_col].duplicated().sum()) if id_col in df.columns else -1
    checks.append(_check("unique_ids", dupes == 0, f"{dupes} duplicated ids" if dupes else "ids are unique"))
    return checks


def validate(params: dict, data: pd.DataFrame) -> dict:
    """Fail fast on bad data: a model trained on a broken export is worse than no new model."""
    checks = validation_checks(data, params)
    report = {"passed": all(c["passed"] for c in checks), "n_checks": len(checks), "checks": checks,
              "rows": int(len(data))}
    if not report["passed"]:
        raise DataValidationError(report)
    return {"data": data, "report": report}


# --------------------------------------------------------------------------- features
def add_derived_features(df: pd.DataFrame) -> pd.DataFrame:
    """Row-wise features only: nothing here looks at other rows, so nothing can leak across the split."""
    out = df.copy()
    months = np.maximum(out["tenure_months"], 1)
    out["avg_charge_per_month"] = out["total_charges"] / months
    out["support_calls_per_year"] = out["support_calls"] / (months / 12.0)
    return out


def features(params: dict, data: pd.DataFrame) -> dict:
    f = params["features"]
    df = add_derived_features(data)
    cols = [*f["numeric"], *f["categorical"], f["target"]]
    train, test = train_test_split(df[cols], test_size=f["test_size"], random_state=params["seed"],
                                   stratify=df[f["target"]])
    return {"train": train.reset_index(drop=True), "test": test.reset_index(drop=True)}


# --------------------------------------------------------------------------- train
def make_estimator(model_cfg: dict, seed: int):
    kind, p = model_cfg["type"], dict(model_cfg.get("params") or {})
    if kind == "logistic_regression":
        return LogisticRegression(random_state=seed, **p)
    if kind == "random_forest":
        p.setdefault("n_estimators", 200)
        p.setdefault("min_samples_leaf", 5)
        return RandomForestClassifier(random_state=seed, n_jobs=1, **p)
    if kind == "hist_gradient_boosting":
        return HistGradientBoostingClassifier(random_state=seed, **p)
    raise ValueError(f"unknown model.type {kind!r}")


def build_pipeline(params: dict) -> Pipeline:
    """Preprocessing and model in one sklearn Pipeline: fitted on train only, saved as one artifact."""
    f = params["features"]
    pre = ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), f["numeric"]),
        ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                          ("onehot", OneHotEncoder(handle_unknown="ignore"))]), f["categorical"]),
    ])
    model_cfg = dict(params["model"])
    if model_cfg["type"] != "logistic_regression":  # these estimators do not accept max_iter/C
        model_cfg["params"] = {k: v for k, v in (model_cfg.get("params") or {}).items() if k not in ("C", "max_iter")}
    return Pipeline([("preprocess", pre), ("model", make_estimator(model_cfg, params["seed"]))])


def train(params: dict, train: pd.DataFrame) -> dict:
    target = params["features"]["target"]
    pipe = build_pipeline(params)
    pipe.fit(train.drop(columns=[target]), train[target])
    return {"model": pipe}


# --------------------------------------------------------------------------- evaluate
def score(model, test: pd.DataFrame, target: str, threshold: float = 0.5) -> dict:
    y = test[target].to_numpy()
    proba = model.predict_proba(test.drop(columns=[target]))[:, 1]
    pred = (proba >= threshold).astype(int)
    return {
        "roc_auc": float(skm.roc_auc_score(y, proba)),
        "average_precision": float(skm.average_precision_score(y, proba)),
        "log_loss": float(skm.log_loss(y, np.clip(proba, 1e-7, 1 - 1e-7))),
        "accuracy": float(skm.accuracy_score(y, pred)),
        "precision": float(skm.precision_score(y, pred, zero_division=0)),
        "recall": float(skm.recall_score(y, pred, zero_division=0)),
        "f1": float(skm.f1_score(y, pred, zero_division=0)),
        "n_test": int(len(y)),
        "positive_rate": float(y.mean()),
    }


def evaluate(params: dict, model, test: pd.DataFrame) -> dict:
    return {"metrics": score(model, test, params["target"], params["evaluation"]["threshold"])}


# --------------------------------------------------------------------------- register
def register(params: dict, model, metrics: dict, test: pd.DataFrame, train: pd.DataFrame,
             run_id: str, registry, input_hashes: dict) -> dict:
    """Promote the model only if it beats the champion *on the same test data*.

    Not cached (see pipeline.py): whether to promote depends on the registry's current state,
    which is not an input of the step.
    """
    primary = params["evaluation"]["primary_metric"]
    target = params["target"]
    threshold = params["evaluation"]["threshold"]
    decision = registry.register_if_better(
        model=model,
        model_hash=input_hashes["model"],
        metrics=metrics,
        primary_metric=primary,
        score_champion=lambda champion: score(champion, test, target, threshold)[primary],
        higher_is_better=params["registry"]["higher_is_better"],
        min_improvement=params["registry"]["min_improvement"],
        reference_data=train,
        run_id=run_id,
    )
    return {"decision": decision}
