"""Exercise keep-global-batch: ``accum_steps_for`` in train.py.

Run: python -m pytest milestones/test_keep_global_batch.py
"""
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
