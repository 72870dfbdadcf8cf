"""PNG plots under outputs/plots/ (matplotlib, Agg backend: no display needed).

    learning_curve.png     ROC AUC on the training rows and on the fixed holdout vs training-set size
    registry_history.png   challenger vs champion score at every registry decision (one point per run)
    psi_split.png          PSI per feature, training split vs holdout (should all be near 0)
    psi_per_feature.png    PSI per feature, new batch vs the champion's training data (drift command)
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_or_note(make: Callable[[], Path]) -> str:
    """The plot's path, or why there is none (a missing matplotlib never stops a pipeline run)."""
    try:
        return str(make())
    except ImportError as exc:
        return f"unavailable: {exc}"


def _save(fig, path, left: float = 0.12) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.subplots_adjust(left=left, right=0.97, top=0.9, bottom=0.14)  # fixed margins: tight_layout is slow
    fig.savefig(path, dpi=110)
    fig.clf()
    return path


def learning_curve(points: list, path, metric: str = "roc_auc") -> Path:
    """points: [{"train_rows", "train_score", "holdout_score"}, ...] from pipeline.learning_curve_points."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    rows = [p["train_rows"] for p in points]
    ax.plot(rows, [p["train_score"] for p in points], "o-", label="training rows")
    ax.plot(rows, [p["holdout_score"] for p in points], "s-", label="fixed holdout")
    ax.set_xscale("log")
    ax.set_xlabel("training rows")
    ax.set_ylabel(metric)
    ax.set_title("Learning curve: a gap that stays wide means overfitting; two low curves, underfitting")
    ax.title.set_fontsize(8)
    ax.grid(alpha=0.3)
    ax.legend()
    out = _save(fig, path)
    plt.close(fig)
    return out


def registry_history(decisions: list, path) -> Path:
    """One point per registry decision: the challenger's score, and the champion's on the same rows."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    xs = list(range(1, len(decisions) + 1))
    ax.plot(xs, [d["challenger_score"] for d in decisions], "o-", label="challenger")
    champ = [(x, d["champion_score"]) for x, d in zip(xs, decisions) if d.get("champion_score") is not None]
    if champ:
        ax.plot([x for x, _ in champ], [v for _, v in champ], "s--", label="champion, same holdout rows")
    promoted = [(x, d["challenger_score"]) for x, d in zip(xs, decisions) if d["promoted"]]
    if promoted:
        ax.scatter([x for x, _ in promoted], [v for _, v in promoted], s=160, facecolors="none",
                   edgecolors="green", label="promoted")
    metric = decisions[-1].get("primary_metric", "score") if decisions else "score"
    ax.set_xlabel("run (registry decision)")
    ax.set_ylabel(metric)
    ax.set_xticks(xs)
    ax.set_title("Champion vs challenger per run")
    ax.grid(alpha=0.3)
    ax.legend()
    out = _save(fig, path)
    plt.close(fig)
    return out


def psi_per_feature(report: dict, path, drift_cfg: dict, title: str = "") -> Path:
    """Bars of PSI per feature (or the fallback distance while PSI is not implemented)."""
    plt = _pyplot()
    feats = [(name, f) for name, f in report["features"].items() if f.get("kind") != "missing"]
    use_psi = all(f.get("psi") is not None for _, f in feats)
    values = [f["psi"] if use_psi else f.get("tvd", 0.0) for _, f in feats]
    limit = drift_cfg["psi_threshold"] if use_psi else drift_cfg["fallback_tvd_threshold"]
    fig, ax = plt.subplots(figsize=(7, 4))
    colors = ["tab:red" if f["drifted"] else "tab:blue" for _, f in feats]
    ax.barh([name for name, _ in feats], values, color=colors)
    ax.axvline(limit, color="black", linestyle="--", label=f"threshold {limit}")
    ax.set_xlabel("PSI" if use_psi else "fallback: total variation distance (PSI not implemented)")
    ax.set_title(title or "PSI per feature")
    ax.invert_yaxis()
    ax.legend()
    out = _save(fig, path, left=0.24)
    plt.close(fig)
    return out
