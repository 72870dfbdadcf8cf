"""Learning curves as a PNG a person can look at: outputs/plots/learning_curves.png (rank 0)."""
import os
from typing import Dict, List, Sequence


def plot_learning_curves(history: Sequence[Dict[str, float]], out_dir: str) -> List[str]:
    """Train and validation loss, and validation accuracy, per epoch. Returns the files written
    (none when matplotlib is missing: `pip install -r requirements.txt` brings it)."""
    if not history:
        return []
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only: no display needed
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plots (pip install -r requirements.txt)", flush=True)
        return []
    os.makedirs(out_dir, exist_ok=True)
    epochs = [row["epoch"] for row in history]
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
    ax_loss.plot(epochs, [row["train_loss"] for row in history], marker="o", label="train (mean over ranks)")
    ax_loss.plot(epochs, [row["val_loss"] for row in history], marker="o", label="validation")
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel("cross-entropy loss")
    ax_loss.set_title("Loss")
    ax_loss.legend()
    ax_acc.plot(epochs, [row["val_accuracy"] for row in history], marker="o", color="tab:green")
    ax_acc.set_xlabel("epoch")
    ax_acc.set_ylabel("accuracy")
    ax_acc.set_ylim(0, 1)
    ax_acc.set_title("Validation accuracy")
    fig.tight_layout()
    path = os.path.join(out_dir, "learning_curves.png")
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return [path]
