"""Exercise compute-normalisation-stats: per-channel mean/std of the training split only.

Each run draws new random pools (the seed is in every failure message), so only a computation
passes, never a table of numbers. Run: python -m pytest milestones/test_compute_normalisation_stats.py
"""
import random

import numpy as np
import pytest
from PIL import Image
from torch.utils.data import Dataset

from {{package}}.data import compute_mean_std

SEED = random.SystemRandom().randrange(2**31)


class Pool(Dataset):
    """A train+val pool of PIL images like the CIFAR-10 training set (no transform)."""

    def __init__(self, arrays):
        self.arrays = arrays  # list of (H, W, 3) uint8 arrays

    def __len__(self):
        return len(self.arrays)

    def __getitem__(self, i):
        return Image.fromarray(self.arrays[i], mode="RGB"), i % 10


def make_pool(seed=SEED, n=30):
    """Every third image is a bright, nearly uniform validation image; the training images are
    solid colours (each has zero std on its own) and noise."""
    rng = np.random.default_rng(seed)
    arrays = []
    for i in range(n):
        if i % 3 == 2:  # validation images: bright and nearly uniform
            arrays.append(np.clip(rng.integers(225, 256, size=3) + rng.integers(-3, 4, size=(8, 8, 3)), 0, 255).astype(np.uint8))
        elif i % 3 == 1:  # solid training images of random colours
            arrays.append(np.broadcast_to(rng.integers(0, 200, size=3), (8, 8, 3)).astype(np.uint8))
        else:  # noisy training images
            arrays.append(rng.integers(0, 256, size=(8, 8, 3), dtype=np.uint8))
    train_idx = [i for i in range(n) if i % 3 != 2]
    val_idx = [i for i in range(n) if i % 3 == 2]
    return Pool(arrays), train_idx, val_idx


def pixels(pool, indices):
    return np.stack([pool.arrays[i] for i in indices]).astype(np.float64) / 255.0  # (N, H, W, 3) in [0, 1]


def expected_stats(pool, indices):
    x = pixels(pool, indices)
    return x.mean(axis=(0, 1, 2)), x.std(axis=(0, 1, 2))


def _call(pool, indices, **kwargs):
    result = compute_mean_std(pool, indices, **kwargs)
    assert result is not None, "compute_mean_std returned None: return (mean, std)"
    mean, std = result
    mean, std = np.asarray([float(m) for m in mean]), np.asarray([float(s) for s in std])
    assert mean.shape == (3,) and std.shape == (3,), f"expected 3 values each (one per channel), got {mean} and {std}"
    return mean, std


def _why_std_differs(pool, indices, std):
    """A true explanation of a wrong std, from the mistakes that give it."""
    x = pixels(pool, indices)
    candidates = {
        "the average of per-image stds (take the std over all pixels of all images together)":
            x.std(axis=(1, 2)).mean(axis=0),
        "the std over the whole pool: use only the images at train_indices": pixels(pool, range(len(pool.arrays))).std(axis=(0, 1, 2)),
        "the std of pixel values in [0, 255]: scale them to [0, 1] like transforms.ToTensor": 255.0 * x.std(axis=(0, 1, 2)),
    }
    for why, value in candidates.items():
        if np.allclose(std, value, rtol=1e-3, atol=1e-4):
            return f"it is {why}"
    return "the std over all pixels of the training images, per channel"


def test_mean_and_std_of_the_training_images():
    pool, train_idx, _ = make_pool()
    mean, std = _call(pool, train_idx)
    want_mean, want_std = expected_stats(pool, train_idx)
    assert mean == pytest.approx(want_mean, abs=1e-4), (
        f"seed {SEED}: mean {np.round(mean, 4)} != per-channel mean of the training pixels {np.round(want_mean, 4)} "
        "(scale pixels to [0, 1] like transforms.ToTensor, and use only the images at train_indices)"
    )
    # The sample std (ddof=1, torch.std's default) differs from the population std by a factor
    # sqrt(n / (n - 1)), under 0.1% for these 1,280 pixels per channel: both are accepted.
    assert std == pytest.approx(want_std, rel=1e-3, abs=1e-4), (
        f"seed {SEED}: std {np.round(std, 4)} != per-channel std over all training pixels {np.round(want_std, 4)}: "
        + _why_std_differs(pool, train_idx, std)
    )


def test_no_leakage_from_validation_images():
    pool, train_idx, val_idx = make_pool()
    mean, _ = _call(pool, train_idx)
    pool_mean, _ = expected_stats(pool, train_idx + val_idx)
    train_mean, _ = expected_stats(pool, train_idx)
    assert np.abs(mean - train_mean).max() < np.abs(mean - pool_mean).max(), (
        f"seed {SEED}: mean {np.round(mean, 4)} is closer to the whole pool {np.round(pool_mean, 4)} than to the "
        f"training split {np.round(train_mean, 4)}: use only the images at train_indices"
    )
    val_mean, _ = _call(pool, val_idx)
    assert val_mean == pytest.approx(expected_stats(pool, val_idx)[0], abs=1e-4), "the indices decide which images count"


def test_the_batch_size_does_not_change_the_result():
    pool, train_idx, _ = make_pool()
    mean, std = _call(pool, train_idx)
    for batch_size in (1, 3, 7):  # 20 images: the last batch is shorter than the others
        m, s = _call(pool, train_idx, batch_size=batch_size)
        assert m == pytest.approx(mean, abs=1e-6) and s == pytest.approx(std, abs=1e-6), (
            f"seed {SEED}: batch_size={batch_size} gives mean {np.round(m, 4)}, std {np.round(s, 4)}, but the whole "
            f"split at once gives {np.round(mean, 4)}, {np.round(std, 4)}: accumulate sums over all batches, "
            "do not average per-batch statistics"
        )


def test_the_order_of_the_indices_does_not_matter():
    pool, train_idx, _ = make_pool()
    mean, std = _call(pool, train_idx)
    again_mean, again_std = _call(pool, list(reversed(train_idx)))
    assert again_mean == pytest.approx(mean, abs=1e-6) and again_std == pytest.approx(std, abs=1e-6)


def test_an_empty_training_split_is_an_error():
    pool, _, _ = make_pool()
    with pytest.raises(ValueError):
        compute_mean_std(pool, [])
