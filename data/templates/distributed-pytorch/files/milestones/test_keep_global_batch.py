"""Exercise keep-global-batch: ``accum_steps_for`` in train.py.

Known values, then cases drawn at random (the seed is in the message): a computation passes, a
table of the known values does not.

Run: python -m pytest milestones/test_keep_global_batch.py
"""
import random

import pytest

from {{package}}.train import accum_steps_for, parse_args


@pytest.mark.parametrize("global_batch, per_rank, ranks, steps", [
    (512, 64, 2, 4),
    (512, 64, 4, 2),  # twice the ranks, half the accumulation
    (512, 64, 8, 1),
    (96, 16, 3, 2),
    (48, 48, 1, 1),
])
def test_known_values(global_batch, per_rank, ranks, steps):
    got = accum_steps_for(global_batch, per_rank, ranks)
    assert got == steps, f"{per_rank} per rank x {ranks} ranks x {steps} steps = {global_batch}, not x {got}"
    assert isinstance(got, int)


@pytest.mark.parametrize("global_batch, per_rank, ranks", [
    (512, 64, 16),  # fewer than one micro-batch per step
    (500, 64, 2),  # not a whole number of micro-batches
    (0, 64, 2),
    (512, 0, 2),
    (512, 64, 0),
])
def test_impossible_combinations_raise_value_error(global_batch, per_rank, ranks):
    with pytest.raises(ValueError):
        accum_steps_for(global_batch, per_rank, ranks)


def test_the_command_line_uses_it():
    args = parse_args(["--smoke", "--spawn", "2", "--global-batch", "256"])
    assert args.accum_steps == 256 // (32 * 2)


def test_random_cases():
    seed = random.SystemRandom().randrange(2**31)
    rng = random.Random(seed)
    for _ in range(200):
        per_rank, ranks, steps = rng.randint(1, 128), rng.randint(1, 64), rng.randint(1, 32)
        global_batch = per_rank * ranks * steps
        got = accum_steps_for(global_batch, per_rank, ranks)
        assert got == steps and isinstance(got, int), (
            f"seed {seed}: {per_rank} per rank x {ranks} ranks x {steps} steps = {global_batch}, not x {got!r}"
        )
        off = rng.randint(1, per_rank * ranks - 1) if per_rank * ranks > 1 else None
        if off is None:
            continue
        try:  # not a whole number of micro-batches
            bad = accum_steps_for(global_batch + off, per_rank, ranks)
        except ValueError:
            continue
        pytest.fail(f"seed {seed}: a global batch of {global_batch + off} is no whole number of {per_rank} x {ranks}, "
                    f"yet accum_steps_for returned {bad!r} instead of raising ValueError")
