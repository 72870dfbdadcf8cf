import csv
import json

import pytest
import torch

from {{package}}.engine import load_checkpoint, save_checkpoint
from {{package}}.model import SimpleCNN
from {{package}}.train import main


def test_checkpoint_round_trip(tmp_path):
    torch.manual_seed(0)
    model = SimpleCNN(channels=(8, 16, 32))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss = model(torch.randn(4, 3, 32, 32)).sum()
    loss.backward()
    optimizer.step()  # creates Adam's moment buffers
    path = str(tmp_path / "ck" / "last.pt")
    save_checkpoint(path, model, optimizer, epoch=7, best_val_accuracy=0.5)

    fresh = SimpleCNN(channels=(8, 16, 32))
    fresh_opt = torch.optim.Adam(fresh.parameters(), lr=1e-3)
    state = load_checkpoint(path, fresh, fresh_opt)
    assert state["epoch"] == 7 and state["best_val_accuracy"] == 0.5
    for a, b in zip(model.state_dict().values(), fresh.state_dict().values()):
        assert torch.equal(a, b)
    saved_moments = optimizer.state_dict()["state"][0]["exp_avg"]
    assert torch.equal(fresh_opt.state_dict()["state"][0]["exp_avg"], saved_moments)


@pytest.fixture
def smoke_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    metrics = main(["--smoke", "--epochs", "2", "--channels", "8", "16", "32"])
    return tmp_path, metrics


def test_smoke_run_writes_metrics(smoke_run):
    root, returned = smoke_run
    metrics = json.loads((root / "outputs" / "metrics.json").read_text())
    assert metrics == json.loads(json.dumps(returned))
    for key in ["smoke", "epochs_completed", "best_epoch", "best_val_accuracy", "test", "per_class_accuracy",
                "weakest_class", "history", "model", "device"]:
        assert key in metrics
    assert metrics["smoke"] == 1
    assert metrics["epochs_completed"] == 2
    assert metrics["resumed_from_epoch"] == 0
    assert [row["epoch"] for row in metrics["history"]] == [1, 2]
    assert 0.0 <= metrics["test"]["accuracy"] <= 1.0
    assert len(metrics["per_class_accuracy"]) == 10
    assert metrics["weakest_class"]["name"] in metrics["per_class_accuracy"]
    assert metrics["weakest_class"]["accuracy"] == min(metrics["per_class_accuracy"].values())
    assert (root / "checkpoints" / "best.pt").exists()
    assert (root / "checkpoints" / "last.pt").exists()

    rows = list(csv.reader(open(root / "outputs" / "confusion_matrix.csv")))
    assert len(rows) == 11 and len(rows[0]) == 11
    assert sum(int(v) for row in rows[1:] for v in row[1:]) == metrics["test"]["num_images"] == 256


def test_resume_continues_from_last_epoch(smoke_run):
    root, first = smoke_run
    resumed = main(["--smoke", "--epochs", "3", "--channels", "8", "16", "32", "--resume"])
    assert resumed["epochs_completed"] == 3
    assert resumed["resumed_from_epoch"] == 2
    assert [row["epoch"] for row in resumed["history"]] == [1, 2, 3]
    assert resumed["history"][:2] == first["history"]
    state = torch.load(str(root / "checkpoints" / "last.pt"))
    assert state["epoch"] == 3


def test_resume_without_checkpoint_fails(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["--smoke", "--resume"])
