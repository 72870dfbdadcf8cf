import pytest
import torch
from torch import nn

from {{package}}.engine import evaluate, get_device, train_one_epoch
from {{package}}.model import SimpleCNN, count_parameters


def test_output_shape():
    model = SimpleCNN()
    logits = model(torch.randn(4, 3, 32, 32))
    assert logits.shape == (4, 10)
    assert model.num_conv_layers == 3


def test_fourth_conv_layer_adapts_classifier():
    model = SimpleCNN(channels=(16, 32, 64, 128))
    assert model.num_conv_layers == 4
    assert model(torch.randn(2, 3, 32, 32)).shape == (2, 10)


def test_too_many_pooling_layers_rejected():
    with pytest.raises(ValueError):
        SimpleCNN(channels=(8, 8, 8, 8, 8, 8))


def test_parameter_count_positive():
    assert count_parameters(SimpleCNN()) > 10_000


def test_get_device_respects_explicit_choice():
    assert get_device("cpu") == torch.device("cpu")
    assert get_device("auto").type in {"cpu", "cuda", "mps"}


def test_overfits_a_tiny_batch():
    """A correct model + loss + optimizer must be able to memorise 16 images."""
    torch.manual_seed(0)
    images = torch.randn(16, 3, 32, 32)
    labels = torch.arange(16) % 10
    model = SimpleCNN(channels=(16, 32, 64), dropout=0.0)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    criterion = nn.CrossEntropyLoss()
    model.train()
    losses = []
    for _ in range(40):
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.2 * losses[0]
    model.eval()
    assert (model(images).argmax(1) == labels).float().mean() == 1.0


def test_train_one_epoch_and_evaluate_return_sane_numbers():
    torch.manual_seed(0)
    data = [(torch.randn(8, 3, 32, 32), torch.randint(0, 10, (8,))) for _ in range(3)]
    model = SimpleCNN(channels=(8, 16, 32))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    before = [p.detach().clone() for p in model.parameters()]
    loss, acc = train_one_epoch(model, data, optimizer, criterion, torch.device("cpu"))
    assert loss > 0 and 0.0 <= acc <= 1.0
    assert any(not torch.equal(b, p) for b, p in zip(before, model.parameters()))
    after_train = [p.detach().clone() for p in model.parameters()]
    val_loss, val_acc, preds, targets = evaluate(model, data, criterion, torch.device("cpu"))
    assert val_loss > 0 and 0.0 <= val_acc <= 1.0
    assert preds.shape == targets.shape == (24,)
    assert all(torch.equal(a, p) for a, p in zip(after_train, model.parameters()))
