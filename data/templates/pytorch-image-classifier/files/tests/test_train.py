import csv
import json

import pytest
import torch

from {{package}} import data, engine, model, schedule, train
from {{package}}.engine import load_checkpoint, save_checkpoint
from {{package}}.model import LinearBaseline
from {{package}}.train import main

SMALL = ["--smoke", "--channels", "8", "16", "32", "--smoke-train-size", "200", "--smoke-test-size", "100"]
PNG = b"\x89PNG\r\n\x1a\n"


def test_checkpoint_round_trip(tmp_path):
    torch.manual_seed(0)
    net = LinearBaseline()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss = net(torch.randn(4, 3, 32, 32)).sum()
    loss.backward()
    optimizer.step()  # creates Adam's moment buffers
    path = str(tmp_path / "ck" / "last.pt")
    save_checkpoint(path, net, optimizer, epoch=7, best_val_accuracy=0.5)

    fresh = LinearBaseline()
    fresh_opt = torch.optim.Adam(fresh.parameters(), lr=1e-3)
    state = load_checkpoint(path, fresh, fresh_opt)
    assert state["epoch"] == 7 and state["best_val_accuracy"] == 0.5
    for a, b in zip(net.state_dict().values(), fresh.state_dict().values()):
        assert torch.equal(a, b)
    saved_moments = optimizer.state_dict()["state"][0]["exp_avg"]
    assert torch.equal(fresh_opt.state_dict()["state"][0]["exp_avg"], saved_moments)


@pytest.fixture
def smoke_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    metrics = main(SMALL + ["--epochs", "2"])
    return tmp_path, metrics


def test_smoke_run_writes_metrics_and_plots(smoke_run):
    root, returned = smoke_run
    metrics = json.loads((root / "outputs" / "metrics.json").read_text())
    assert metrics == json.loads(json.dumps(returned))
    assert metrics["smoke"] is True and metrics["data_source"] == "synthetic"
    assert metrics["model_source"] in {"simple_cnn", model.FALLBACK_MODEL}
    assert metrics["epochs_completed"] == 2
    assert metrics["resumed_from_epoch"] == 0
    assert [row["epoch"] for row in metrics["history"]] == [1, 2]
    assert all(row["lr"] > 0 for row in metrics["history"])
    assert 0.0 <= metrics["test"]["accuracy"] <= 1.0 and metrics["test"]["num_images"] == 100
    sources = {
        "compute-normalisation-stats": metrics["normalisation"],
        "write-conv-block": metrics["model_source"],
        "write-training-step": metrics["training"],
        "add-lr-scheduler": metrics["lr_schedule"],
        "write-confusion-matrix": metrics["report"],
    }
    assert metrics["fallbacks"] == [m for m, s in sources.items() if s.startswith("fallback")]
    assert (root / "checkpoints" / "best.pt").exists()
    assert (root / "checkpoints" / "last.pt").exists()
    curves = root / "outputs" / "plots" / "learning_curves.png"
    assert curves.read_bytes()[:8] == PNG

    heatmap = root / "outputs" / "plots" / "confusion_matrix.png"
    if "write-confusion-matrix" in metrics["fallbacks"]:
        assert metrics["per_class_accuracy"] is None and not heatmap.exists()
    else:
        assert heatmap.read_bytes()[:8] == PNG
        assert len(metrics["per_class_accuracy"]) == 10
        assert metrics["weakest_class"]["accuracy"] == min(metrics["per_class_accuracy"].values())
        rows = list(csv.reader(open(root / "outputs" / "confusion_matrix.csv")))
        assert len(rows) == 11 and len(rows[0]) == 11
        assert sum(int(v) for row in rows[1:] for v in row[1:]) == metrics["test"]["num_images"]


def test_every_fallback_is_named_in_metrics(tmp_path, monkeypatch):
    """With every exercise still a stub the run completes and says what it fell back to."""
    def stub(*args, **kwargs):
        raise NotImplementedError("stub")

    for module, name in [(data, "compute_mean_std"), (model, "conv_block"), (engine, "train_step"),
                         (schedule, "lr_factor"), (train, "confusion_matrix")]:
        monkeypatch.setattr(module, name, stub)
    monkeypatch.chdir(tmp_path)
    metrics = main(SMALL + ["--epochs", "1"])
    assert metrics["fallbacks"] == [
        "compute-normalisation-stats", "write-conv-block", "write-training-step", "add-lr-scheduler",
        "write-confusion-matrix",
    ]
    assert metrics["normalisation_stats"] == {"mean": list(data.CIFAR10_MEAN), "std": list(data.CIFAR10_STD)}
    assert metrics["model"]["conv_layers"] == 0
    assert metrics["history"][0]["lr"] == 1e-3
    assert (tmp_path / "outputs" / "plots" / "learning_curves.png").exists()


def _without_timing(history):
    return [{k: v for k, v in row.items() if k != "seconds"} for row in history]


def test_resumed_training_equals_training_straight_through(tmp_path, monkeypatch):
    """Regression: resume used to replay epoch 1's shuffle and augmentation in epoch 3."""
    args = SMALL + ["--epochs", "3"]
    (tmp_path / "straight").mkdir()
    monkeypatch.chdir(tmp_path / "straight")
    straight = main(args)

    # Interrupt the same command right after epoch 2's checkpoint (as Ctrl+C would), then resume it.
    (tmp_path / "resumed").mkdir()
    monkeypatch.chdir(tmp_path / "resumed")
    real_save = train.save_checkpoint

    def save_then_interrupt(path, *a, **kw):
        real_save(path, *a, **kw)
        if path.endswith("last.pt") and a[2] == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(train, "save_checkpoint", save_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        main(args)
    monkeypatch.setattr(train, "save_checkpoint", real_save)
    resumed = main(args + ["--resume"])

    assert resumed["resumed_from_epoch"] == 2
    assert [row["epoch"] for row in resumed["history"]] == [1, 2, 3]
    for a, b in zip(_without_timing(straight["history"]), _without_timing(resumed["history"])):
        assert b == pytest.approx(a, abs=2e-4), f"epoch {a['epoch']}: straight {a} vs resumed {b}"
    weights_straight = torch.load(str(tmp_path / "straight" / "checkpoints" / "last.pt"))["model"]
    weights_resumed = torch.load(str(tmp_path / "resumed" / "checkpoints" / "last.pt"))["model"]
    for name, value in weights_straight.items():
        assert torch.allclose(value.float(), weights_resumed[name].float(), atol=1e-5), name
    assert resumed["test"] == straight["test"]


def test_resume_without_checkpoint_fails(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["--smoke", "--resume"])


def test_resume_refuses_changed_options(smoke_run):
    with pytest.raises(SystemExit, match="--seed 42 \\(now 7\\)"):
        main(SMALL + ["--epochs", "3", "--resume", "--seed", "7"])
