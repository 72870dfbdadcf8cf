import pytest
import torch

from {{package}}.schedule import linear_warmup_decay, linear_warmup_decay_factor, warmup_steps_for


def test_factor_shape():
    f = [linear_warmup_decay_factor(s, warmup_steps=10, total_steps=100) for s in range(101)]
    assert f[0] == 0.0
    assert f[5] == pytest.approx(0.5)
    assert f[10] == pytest.approx(1.0)
    assert f[55] == pytest.approx(0.5)
    assert f[100] == 0.0
    assert all(a <= b for a, b in zip(f[:10], f[1:11]))  # rises during warm-up
    assert all(a >= b for a, b in zip(f[10:], f[11:]))  # falls afterwards
    assert max(f) == pytest.approx(1.0)


def test_no_warmup_starts_at_peak():
    assert linear_warmup_decay_factor(0, 0, 50) == 1.0


def test_never_negative_after_the_end():
    assert linear_warmup_decay_factor(500, 10, 100) == 0.0


def test_scheduler_drives_the_optimizer_lr():
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=0.1)
    scheduler = linear_warmup_decay(optimizer, warmup_steps=4, total_steps=20)
    lrs = []
    for _ in range(20):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    assert lrs[0] == 0.0
    assert lrs[4] == pytest.approx(0.1)
    assert lrs.index(max(lrs)) == 4
    assert lrs[-1] == pytest.approx(0.1 / 16)


def test_warmup_steps_for():
    assert warmup_steps_for(100, 0.1) == 10
    assert warmup_steps_for(95, 0.1) == 10
    assert warmup_steps_for(100, 0.0) == 0
