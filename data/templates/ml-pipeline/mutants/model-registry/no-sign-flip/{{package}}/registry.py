"""A small local model registry: versions, a champion, and a promotion rule.

Layout (under outputs/registry by default):

    registry.json              champion version, every promoted version, every decision
    models/v1/model.pkl        the fitted sklearn Pipeline (preprocessing + model)
    models/v1/meta.json        metrics, model hash, run id, time
    models/v1/reference.csv    the training data: the reference the drift check compares against

Only models that beat the champion are stored. MLflow's registry, SageMaker Model Registry or
Vertex AI Model Registry play the same role in production.

Champion and challenger are compared on the *fixed holdout*: rows whose id hashes into the
holdout bucket (see steps.holdout_mask), so no model version ever trains on them. The registry
also drops any holdout row whose id is in the champion's or the challenger's training data
(their reference.csv), so neither model is scored on a row it has seen. Re-scoring the
champion on "the challenger's test split" is not enough: after a re-split (another seed,
another test_size) that split holds rows the champion trained on, and a memorising champion
(a random forest) looks far better than it is.
"""
from __future__ import annotations

import json
import pickle
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional

import numpy as np
import pandas as pd
from sklearn import metrics as skm

#: metric name → (function of (y_true, probability of class 1), higher is better)
METRIC_FUNCTIONS = {
    "roc_auc": (skm.roc_auc_score, True),
    "average_precision": (skm.average_precision_score, True),
    "log_loss": (lambda y, p: skm.log_loss(y, np.clip(p, 1e-7, 1 - 1e-7), labels=[0, 1]), False),
}


def metric_value(metric: str, y_true, proba) -> float:
    if metric not in METRIC_FUNCTIONS:
        raise ValueError(f"unknown metric {metric!r}; known: {sorted(METRIC_FUNCTIONS)}")
    return float(METRIC_FUNCTIONS[metric][0](np.asarray(y_true), np.asarray(proba, dtype=float)))


def promotion_decision(y_true, champion_proba, challenger_proba, metric: str = "roc_auc",
                       higher_is_better: bool = True, min_improvement: float = 0.0,
                       n_bootstrap: int = 200, confidence: float = 0.95, seed: int = 0) -> dict:
    """Decide whether the challenger replaces the champion, from their predictions on the SAME rows.

    Returns a dict with champion_score, challenger_score, gain (positive = challenger better, also
    for lower-is-better metrics), ci_low and ci_high (a `confidence` interval of the gain from a
    paired bootstrap over the rows), n_rows and promote: True only when gain >= min_improvement
    and ci_low > 0.
    """
    y = np.asarray(y_true)
    champ = np.asarray(champion_proba, dtype=float)
    chal = np.asarray(challenger_proba, dtype=float)
    if not (len(y) == len(champ) == len(chal)):
        raise ValueError("labels and both models' predictions must be for the same rows")
    sign = 1.0
    champion_score = metric_value(metric, y, champ)
    challenger_score = metric_value(metric, y, chal)
    gain = sign * (challenger_score - champion_score)
    rng = np.random.default_rng(seed)
    gains = []
    for _ in range(n_bootstrap):
        idx = rng.integers(0, len(y), len(y))  # the SAME resampled rows for both models: paired
        if len(np.unique(y[idx])) < 2:
            continue  # ROC AUC is undefined on one class
        gains.append(sign * (metric_value(metric, y[idx], chal[idx]) - metric_value(metric, y[idx], champ[idx])))
    alpha = (1.0 - confidence) / 2.0
    ci_low, ci_high = (float(q) for q in np.quantile(gains, [alpha, 1.0 - alpha]))
    return {"champion_score": champion_score, "challenger_score": challenger_score, "gain": float(gain),
            "ci_low": ci_low, "ci_high": ci_high, "n_rows": int(len(y)),
            "promote": bool(gain >= min_improvement and ci_low > 0)}


def point_comparison(y_true, champion_proba, challenger_proba, metric: str = "roc_auc",
                     higher_is_better: bool = True, min_improvement: float = 0.0, **_ignored) -> dict:
    """Fallback while promotion_decision is not written: one number each, no interval.

    A gain of 0.002 AUC on 1,000 rows is noise; this rule promotes it anyway.
    """
    champion = metric_value(metric, y_true, champion_proba)
    challenger = metric_value(metric, y_true, challenger_proba)
    gain = (challenger - champion) if higher_is_better else (champion - challenger)
    return {"champion_score": champion, "challenger_score": challenger, "gain": gain, "ci_low": None,
            "ci_high": None, "n_rows": int(len(y_true)), "promote": bool(gain >= min_improvement)}


