"""A small local model registry: versions, a champion, and a promotion rule.

Layout (under outputs/registry by default):

    registry.json              champion version, every promoted version, every decision
    models/v1/model.pkl        the fitted sklearn Pipeline (preprocessing + model)
    models/v1/meta.json        metrics, model hash, run id, time
    models/v1/reference.csv    the training data: the reference the drift check compares against

Only models that beat the champion are stored. MLflow's registry, SageMaker Model Registry or
Vertex AI Model Registry play the same role in production.
"""
from __future__ import annotations

import json
import pickle
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

import pandas as pd


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

    def reference_data(self, version: Optional[int] = None) -> pd.DataFrame:
        if version is None:
            champ = self.champion()
            if champ is None:
                raise LookupError("the registry has no champion yet: run the pipeline first")
            version = champ["version"]
        return pd.read_csv(self.model_dir(version) / "reference.csv")

    # ------------------------------------------------------------------ writing
    def register_if_better(self, model, model_hash: str, metrics: dict, primary_metric: str,
                           score_champion: Callable, higher_is_better: bool = True,
                           min_improvement: float = 0.0, reference_data: Optional[pd.DataFrame] = None,
                           run_id: str = "") -> dict:
        """Promote `model` if it beats the champion by `min_improvement` on `primary_metric`.

        `score_champion(champion_model)` re-scores the champion on the challenger's test data,
        so the two numbers being compared come from the same rows.
        """
        index = self._index()
        challenger = float(metrics[primary_metric])
        champ = self.champion()
        champion_score = None
        if champ is None:
            promote, reason = True, "no champion yet"
        elif champ["model_hash"] == model_hash:
            promote, reason = False, f"identical to champion v{champ['version']} (same model hash)"
            champion_score = challenger
        else:
            champion_score = float(score_champion(self.load_model(champ["version"])))
            gain = (challenger - champion_score) if higher_is_better else (champion_score - challenger)
            promote = gain >= min_improvement
            reason = (f"{primary_metric} {challenger:.4f} vs champion v{champ['version']} {champion_score:.4f} "
                      f"on the same test data: {'+' if gain >= 0 else ''}{gain:.4f} "
                      f"({'>=' if promote else '<'} min improvement {min_improvement})")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        decision = {
            "promoted": bool(promote),
            "reason": reason,
            "primary_metric": primary_metric,
            "challenger_score": challenger,
            "champion_score": champion_score,
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
