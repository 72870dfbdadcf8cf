import math

import pytest
import torch

from {{package}} import schedule as schedule_module
from {{package}}.schedule import choose_factor, linear_warmup_decay, warmup_steps_for


def run_scheduler(steps, warmup, peak=0.1):
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=peak)
    scheduler, kind = linear_warmup_decay(optimizer, warmup_steps=warmup, total_steps=steps)
    lrs = []
    for _ in range(steps):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return lrs, kind


def test_scheduler_follows_the_chosen_factor_on_every_step():
    factor, kind = choose_factor()
    lrs, run_kind = run_scheduler(20, 4)
    assert run_kind == kind
    assert lrs == pytest.approx([0.1 * factor(s, 4, 20) for s in range(20)])


def test_fallback_is_a_constant_lr_and_says_so(monkeypatch):
    def not_written(step, warmup_steps, total_steps):
        raise NotImplementedError("not written")

    monkeypatch.setattr(schedule_module, "linear_warmup_decay_factor", not_written)
    lrs, kind = run_scheduler(10, 2)
    assert kind.startswith("fallback") and lrs == [0.1] * 10


def test_warmup_steps_for():
    assert warmup_steps_for(100, 0.1) == 10
    assert warmup_steps_for(95, 0.1) == 10
    assert warmup_steps_for(100, 0.0) == 0
    assert warmup_steps_for(152, 0.1) == math.ceil(15.2)
