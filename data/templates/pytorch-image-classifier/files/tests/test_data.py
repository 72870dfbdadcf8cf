import torch
from PIL import Image
from torch.utils.data import Dataset

from {{package}}.data import (
    CIFAR10_CLASSES,
    ImageSubset,
    build_dataloaders,
    build_transforms,
    load_raw_datasets,
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
    train_pool, test_set = load_raw_datasets(smoke=True, smoke_train_size=100, smoke_test_size=30)
    train_loader, val_loader, test_loader = build_dataloaders(
        train_pool, test_set, batch_size=16, val_fraction=0.2, seed=0, num_workers=0
    )
    assert len(train_loader.dataset) == 80
    assert len(val_loader.dataset) == 20
    assert len(test_loader.dataset) == 30
    images, labels = next(iter(train_loader))
    assert images.shape == (16, 3, 32, 32)
    assert labels.shape == (16,)
    assert labels.dtype == torch.int64
    assert int(labels.min()) >= 0 and int(labels.max()) <= 9
