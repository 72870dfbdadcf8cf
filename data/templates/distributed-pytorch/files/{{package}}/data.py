"""Synthetic classification data, identical on every rank (same seed), sharded by the sampler.

A fixed random "teacher" network labels Gaussian inputs, so the task is learnable but not
trivial, and any number of samples can be generated without a download.
"""
from typing import Tuple

import torch
from torch.utils.data import TensorDataset


def make_synthetic_classification(
    n: int, dim: int = 32, num_classes: int = 4, seed: int = 0, teacher_seed: int = 1234, noise: float = 0.1
) -> TensorDataset:
    """``n`` samples of ``dim`` features labelled by a fixed teacher (shared by all splits)."""
    teacher_gen = torch.Generator().manual_seed(teacher_seed)
    w1 = torch.randn(dim, 64, generator=teacher_gen) / dim ** 0.5
    w2 = torch.randn(64, num_classes, generator=teacher_gen) / 8.0
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(n, dim, generator=gen)
    logits = torch.tanh(x @ w1) @ w2 + noise * torch.randn(n, num_classes, generator=gen)
    y = logits.argmax(dim=1)
    return TensorDataset(x, y)


def make_splits(n_train: int, n_val: int, dim: int, num_classes: int, seed: int) -> Tuple[TensorDataset, TensorDataset]:
    return (
        make_synthetic_classification(n_train, dim, num_classes, seed=seed),
        make_synthetic_classification(n_val, dim, num_classes, seed=seed + 1),
    )
