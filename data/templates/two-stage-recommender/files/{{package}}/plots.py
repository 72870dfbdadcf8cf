"""PNG plots of a run, under outputs/plots/: learning curves and recall@k / NDCG@k over k.

matplotlib runs with the Agg backend (no display needed). Each function returns the path it wrote.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)


def learning_curves(path: Path, retrieval: dict, ranking: dict) -> Path:
    """Two-tower loss and validation recall per epoch; Wide & Deep train/validation BCE per epoch."""
    fig, axes = plt.subplots(1, 3, figsize=(14, 4))
    loss = retrieval.get("loss_per_epoch") or []
    epochs = range(1, len(loss) + 1)
    axes[0].plot(epochs, loss, marker="o")
    axes[0].set_title("two-tower training loss", fontsize=10)
    axes[0].set_xlabel("epoch")
    axes[0].set_ylabel(retrieval.get("loss", "loss")[:60], fontsize=8)
    val = retrieval.get("validation_recall_per_epoch") or []
    axes[1].plot(range(1, len(val) + 1), val, marker="o", color="tab:green")
    best = retrieval.get("best_epoch")
    if best:
        axes[1].axvline(best, color="grey", linestyle="--", label=f"kept: epoch {best}")
        axes[1].legend()
    axes[1].set_title(f"two-tower validation recall@{retrieval.get('validation_k', '?')}", fontsize=10)
    axes[1].set_xlabel("epoch")
    tr, va = ranking.get("bce_per_epoch") or [], ranking.get("validation_bce_per_epoch") or []
    axes[2].plot(range(1, len(tr) + 1), tr, marker="o", label="train")
    if va:
        axes[2].plot(range(1, len(va) + 1), va, marker="o", label="validation (held-out users)")
    axes[2].set_title("Wide & Deep binary cross-entropy", fontsize=10)
    axes[2].set_xlabel("epoch")
    axes[2].legend()
    for ax in axes:
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return _save(fig, path)


def metric_over_k(path: Path, curves: dict, metric: str, title: str) -> Path:
    """One line per version: `metric` ("recall", "ndcg" or "hit_rate") against k."""
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    drawn = 0
    for name, c in curves.items():
        ys = c.get(metric) or []
        if not ys or any(y is None for y in ys):
            continue
        ax.plot(c["k"], ys, marker="o", markersize=3, label=name)
        drawn += 1
    if drawn:
        ax.legend()
    else:
        ax.text(0.5, 0.5, f"{metric} is not implemented yet\n(milestone recall-ndcg-at-k)",
                ha="center", va="center", transform=ax.transAxes)
    ax.set_xscale("log")
    ax.set_xlabel("k (log scale)")
    ax.set_ylabel(f"mean {metric}@k")
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return _save(fig, path)


def _save(fig, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
