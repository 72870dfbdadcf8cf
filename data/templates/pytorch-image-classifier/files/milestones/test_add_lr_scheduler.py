"""Exercise add-lr-scheduler: linear warmup, then cosine decay towards min_factor.

Run: python -m pytest milestones/test_add_lr_scheduler.py
"""
import math
import random

import pytest

from {{package}}.schedule import lr_factor


def _factors(epochs, warmup, min_factor=0.0):
    values = [lr_factor(e, epochs, warmup, min_factor) for e in range(1, epochs + 1)]
    assert all(isinstance(v, (int, float)) for v in values), f"lr_factor must return numbers, got {values}"
    return [float(v) for v in values]


def test_known_values():
    got = _factors(6, 2)
    cos = lambda t, n: 0.5 * (1 + math.cos(math.pi * t / n))  # noqa: E731
    want = [0.5, 1.0, cos(0, 4), cos(1, 4), cos(2, 4), cos(3, 4)]
    assert got == pytest.approx(want, abs=1e-9), f"epochs=6, warmup=2: got {got}, expected {want}"


def test_warmup_rises_then_decay_falls_and_the_last_epoch_still_trains():
    got = _factors(20, 4, min_factor=0.05)
    warmup, decay = got[:4], got[4:]
    assert warmup == pytest.approx([0.25, 0.5, 0.75, 1.0]), f"warmup should ramp up linearly to 1: {warmup}"
    assert decay[0] == pytest.approx(1.0)
    assert all(a > b for a, b in zip(decay, decay[1:])), f"after warmup the factor must keep falling: {decay}"
    assert 0.05 < decay[-1] < 0.1, f"last epoch factor {decay[-1]:.4f}: just above min_factor 0.05, never 0"
    assert max(got) == pytest.approx(1.0)


def test_no_warmup_and_rejected_epochs():
    got = _factors(5, 0)
    want = [0.5 * (1 + math.cos(math.pi * t / 5)) for t in range(5)]
    assert got == pytest.approx(want, abs=1e-9), f"no warmup: got {got}, expected {want}"
    for bad in (0, 6):
        with pytest.raises(ValueError):
            lr_factor(bad, 5, 0)


def test_random_schedules():
    """Schedules drawn at random (the seed is in the message): the values, not a table of them."""
    seed = random.SystemRandom().randrange(2**31)
    rng = random.Random(seed)
    for _ in range(25):
        epochs = rng.randint(2, 60)
        warmup = rng.randint(0, epochs - 1)
        min_factor = rng.choice([0.0, round(rng.uniform(0.0, 0.5), 3)])
        n = epochs - warmup
        want = [e / warmup if e <= warmup else
                min_factor + (1 - min_factor) * 0.5 * (1 + math.cos(math.pi * (e - warmup - 1) / n))
                for e in range(1, epochs + 1)]
        got = _factors(epochs, warmup, min_factor)
        assert got == pytest.approx(want, abs=1e-9), (
            f"seed {seed}: epochs={epochs}, warmup={warmup}, min_factor={min_factor}: got {got}, expected {want}"
        )
        with pytest.raises(ValueError):
            lr_factor(epochs + 1, epochs, warmup, min_factor)
