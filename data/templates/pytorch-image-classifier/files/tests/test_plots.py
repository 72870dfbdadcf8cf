import matplotlib.image as mpimg
import torch

from {{package}}.plots import plot_confusion_matrix, plot_learning_curves

PNG = b"\x89PNG\r\n\x1a\n"


def test_learning_curves_png(tmp_path):
    history = [
        {"epoch": e, "lr": 1e-3 / e, "train_loss": 2.0 / e, "val_loss": 2.1 / e,
         "train_accuracy": 0.2 * e, "val_accuracy": 0.18 * e}
        for e in (1, 2, 3)
    ]
    path = plot_learning_curves(history, str(tmp_path / "plots" / "curves.png"))
    raw = open(path, "rb").read()
    assert raw[:8] == PNG
    height, width = mpimg.imread(path).shape[:2]
    assert width > height > 100  # three panels side by side


def test_confusion_heatmap_png(tmp_path):
    cm = torch.tensor([[5, 1, 0], [2, 3, 0], [0, 0, 0]])
    path = plot_confusion_matrix(cm, ["a", "b", "c"], str(tmp_path / "cm.png"))
    assert open(path, "rb").read()[:8] == PNG
    pixels = mpimg.imread(path)
    assert pixels.shape[0] > 100 and pixels.shape[1] > 100
