"""Exercise write-training-step: zero_grad, forward, loss, backward, step.

Run: python -m pytest milestones/test_write_training_step.py
"""
import torch
from torch import nn

from {{package}}.engine import train_step
from {{package}}.train import main


def _batch():
    torch.manual_seed(0)
    images = torch.randn(6, 4)
    labels = torch.tensor([0, 1, 2, 0, 1, 2])
    return images, labels


def test_one_step_is_exactly_one_sgd_update_from_fresh_gradients():
    images, labels = _batch()
    model = nn.Linear(4, 3)
    reference = nn.Linear(4, 3)
    reference.load_state_dict(model.state_dict())
    for p in model.parameters():
        p.grad = torch.full_like(p, 100.0)  # left over from an earlier step: must not leak into this one
    criterion = nn.CrossEntropyLoss()

    result = train_step(model, images, labels, torch.optim.SGD(model.parameters(), lr=0.5), criterion)
    assert result is not None, "train_step returned None: return (loss, number of correct predictions)"

    expected_loss = criterion(reference(images), labels)
    expected_correct = int((reference(images).argmax(1) == labels).sum())
    expected_loss.backward()
    for (name, p), q in zip(model.named_parameters(), reference.parameters()):
        want = q.detach() - 0.5 * q.grad
        assert not torch.equal(p.detach(), q.detach()), f"{name} did not change: call loss.backward() and optimizer.step()"
        assert torch.allclose(p.detach(), want, atol=1e-5), (
            f"{name} is not one SGD step from this batch's gradient: clear old gradients with optimizer.zero_grad()"
        )
    loss, correct = result
    assert isinstance(loss, float), f"return the loss as a Python float (loss.item()), got {type(loss).__name__}"
    assert abs(loss - expected_loss.item()) < 1e-5, f"loss {loss} != loss before the update {expected_loss.item()}"
    assert int(correct) == expected_correct, f"{correct} correct, expected {expected_correct} (before the update)"


def test_loss_goes_down_on_a_tiny_learnable_batch():
    torch.manual_seed(1)
    centres = torch.randn(3, 8) * 3
    labels = torch.arange(24) % 3
    images = centres[labels] + 0.3 * torch.randn(24, 8)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    model.train()
    losses, corrects = [], []
    for _ in range(30):
        loss, correct = train_step(model, images, labels, optimizer, nn.CrossEntropyLoss())
        losses.append(loss)
        corrects.append(int(correct))
    assert losses[-1] < 0.3 * losses[0], f"loss went from {losses[0]:.3f} to {losses[-1]:.3f} in 30 steps"
    assert corrects[-1] == 24, f"only {corrects[-1]} of 24 points right after 30 steps"


def test_smoke_run_learns_far_above_chance(tmp_path, monkeypatch):
    """With your training step the synthetic smoke data is learned (chance is 10%)."""
    monkeypatch.chdir(tmp_path)
    metrics = main(["--smoke", "--epochs", "3", "--channels", "8", "16", "32"])
    assert "write-training-step" not in metrics["fallbacks"], metrics["training"]
    first, last = metrics["history"][0], metrics["history"][-1]
    assert last["train_loss"] < first["train_loss"], f"train loss did not fall: {first['train_loss']} -> {last['train_loss']}"
    assert metrics["test"]["accuracy"] >= 0.4, f"smoke test accuracy {metrics['test']['accuracy']:.2f} (chance 0.10)"
