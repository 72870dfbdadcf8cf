"""Exercise warmup-linear-decay: the learning-rate factor of {{package}}/schedule.py.

    python -m pytest milestones/test_warmup_linear_decay.py
"""
import random

import pytest
import torch

from {{package}}.schedule import linear_warmup_decay, linear_warmup_decay_factor


def factors(warmup, total):
    return [linear_warmup_decay_factor(s, warmup, total) for s in range(total + 1)]


def test_known_values_during_warm_up_and_decay():
    f = factors(10, 100)
    assert f[0] == 0.0, f"the first step should run at lr 0 (warm-up starts from 0), got factor {f[0]}"
    assert f[5] == pytest.approx(0.5), f"half-way through a 10-step warm-up the factor is 0.5, got {f[5]}"
    assert f[10] == pytest.approx(1.0), f"warm-up ends at the peak (factor 1) on step 10, got {f[10]}"
    assert f[55] == pytest.approx(0.5), f"half-way through the decay (step 55 of 10..100) the factor is 0.5, got {f[55]}"
    assert f[99] == pytest.approx(1 / 90), f"the last step (99) runs at 1/(total - warmup) = 1/90, got {f[99]}"
    assert f[100] == pytest.approx(0.0), f"the factor reaches 0 at step total = 100, got {f[100]}"


def test_other_lengths_are_not_hard_coded():
    f = factors(3, 12)
    assert [round(x, 4) for x in f[:4]] == [0.0, 0.3333, 0.6667, 1.0]
    assert f[7] == pytest.approx(5 / 9)
    assert f[11] == pytest.approx(1 / 9)


def test_shape_rises_then_falls_and_is_never_negative():
    f = factors(10, 100)
    assert all(a <= b for a, b in zip(f[:10], f[1:11])), "the factor must rise during warm-up"
    assert all(a >= b for a, b in zip(f[10:], f[11:])), "the factor must fall after warm-up"
    assert max(f) == pytest.approx(1.0)
    assert linear_warmup_decay_factor(500, 10, 100) == 0.0, "after total_steps the factor stays at 0, never negative"


def test_no_warm_up_starts_at_the_peak():
    assert linear_warmup_decay_factor(0, 0, 50) == 1.0, "with warmup_steps = 0 the first step runs at the peak"
    assert linear_warmup_decay_factor(25, 0, 50) == pytest.approx(0.5)


def test_zero_total_steps_is_an_error():
    with pytest.raises(ValueError):
        linear_warmup_decay_factor(0, 0, 0)


def test_scheduler_drives_the_optimizer_lr_step_by_step():
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=0.1)
    scheduler, kind = linear_warmup_decay(optimizer, warmup_steps=4, total_steps=20)
    assert kind == "linear_warmup_decay", f"the training run still uses the fallback: {kind}"
    lrs = []
    for _ in range(20):
        lrs.append(optimizer.param_groups[0]["lr"])  # the lr this step uses
        optimizer.step()
        scheduler.step()
    assert lrs[0] == 0.0
    assert lrs[4] == pytest.approx(0.1) and lrs.index(max(lrs)) == 4
    assert lrs[-1] == pytest.approx(0.1 / 16), "the last of 20 steps (4 warm-up) runs at peak / 16"
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.0), "after the last step the lr is 0"


def test_random_lengths():
    """Schedules drawn at random (the seed is in the message), checked step by step."""
    seed = random.SystemRandom().randrange(2**31)
    rng = random.Random(seed)
    for _ in range(30):
        total = rng.randint(1, 300)
        warmup = rng.choice([0, rng.randint(0, total - 1)])
        for step in sorted({0, warmup, total - 1, total, total + 5, *(rng.randint(0, total) for _ in range(10))}):
            want = step / warmup if step < warmup else max(0.0, (total - step) / (total - warmup))
            got = linear_warmup_decay_factor(step, warmup, total)
            assert got == pytest.approx(want, abs=1e-12), (
                f"seed {seed}: step {step}, warmup_steps={warmup}, total_steps={total}: got {got}, expected {want}"
            )
