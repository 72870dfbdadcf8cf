import torch

from {{package}}.data import make_splits, make_synthetic_classification
from {{package}}.model import MLP
from {{package}}.trainer import steps_per_epoch


def test_synthetic_data_is_identical_for_the_same_seed():
    a = make_synthetic_classification(100, dim=8, num_classes=3, seed=5)
    b = make_synthetic_classification(100, dim=8, num_classes=3, seed=5)
    assert torch.equal(a.tensors[0], b.tensors[0]) and torch.equal(a.tensors[1], b.tensors[1])
    x, y = a.tensors
    assert x.shape == (100, 8) and y.shape == (100,)
    assert set(y.tolist()) <= {0, 1, 2}
    assert len(set(y.tolist())) >= 2


def test_train_and_val_differ_but_share_the_teacher():
    train, val = make_splits(200, 50, dim=8, num_classes=3, seed=0)
    assert len(train) == 200 and len(val) == 50
    assert not torch.equal(train.tensors[0][:50], val.tensors[0])


def test_mlp_shapes():
    model = MLP(in_dim=8, hidden=16, num_classes=3, depth=3)
    assert model(torch.randn(5, 8)).shape == (5, 3)


def test_steps_per_epoch():
    assert steps_per_epoch(4096, world_size=2, batch_size=32, accum_steps=2) == 32
    assert steps_per_epoch(100, world_size=2, batch_size=8, accum_steps=4) == 2  # 7 micro-batches -> 4 + 3
