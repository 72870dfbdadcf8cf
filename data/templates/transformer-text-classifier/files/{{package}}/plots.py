"""PNG plots under outputs/plots/ (matplotlib with the Agg backend: no display needed).

- learning_curves.png: train and validation loss, validation macro-F1 per epoch, and the
  learning rate on every optimizer step.
- reliability.png: the reliability diagram (accuracy against confidence per bin, the diagonal
  is perfect calibration), before and after temperature scaling, with the bin counts below.
"""
import os
from typing import Dict, List, Optional

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def learning_curves(history: List[Dict[str, float]], lr_trace: List[float], path: str, title: str = "") -> str:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    epochs = [h["epoch"] for h in history]
    fig, (ax_loss, ax_f1, ax_lr) = plt.subplots(1, 3, figsize=(13, 3.8))
    ax_loss.plot(epochs, [h["train_loss"] for h in history], "o-", label="train")
    ax_loss.plot(epochs, [h["val_loss"] for h in history], "o-", label="validation")
    ax_loss.set(xlabel="epoch", ylabel="cross-entropy", title="Loss")
    ax_loss.legend()
    ax_f1.plot(epochs, [h["val_f1_macro"] for h in history], "o-", color="tab:green")
    ax_f1.set(xlabel="epoch", ylabel="macro-F1", title="Validation macro-F1", ylim=(0, 1))
    ax_lr.plot(range(len(lr_trace)), lr_trace, color="tab:purple")
    ax_lr.set(xlabel="optimizer step", ylabel="learning rate", title="Learning rate (the lr each step used)")
    for ax in (ax_loss, ax_f1, ax_lr):
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def reliability_diagram(before: Dict[str, object], path: str, after: Optional[Dict[str, object]] = None,
                        temperature: Optional[float] = None, title: str = "") -> str:
    """``before``/``after``: calibration tables (bins + ece), as written to metrics.json."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    fig, (ax, ax_n) = plt.subplots(2, 1, figsize=(5.5, 6.5), gridspec_kw={"height_ratios": [3, 1]}, sharex=True)
    ax.plot([0, 1], [0, 1], "--", color="gray", label="perfect calibration")
    if before.get("ece") is None:
        ax.text(0.5, 0.5, before.get("status", "not computed"), ha="center", va="center", wrap=True, fontsize=9)
    else:
        series = [("before", before, "tab:blue", 0.0)]
        if after is not None and after.get("ece") is not None:
            label = "after T = %.2f" % temperature if temperature is not None else "after"
            series.append((label, after, "tab:orange", 0.5))
        for label, table, color, offset in series:
            bins = [b for b in table["bins"] if b["count"]]
            width = (bins[0]["upper"] - bins[0]["lower"]) if bins else 0.1
            mids = [b["lower"] + width * (0.25 + offset / 2) for b in bins]
            ax.bar(mids, [b["accuracy"] for b in bins], width=width / 2, color=color, alpha=0.7,
                   label=f"{label} (ECE {table['ece']:.3f})")
            ax.plot([b["avg_confidence"] for b in bins], [b["accuracy"] for b in bins], "o", color=color, ms=4)
            ax_n.bar(mids, [b["count"] for b in bins], width=width / 2, color=color, alpha=0.7)
        ax.legend(loc="upper left", fontsize=8)
    ax.set(ylabel="accuracy in bin", xlim=(0, 1), ylim=(0, 1))
    ax.set_title(title or "Reliability diagram", fontsize=10)
    ax_n.set(xlabel="confidence (probability of the predicted class)", ylabel="count")
    for a in (ax, ax_n):
        a.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