class ModelRegistry:
    def __init__(self, root):
        self.root = Path(root)
        self.index_path = self.root / "registry.json"

    # ------------------------------------------------------------------ reading
    def _index(self) -> dict:
        if self.index_path.exists():
            return json.loads(self.index_path.read_text(encoding="utf-8"))
        return {"champion": None, "versions": [], "decisions": []}

    def _save(self, index: dict) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.index_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(index, indent=2), encoding="utf-8")
        tmp.replace(self.index_path)  # atomic: a crash never leaves half a registry.json

    def champion(self) -> Optional[dict]:
        index = self._index()
        if index["champion"] is None:
            return None
        return next(v for v in index["versions"] if v["version"] == index["champion"])

    def versions(self) -> list:
        return self._index()["versions"]

    def decisions(self) -> list:
        return self._index()["decisions"]

    def model_dir(self, version: int) -> Path:
        return self.root / "models" / f"v{version}"

    def load_model(self, version: Optional[int] = None):
        if version is None:
            champ = self.champion()
            if champ is None:
                raise LookupError("the registry has no champion yet: run the pipeline first")
            version = champ["version"]
        with open(self.model_dir(version) / "model.pkl", "rb") as f:
            return pickle.load(f)

    def training_ids(self, version: int, id_column: str) -> set:
        """Ids of the rows the version was trained on (its reference data)."""
        path = self.model_dir(version) / "reference.csv"
        if not path.exists():
            return set()
        ref = pd.read_csv(path, usecols=lambda c: c == id_column, dtype=str)
        return set(ref[id_column]) if id_column in ref.columns else set()

    def reference_data(self, version: Optional[int] = None) -> pd.DataFrame:
        if version is None:
            champ = self.champion()
            if champ is None:
                raise LookupError("the registry has no champion yet: run the pipeline first")
            version = champ["version"]
        return pd.read_csv(self.model_dir(version) / "reference.csv")

    # ------------------------------------------------------------------ writing
    def register_if_better(self, model, model_hash: str, metrics: dict, primary_metric: str,
                           holdout: pd.DataFrame, target: str, id_column: str, train_ids: Iterable = (),
                           higher_is_better: bool = True, min_improvement: float = 0.0,
                           n_bootstrap: int = 200, confidence: float = 0.95, seed: int = 0,
                           reference_data: Optional[pd.DataFrame] = None, run_id: str = "") -> dict:
        """Promote `model` if it beats the champion on the holdout rows neither of them trained on.

        Both models are scored on the same rows: the holdout minus every id in the champion's or
        the challenger's training data. `promotion_decision` makes the call (a paired bootstrap
        interval of the gain); until it is written, a point comparison stands in and the decision
        says so in `rule`.
        """
        index = self._index()
        challenger = float(metrics[primary_metric])
        champ = self.champion()
        champion_score, comparison, rule = None, None, None
        if champ is None:
            promote, reason = True, "no champion yet"
        elif champ["model_hash"] == model_hash:
            promote, reason = False, f"identical to champion v{champ['version']} (same model hash)"
            champion_score = challenger
        else:
            seen = self.training_ids(champ["version"], id_column) | {str(i) for i in train_ids}
            rows = holdout[~holdout[id_column].astype(str).isin(seen)]
            excluded = int(len(holdout) - len(rows))
            if len(rows) < 20 or rows[target].nunique() < 2:
                promote = False
                reason = (f"cannot compare with champion v{champ['version']}: only {len(rows)} holdout rows "
                          f"that neither model trained on ({excluded} excluded)")
            else:
                features = rows.drop(columns=[target])
                champion_proba = self.load_model(champ["version"]).predict_proba(features)[:, 1]
                challenger_proba = model.predict_proba(features)[:, 1]
                args = dict(metric=primary_metric, higher_is_better=higher_is_better,
                            min_improvement=min_improvement, n_bootstrap=n_bootstrap, confidence=confidence,
                            seed=seed)
                try:
                    comparison = promotion_decision(rows[target].to_numpy(), champion_proba, challenger_proba, **args)
                    rule = f"paired bootstrap, {confidence:.0%} interval of the gain must exclude 0"
                except NotImplementedError:
                    comparison = point_comparison(rows[target].to_numpy(), champion_proba, challenger_proba, **args)
                    rule = "fallback: point estimate, no bootstrap interval (promotion_decision not implemented)"
                promote = bool(comparison["promote"])
                champion_score = float(comparison["champion_score"])
                challenger = float(comparison["challenger_score"])
                interval = ("" if comparison.get("ci_low") is None else
                            f", interval [{comparison['ci_low']:+.4f}, {comparison['ci_high']:+.4f}]")
                reason = (f"{primary_metric} {challenger:.4f} vs champion v{champ['version']} {champion_score:.4f} "
                          f"on {len(rows)} holdout rows neither trained on ({excluded} excluded): "
                          f"gain {comparison['gain']:+.4f}{interval} → {'promote' if promote else 'keep champion'}")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        decision = {
            "promoted": bool(promote),
            "reason": reason,
            "primary_metric": primary_metric,
            "challenger_score": challenger,
            "champion_score": champion_score,
            "comparison": comparison,
            "rule": rule,
            "previous_champion": champ["version"] if champ else None,
            "model_hash": model_hash,
            "run_id": run_id,
            "time": now,
        }
        if promote:
            version = max((v["version"] for v in index["versions"]), default=0) + 1
            folder = self.model_dir(version)
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / "model.pkl", "wb") as f:
                pickle.dump(model, f, protocol=4)
            if reference_data is not None:
                reference_data.to_csv(folder / "reference.csv", index=False)
            entry = {"version": version, "model_hash": model_hash, "metrics": metrics, "run_id": run_id,
                     "created_at": now, "path": str(folder)}
            (folder / "meta.json").write_text(json.dumps(entry, indent=2), encoding="utf-8")
            index["versions"].append(entry)
            index["champion"] = version
            decision["version"] = version
        decision["champion_version"] = index["champion"]
        decision["n_versions"] = len(index["versions"])
        index["decisions"].append(decision)
        self._save(index)
        return decision
