"""Exercise compute-normalisation-stats: per-channel mean/std of the training split only.

Run: python -m pytest milestones/test_compute_normalisation_stats.py
"""
import numpy as np
import pytest
from PIL import Image
from torch.utils.data import Dataset

from {{package}}.data import CIFAR10_MEAN, compute_mean_std


class Pool(Dataset):
    """A train+val pool of PIL images like the CIFAR-10 training set (no transform)."""

    def __init__(self, arrays):
        self.arrays = arrays  # list of (H, W, 3) uint8 arrays

    def __len__(self):
        return len(self.arrays)

    def __getitem__(self, i):
        return Image.fromarray(self.arrays[i], mode="RGB"), i % 10


def make_pool():
    rng = np.random.default_rng(0)
    arrays = []
    for i in range(30):
        if i % 3 == 2:  # validation images: bright and nearly uniform
            arrays.append(np.full((8, 8, 3), (250, 240, 230), dtype=np.uint8))
        elif i % 3 == 1:  # solid training images of different colours (each has zero std on its own)
            arrays.append(np.full((8, 8, 3), (20 * (i % 7), 200 - 15 * (i % 5), 60), dtype=np.uint8))
        else:  # noisy training images
            arrays.append(rng.integers(0, 256, size=(8, 8, 3), dtype=np.uint8))
    train_idx = [i for i in range(30) if i % 3 != 2]
    val_idx = [i for i in range(30) if i % 3 == 2]
    return Pool(arrays), train_idx, val_idx


def expected_stats(pool, indices):
    pixels = np.stack([pool.arrays[i] for i in indices]).astype(np.float64) / 255.0  # (N, H, W, 3) in [0, 1]
    return pixels.mean(axis=(0, 1, 2)), pixels.std(axis=(0, 1, 2))


def _call(pool, indices):
    result = compute_mean_std(pool, indices)
    assert result is not None, "compute_mean_std returned None: return (mean, std)"
    mean, std = result
    mean, std = np.asarray([float(m) for m in mean]), np.asarray([float(s) for s in std])
    assert mean.shape == (3,) and std.shape == (3,), f"expected 3 values each (one per channel), got {mean} and {std}"
    return mean, std


def test_mean_and_std_of_the_training_images():
    pool, train_idx, _ = make_pool()
    mean, std = _call(pool, train_idx)
    want_mean, want_std = expected_stats(pool, train_idx)
    assert mean == pytest.approx(want_mean, abs=1e-4), (
        f"mean {np.round(mean, 4)} != per-channel mean of the training pixels {np.round(want_mean, 4)} "
        "(scale pixels to [0, 1] like transforms.ToTensor)"
    )
    assert std == pytest.approx(want_std, abs=1e-4), (
        f"std {np.round(std, 4)} != per-channel std over all training pixels {np.round(want_std, 4)} "
        "(not the average of per-image stds)"
    )


def test_no_leakage_from_validation_images():
    pool, train_idx, val_idx = make_pool()
    mean, _ = _call(pool, train_idx)
    pool_mean, _ = expected_stats(pool, train_idx + val_idx)
    train_mean, _ = expected_stats(pool, train_idx)
    assert np.abs(mean - train_mean).max() < np.abs(mean - pool_mean).max(), (
        f"mean {np.round(mean, 4)} is closer to the whole pool {np.round(pool_mean, 4)} than to the training "
        f"split {np.round(train_mean, 4)}: use only the images at train_indices"
    )
    val_mean, _ = _call(pool, val_idx)
    assert val_mean == pytest.approx(expected_stats(pool, val_idx)[0], abs=1e-4), "the indices decide which images count"


def test_not_the_published_constants_and_order_independent():
    pool, train_idx, _ = make_pool()
    mean, std = _call(pool, train_idx)
    assert mean != pytest.approx(np.asarray(CIFAR10_MEAN), abs=1e-2), "compute the statistics, don't copy CIFAR-10's"
    again_mean, again_std = _call(pool, list(reversed(train_idx)))
    assert again_mean == pytest.approx(mean, abs=1e-6) and again_std == pytest.approx(std, abs=1e-6)
