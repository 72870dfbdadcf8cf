"""Data loading: CIFAR-10 (or offline synthetic images), a seeded train/val split, transforms.

Step 1 of the practice project lives here: load and normalise CIFAR-10 and build a
train / validation / test split without leaking information between them.
"""
import math
from typing import List, Optional, Sequence, Tuple

import torch
from PIL import Image
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
# Only the fallback while compute_mean_std is not written: your own statistics replace them.
CIFAR10_MEAN: Tuple[float, float, float] = (0.4914, 0.4822, 0.4465)
CIFAR10_STD: Tuple[float, float, float] = (0.2470, 0.2435, 0.2616)

IMAGE_SIZE = 32

Stats = Tuple[Tuple[float, float, float], Tuple[float, float, float]]


def compute_mean_std(pool: Dataset, train_indices: Sequence[int], batch_size: int = 500) -> Stats:
    """Per-channel mean and standard deviation of the *training* images only.

    ``pool`` yields ``(PIL image, label)`` pairs (the CIFAR-10 training set, from which the
    validation split is also carved); ``train_indices`` are the positions of the training
    split in it. Use only those images, with pixel values scaled to [0, 1] as
    ``transforms.ToTensor()`` gives them, and take the statistics over every pixel of every
    image together (not the average of per-image statistics). Returns ``((mean_r, mean_g,
    mean_b), (std_r, std_g, std_b))`` as plain floats.

    Read the images ``batch_size`` at a time (CIFAR-10 does not need to fit in memory at once);
    the result must not depend on ``batch_size``, nor on the order of ``train_indices``. The
    population std is expected; the sample std (``ddof=1``) differs by far less than the
    tolerance at these sizes and is accepted too. Raise ``ValueError`` when ``train_indices``
    is empty.
    """
    if len(train_indices) == 0:
        raise ValueError("no training images")
    to_tensor = transforms.ToTensor()
    images = [to_tensor(pool[i][0]).double() for i in train_indices]
    mean = torch.stack([x.mean(dim=(1, 2)) for x in images]).mean(dim=0)
    std = torch.stack([x.std(dim=(1, 2), unbiased=False) for x in images]).mean(dim=0)
    return tuple(mean.tolist()), tuple(std.tolist())


def normalisation_stats(pool: Dataset, train_indices: Sequence[int]) -> Tuple[Stats, str]:
    """``(mean, std)`` for ``transforms.Normalize`` and where they came from.

    Uses your ``compute_mean_std`` on the training split; while it is still a stub, falls back
    to the published CIFAR-10 constants and says so (the run records it in metrics.json).
    """
    try:
        mean, std = compute_mean_std(pool, train_indices)
    except NotImplementedError:
        return (CIFAR10_MEAN, CIFAR10_STD), "fallback: published CIFAR-10 constants (compute_mean_std not written yet)"
    return (tuple(float(m) for m in mean), tuple(float(s) for s in std)), "computed on the training split"


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


class SyntheticImages(Dataset):
    """Offline stand-in for CIFAR-10 that a model *can* learn: 32x32 RGB PIL images, 10 classes.

    Each class has its own colour and its own stripe direction and frequency; every image adds a
    random shift of the colour (so neighbouring classes' colours overlap), a random stripe phase,
    a random brightness and pixel noise. The images are a pure function of ``(size, seed)``: the same
    on every run, and a different ``seed`` gives different images (the test set uses another seed).
    Label of image ``i`` is ``i % 10``, so the classes are balanced.
    """

    def __init__(self, size: int, seed: int = 0, noise: float = 0.2, hue_jitter: float = 0.05):
        self.size = size
        self.targets = [i % 10 for i in range(size)]
        g = torch.Generator().manual_seed(seed)
        labels = torch.tensor(self.targets)
        # Neighbouring classes' colours overlap (hues 0.1 apart, jittered): the stripes tell them apart.
        hue = labels.float() / 10.0 + hue_jitter * (2 * torch.rand(size, generator=g) - 1)
        # One colour per class: evenly spaced hues, fixed saturation and value.
        colour = torch.stack([_hue_channel(hue, shift) for shift in (0.0, 1 / 3, 2 / 3)], dim=1)  # (N, 3)
        angle = (labels % 5).float() * (math.pi / 5)
        freq = 2.0 + (labels // 5).float() * 2.0
        phase = torch.rand(size, generator=g) * 2 * math.pi
        brightness = 0.8 + 0.4 * torch.rand(size, generator=g)
        coords = torch.linspace(0, 1, IMAGE_SIZE)
        yy, xx = torch.meshgrid(coords, coords, indexing="ij")
        proj = xx[None] * torch.cos(angle)[:, None, None] + yy[None] * torch.sin(angle)[:, None, None]
        stripes = 0.5 + 0.5 * torch.sin(2 * math.pi * freq[:, None, None] * proj + phase[:, None, None])  # (N, H, W)
        images = colour[:, :, None, None] * (0.6 + 0.4 * stripes[:, None]) * brightness[:, None, None, None]
        images = images + noise * torch.randn(images.shape, generator=g)
        self.pixels = (images.clamp(0, 1) * 255).round().to(torch.uint8).permute(0, 2, 3, 1).contiguous()  # N,H,W,C

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, i: int):
        return Image.fromarray(self.pixels[i].numpy(), mode="RGB"), self.targets[i]


def _hue_channel(hue: torch.Tensor, shift: float) -> torch.Tensor:
    """A smooth colour wheel: each channel peaks at a different hue (values in [0.15, 0.95])."""
    return 0.55 + 0.4 * torch.cos(2 * math.pi * (hue - shift))


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
    smoke_train_size: int = 600,
    smoke_test_size: int = 300,
) -> Tuple[Dataset, Dataset, str]:
    """Return (train+val pool, test set, data source), both datasets yielding (PIL image, label).

    Real path (source ``"cifar10"``): downloads CIFAR-10 (about 170 MB) into ``data_dir`` the
    first time. Smoke path (source ``"synthetic"``): ``SyntheticImages``, generated in memory,
    nothing downloaded. A working pipeline learns it well above chance (10%) in a few seconds,
    so a smoke run at chance level means something in the pipeline is broken.
    """
    if smoke:
        train = SyntheticImages(smoke_train_size, seed=0)
        test = SyntheticImages(smoke_test_size, seed=1)  # different images from the training pool
        return train, test, "synthetic"
    train = datasets.CIFAR10(root=data_dir, train=True, download=True)
    test = datasets.CIFAR10(root=data_dir, train=False, download=True)
    return train, test, "cifar10"


def build_dataloaders(
    train_pool: Dataset,
    test_set: Dataset,
    train_idx: Sequence[int],
    val_idx: Sequence[int],
    batch_size: int = 128,
    seed: int = 42,
    augment: bool = True,
    num_workers: int = 2,
    pin_memory: bool = False,
    mean: Optional[Sequence[float]] = None,
    std: Optional[Sequence[float]] = None,
) -> Tuple[DataLoader, DataLoader, DataLoader]:
    """Train / val / test loaders. Only the training loader shuffles, with its own generator.

    The training loader's generator decides the shuffle order (and the workers' seeds); the
    training loop reseeds it at the start of every epoch (``engine.seed_epoch``), so epoch ``k``
    sees the same order and augmentation whether the run started at epoch 1 or resumed.
    """
    mean = CIFAR10_MEAN if mean is None else mean
    std = CIFAR10_STD if std is None else std
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
