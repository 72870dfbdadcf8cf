"""Data loading: CIFAR-10 (or offline fake images), a seeded train/val split, transforms.

Milestone 1 of the practice project lives here: load and normalise CIFAR-10 and build
a train / validation / test split without leaking information between them.
"""
from typing import List, Optional, Sequence, Tuple

import torch
from torch.utils.data import DataLoader, Dataset
from torchvision import datasets, transforms

CIFAR10_CLASSES: List[str] = [
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
]

# Per-channel mean / std of the CIFAR-10 *training* images (the values everybody uses).
CIFAR10_MEAN: Tuple[float, float, float] = (0.4914, 0.4822, 0.4465)
CIFAR10_STD: Tuple[float, float, float] = (0.2470, 0.2435, 0.2616)

IMAGE_SIZE = 32


def build_transforms(
    train: bool,
    augment: bool = True,
    mean: Sequence[float] = CIFAR10_MEAN,
    std: Sequence[float] = CIFAR10_STD,
) -> transforms.Compose:
    """Transforms for one split.

    Augmentation is only ever applied to the training split: validation and test images
    must look like what the model will see in production.
    """
    steps = []
    if train and augment:
        steps += [
            transforms.RandomCrop(IMAGE_SIZE, padding=4, padding_mode="reflect"),
            transforms.RandomHorizontalFlip(),
            transforms.ColorJitter(brightness=0.2, contrast=0.2, saturation=0.2),
        ]
    steps += [
        transforms.ToTensor(),  # PIL image (H, W, C) in [0, 255] -> float tensor (C, H, W) in [0, 1]
        transforms.Normalize(mean, std),
    ]
    return transforms.Compose(steps)


class ImageSubset(Dataset):
    """A view of ``base`` restricted to ``indices``, with its own transform.

    The base dataset is created *without* a transform so that the training and the
    validation views of the same underlying images can use different transforms.
    """

    def __init__(self, base: Dataset, indices: Sequence[int], transform=None):
        self.base = base
        self.indices = list(indices)
        self.transform = transform

    def __len__(self) -> int:
        return len(self.indices)

    def __getitem__(self, i: int):
        image, label = self.base[self.indices[i]]
        if self.transform is not None:
            image = self.transform(image)
        return image, int(label)


def split_indices(n: int, val_fraction: float, seed: int) -> Tuple[List[int], List[int]]:
    """Shuffle ``range(n)`` with a fixed seed and cut off ``val_fraction`` for validation."""
    if not 0.0 < val_fraction < 1.0:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction}")
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(n, generator=generator).tolist()
    n_val = max(1, int(round(n * val_fraction)))
    return order[n_val:], order[:n_val]


def load_raw_datasets(
    data_dir: str = "data",
    smoke: bool = False,
    smoke_train_size: int = 512,
    smoke_test_size: int = 256,
) -> Tuple[Dataset, Dataset]:
    """Return (train+val pool, test set), both yielding (PIL image, label) pairs.

    Real path: downloads CIFAR-10 (about 170 MB) into ``data_dir`` the first time.
    Smoke path: ``torchvision.datasets.FakeData`` -- random 32x32 RGB images with random
    labels in 10 classes. Nothing is downloaded, and the model cannot learn anything from
    it (accuracy stays near 10%): it only proves that the pipeline runs end to end.
    """
    if smoke:
        train = datasets.FakeData(
            size=smoke_train_size, image_size=(3, IMAGE_SIZE, IMAGE_SIZE), num_classes=10, random_offset=0
        )
        test = datasets.FakeData(
            size=smoke_test_size,
            image_size=(3, IMAGE_SIZE, IMAGE_SIZE),
            num_classes=10,
            random_offset=10_000_000,  # different images from the training pool
        )
        return train, test
    train = datasets.CIFAR10(root=data_dir, train=True, download=True)
    test = datasets.CIFAR10(root=data_dir, train=False, download=True)
    return train, test


def build_dataloaders(
    train_pool: Dataset,
    test_set: Dataset,
    batch_size: int = 128,
    val_fraction: float = 0.1,
    seed: int = 42,
    augment: bool = True,
    num_workers: int = 2,
    pin_memory: bool = False,
    mean: Optional[Sequence[float]] = None,
    std: Optional[Sequence[float]] = None,
) -> Tuple[DataLoader, DataLoader, DataLoader]:
    """Train / val / test loaders. Only the training loader shuffles (with a seeded generator)."""
    mean = CIFAR10_MEAN if mean is None else mean
    std = CIFAR10_STD if std is None else std
    train_idx, val_idx = split_indices(len(train_pool), val_fraction, seed)
    train_ds = ImageSubset(train_pool, train_idx, build_transforms(train=True, augment=augment, mean=mean, std=std))
    val_ds = ImageSubset(train_pool, val_idx, build_transforms(train=False, mean=mean, std=std))
    test_ds = ImageSubset(test_set, range(len(test_set)), build_transforms(train=False, mean=mean, std=std))

    common = dict(batch_size=batch_size, num_workers=num_workers, pin_memory=pin_memory)
    train_loader = DataLoader(
        train_ds, shuffle=True, generator=torch.Generator().manual_seed(seed), drop_last=False, **common
    )
    val_loader = DataLoader(val_ds, shuffle=False, **common)
    test_loader = DataLoader(test_ds, shuffle=False, **common)
    return train_loader, val_loader, test_loader
