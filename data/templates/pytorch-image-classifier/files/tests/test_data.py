import pytest
import torch
from PIL import Image
from torch.utils.data import Dataset
from torchvision.transforms import functional as F

from {{package}} import data
from {{package}}.data import (
    CIFAR10_CLASSES,
    CIFAR10_MEAN,
    CIFAR10_STD,
    ImageSubset,
    SyntheticImages,
    build_dataloaders,
    build_transforms,
    load_raw_datasets,
    normalisation_stats,
    split_indices,
)


class TinyImages(Dataset):
    """Twenty solid-colour PIL images; label = index % 10."""

    def __len__(self):
        return 20

    def __getitem__(self, i):
        return Image.new("RGB", (32, 32), color=(i * 10, 255 - i * 10, 128)), i % 10


def test_ten_classes():
    assert len(CIFAR10_CLASSES) == 10
    assert len(set(CIFAR10_CLASSES)) == 10


def test_split_is_seeded_disjoint_and_complete():
    train_a, val_a = split_indices(1000, 0.1, seed=0)
    train_b, val_b = split_indices(1000, 0.1, seed=0)
    train_c, _ = split_indices(1000, 0.1, seed=1)
    assert (train_a, val_a) == (train_b, val_b)
    assert train_a != train_c
    assert len(val_a) == 100 and len(train_a) == 900
    assert set(train_a).isdisjoint(val_a)
    assert set(train_a) | set(val_a) == set(range(1000))


def test_eval_transform_is_deterministic_and_normalised():
    image = Image.new("RGB", (32, 32), color=(255, 0, 128))
    tf = build_transforms(train=False)
    a, b = tf(image), tf(image)
    assert a.shape == (3, 32, 32)
    assert a.dtype == torch.float32
    assert torch.equal(a, b)
    # Red channel is 1.0 before normalising: (1 - 0.4914) / 0.2470
    assert torch.allclose(a[0], torch.full((32, 32), (1 - 0.4914) / 0.2470), atol=1e-4)


def test_train_transform_augments():
    torch.manual_seed(0)
    gradient = Image.frombytes("RGB", (32, 32), bytes(range(256)) * 12)
    tf = build_transforms(train=True)
    outs = [tf(gradient) for _ in range(5)]
    assert all(o.shape == (3, 32, 32) for o in outs)
    assert any(not torch.equal(outs[0], o) for o in outs[1:])


def test_subset_applies_its_own_transform():
    base = TinyImages()
    subset = ImageSubset(base, [3, 5, 7], build_transforms(train=False))
    assert len(subset) == 3
    image, label = subset[1]
    assert image.shape == (3, 32, 32)
    assert label == 5


def test_dataloaders_shapes_and_sizes():
    train_pool, test_set, source = load_raw_datasets(smoke=True, smoke_train_size=100, smoke_test_size=30)
    assert source == "synthetic"
    train_idx, val_idx = split_indices(len(train_pool), 0.2, seed=0)
    train_loader, val_loader, test_loader = build_dataloaders(
        train_pool, test_set, train_idx, val_idx, batch_size=16, seed=0, num_workers=0
    )
    assert len(train_loader.dataset) == 80
    assert len(val_loader.dataset) == 20
    assert len(test_loader.dataset) == 30
    images, labels = next(iter(train_loader))
    assert images.shape == (16, 3, 32, 32)
    assert labels.shape == (16,)
    assert labels.dtype == torch.int64
    assert int(labels.min()) >= 0 and int(labels.max()) <= 9


def _as_tensors(dataset):
    images = torch.stack([F.to_tensor(dataset[i][0]) for i in range(len(dataset))])
    labels = torch.tensor([int(dataset[i][1]) for i in range(len(dataset))])
    return images, labels


def test_smoke_data_is_learnable():
    """Regression: FakeData had random labels, so nothing could learn it (accuracy ~10%).

    A nearest-class-mean classifier on each image's mean colour, fitted on the smoke training
    pool, must classify the (different) smoke test images far above chance.
    """
    train_pool, test_set, _ = load_raw_datasets(smoke=True)
    x_train, y_train = _as_tensors(train_pool)
    x_test, y_test = _as_tensors(test_set)
    centroids = torch.stack([x_train[y_train == k].mean(dim=(0, 2, 3)) for k in range(10)])
    predicted = torch.cdist(x_test.mean(dim=(2, 3)), centroids).argmin(dim=1)
    accuracy = (predicted == y_test).float().mean().item()
    assert accuracy >= 0.5, f"smoke data is not learnable: nearest-colour accuracy {accuracy:.2f} (chance 0.10)"


def test_smoke_data_is_balanced_deterministic_and_test_differs_from_train():
    a, b = SyntheticImages(50, seed=0), SyntheticImages(50, seed=0)
    other = SyntheticImages(50, seed=1)
    xa, ya = _as_tensors(a)
    xb, _ = _as_tensors(b)
    xo, yo = _as_tensors(other)
    assert torch.equal(xa, xb), "the same seed must give the same images"
    assert torch.equal(ya, yo) and torch.bincount(ya, minlength=10).tolist() == [5] * 10
    assert not torch.equal(xa, xo), "the test set (another seed) must not repeat the training images"


def test_normalisation_falls_back_to_published_constants_while_the_stub_is_not_written(monkeypatch):
    def stub(pool, train_indices, batch_size=500):
        raise NotImplementedError("Compute normalisation statistics from the training split")

    monkeypatch.setattr(data, "compute_mean_std", stub)
    (mean, std), source = normalisation_stats(TinyImages(), [0, 1, 2])
    assert (mean, std) == (CIFAR10_MEAN, CIFAR10_STD)
    assert source.startswith("fallback")


def test_normalisation_uses_compute_mean_std_on_the_training_indices(monkeypatch):
    seen = {}

    def fake(pool, train_indices, batch_size=500):
        seen["indices"] = list(train_indices)
        return torch.tensor([0.1, 0.2, 0.3]), (0.4, 0.5, 0.6)

    monkeypatch.setattr(data, "compute_mean_std", fake)
    (mean, std), source = normalisation_stats(TinyImages(), [4, 2])
    assert seen["indices"] == [4, 2]
    assert mean == pytest.approx((0.1, 0.2, 0.3))
    assert all(isinstance(m, float) for m in mean + std)
    assert std == (0.4, 0.5, 0.6)
    assert not source.startswith("fallback")
