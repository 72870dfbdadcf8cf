import pytest
import torch
from torch import nn

from {{package}} import engine, model as model_module
from {{package}}.engine import EpochResult, evaluate, get_device, seed_epoch, train_one_epoch
from {{package}}.model import FALLBACK_MODEL, LinearBaseline, SimpleCNN, build_model, count_parameters


def stand_in_block(in_channels, out_channels):
    """Not the exercise's answer: a 1x1 convolution and average pooling, enough to test the head."""
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel_size=1), nn.AvgPool2d(2))


def test_cnn_head_sizes_itself_from_the_number_of_blocks(monkeypatch):
    monkeypatch.setattr(model_module, "conv_block", stand_in_block)
    three = SimpleCNN(channels=(8, 16, 32))
    four = SimpleCNN(channels=(8, 16, 32, 64))
    assert three(torch.randn(4, 3, 32, 32)).shape == (4, 10)
    assert four(torch.randn(2, 3, 32, 32)).shape == (2, 10)
    assert (three.num_conv_layers, four.num_conv_layers) == (3, 4)
    model, source = build_model(channels=(8, 16, 32))
    assert isinstance(model, SimpleCNN) and source == "simple_cnn"


def test_too_many_pooling_layers_rejected():
    with pytest.raises(ValueError):
        SimpleCNN(channels=(8, 8, 8, 8, 8, 8))


def test_linear_baseline_is_the_fallback_while_conv_block_is_a_stub(monkeypatch):
    def stub(in_channels, out_channels):
        raise NotImplementedError("Write the convolutional block")

    monkeypatch.setattr(model_module, "conv_block", stub)
    model, source = build_model()
    assert isinstance(model, LinearBaseline) and source == FALLBACK_MODEL
    assert model(torch.randn(5, 3, 32, 32)).shape == (5, 10)
    assert model.num_conv_layers == 0
    assert count_parameters(model) == 3 * 32 * 32 * 10 + 10


def test_get_device_respects_explicit_choice():
    assert get_device("cpu") == torch.device("cpu")
    assert get_device("auto").type in {"cpu", "cuda", "mps"}


def _batches():
    torch.manual_seed(0)
    return [(torch.randn(8, 3, 32, 32), torch.randint(0, 10, (8,))) for _ in range(3)]


def test_train_one_epoch_runs_forward_only_while_train_step_is_a_stub(monkeypatch):
    def stub(model, images, labels, optimizer, criterion):
        raise NotImplementedError("Write the training step")

    monkeypatch.setattr(engine, "train_step", stub)
    model = LinearBaseline()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    before = [p.detach().clone() for p in model.parameters()]
    loss, acc, mode = train_one_epoch(model, _batches(), optimizer, nn.CrossEntropyLoss(), torch.device("cpu"))
    assert loss > 0 and 0.0 <= acc <= 1.0
    assert mode.startswith("fallback")
    assert all(torch.equal(b, p) for b, p in zip(before, model.parameters())), "the fallback must not train"


def test_train_one_epoch_averages_what_train_step_returns(monkeypatch):
    calls = []

    def fake_step(model, images, labels, optimizer, criterion):
        calls.append(labels.size(0))
        return float(len(calls)), 2  # losses 1, 2, 3; 2 correct per batch

    monkeypatch.setattr(engine, "train_step", fake_step)
    data = _batches()[:2] + [(torch.randn(4, 3, 32, 32), torch.zeros(4, dtype=torch.long))]
    result = train_one_epoch(LinearBaseline(), data, None, nn.CrossEntropyLoss(), torch.device("cpu"))
    assert calls == [8, 8, 4]
    assert result == EpochResult(loss=(1 * 8 + 2 * 8 + 3 * 4) / 20, accuracy=6 / 20, mode="train_step")


def test_evaluate_returns_sane_numbers_and_leaves_weights_alone():
    model = LinearBaseline()
    before = [p.detach().clone() for p in model.parameters()]
    val_loss, val_acc, preds, targets = evaluate(model, _batches(), nn.CrossEntropyLoss(), torch.device("cpu"))
    assert val_loss > 0 and 0.0 <= val_acc <= 1.0
    assert preds.shape == targets.shape == (24,)
    assert all(torch.equal(b, p) for b, p in zip(before, model.parameters()))


def _epoch_batches(loader):
    return [(images.clone(), labels.clone()) for images, labels in loader]


def test_an_epochs_batches_do_not_depend_on_the_epochs_before_it():
    """Regression (resume): epoch k must see the same shuffle and augmentation after a restart."""
    from {{package}}.data import build_dataloaders, load_raw_datasets, split_indices

    pool, test_set, _ = load_raw_datasets(smoke=True, smoke_train_size=40, smoke_test_size=10)
    train_idx, val_idx = split_indices(len(pool), 0.25, seed=0)

    def loader():
        return build_dataloaders(pool, test_set, train_idx, val_idx, batch_size=8, seed=7, num_workers=0)[0]

    straight = loader()
    seen = []
    for epoch in (1, 2, 3):
        seed_epoch(7, epoch, straight)
        seen.append(_epoch_batches(straight))
    restarted = loader()
    torch.manual_seed(123)  # whatever the process did before resuming
    seed_epoch(7, 3, restarted)
    resumed = _epoch_batches(restarted)
    for (xa, ya), (xb, yb) in zip(seen[2], resumed):
        assert torch.equal(ya, yb) and torch.equal(xa, xb)
    assert not all(torch.equal(a[1], b[1]) for a, b in zip(seen[0], seen[2])), "epochs 1 and 3 must differ"
