"""PNG plots of a run, written with matplotlib's file-only Agg backend (no display needed)."""
import os
from typing import Dict, List, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)
from matplotlib.ticker import MaxNLocator  # noqa: E402
import torch  # noqa: E402


def plot_learning_curves(history: List[Dict[str, float]], path: str) -> str:
    """Loss, accuracy and learning rate per epoch, training next to validation."""
    epochs = [row["epoch"] for row in history]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    for ax, key, title in ((axes[0], "loss", "Loss"), (axes[1], "accuracy", "Accuracy")):
        ax.plot(epochs, [row[f"train_{key}"] for row in history], marker="o", label="train")
        ax.plot(epochs, [row[f"val_{key}"] for row in history], marker="o", label="validation")
        ax.set_title(title)
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend()
        ax.grid(alpha=0.3)
    axes[1].set_ylim(0, 1)
    axes[2].plot(epochs, [row.get("lr", float("nan")) for row in history], marker="o", color="tab:green")
    axes[2].set_title("Learning rate")
    axes[2].set_xlabel("epoch")
    axes[2].xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[2].grid(alpha=0.3)
    fig.tight_layout()
    return _save(fig, path)


def plot_confusion_matrix(cm: torch.Tensor, class_names: Sequence[str], path: str) -> str:
    """Heatmap of the confusion matrix, each row normalised to the share of that true class.

    The colour is the row share (so rare and common classes compare fairly), the text the count.
    """
    counts = cm.detach().cpu().double()
    shares = counts / counts.sum(dim=1, keepdim=True).clamp(min=1)
    n = len(class_names)
    fig, ax = plt.subplots(figsize=(1.0 + 0.6 * n, 0.6 + 0.55 * n))
    image = ax.imshow(shares.numpy(), cmap="Blues", vmin=0.0, vmax=1.0)
    ax.set_xticks(range(n), labels=list(class_names), rotation=45, ha="right")
    ax.set_yticks(range(n), labels=list(class_names))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    for t in range(n):
        for p in range(n):
            ax.text(p, t, str(int(counts[t, p])), ha="center", va="center", fontsize=7,
                    color="white" if shares[t, p] > 0.5 else "black")
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="share of the true class")
    ax.set_title("Confusion matrix (test set)")
    fig.tight_layout()
    return _save(fig, path)


def _save(fig, path: str) -> str:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
