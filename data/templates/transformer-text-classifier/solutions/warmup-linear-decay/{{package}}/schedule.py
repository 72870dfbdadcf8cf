"""Learning-rate schedule for fine-tuning: linear warm-up, then linear decay to zero.

Fine-tuning a pre-trained transformer with its full learning rate from step 0 can wreck the
pre-trained weights while the new, randomly initialised head still produces large gradients.
Warm-up ramps the learning rate from 0 to its peak over the first steps; decay then brings it
down towards 0. The curve is the one Hugging Face's ``get_linear_schedule_with_warmup`` gives,
so the offline run and the BERT run follow the same schedule.

``step`` counts optimizer steps from 0, and the optimizer takes steps 0 .. total - 1. The first
step runs at lr 0, and the LAST step (total - 1) does not: the factor reaches 0 only at step
``total``, the value the scheduler holds after training. (A last step at lr 0 would change
nothing; it would be a wasted batch.)
"""
import math
from typing import Callable, Tuple

from torch.optim import Optimizer
from torch.optim.lr_scheduler import LambdaLR

FALLBACK_KIND = "fallback: constant lr, no warm-up and no decay (linear_warmup_decay_factor not written yet)"


def linear_warmup_decay_factor(step: int, warmup_steps: int, total_steps: int) -> float:
    """Multiplier of the peak learning rate at optimizer step ``step`` (0-based).

    - ``total_steps <= 0`` is an error (ValueError).
    - During warm-up (``step < warmup_steps``) the factor rises linearly, from 0 at step 0 to
      1 at step ``warmup_steps``.
    - From ``warmup_steps`` on it falls linearly from 1 to 0 at ``total_steps``, and stays at 0
      after it (never below 0).
    - ``warmup_steps == 0`` starts at the peak.
    """
    if total_steps <= 0:
        raise ValueError("total_steps must be positive")
    if warmup_steps > 0 and step < warmup_steps:
        return step / warmup_steps  # 0 on the first step, rising linearly
    # 1 at the end of warm-up, 0 at step total_steps (after the last step), never negative
    return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))


def constant_factor(step: int, warmup_steps: int, total_steps: int) -> float:
    """The fallback: the peak learning rate on every step."""
    return 1.0


def choose_factor() -> Tuple[Callable[[int, int, int], float], str]:
    """(factor function, kind for metrics.json): the linear schedule once it is written."""
    try:
        linear_warmup_decay_factor(0, 1, 2)
    except NotImplementedError:
        return constant_factor, FALLBACK_KIND
    return linear_warmup_decay_factor, "linear_warmup_decay"


def linear_warmup_decay(optimizer: Optimizer, warmup_steps: int, total_steps: int) -> Tuple[LambdaLR, str]:
    """(scheduler, kind). Call ``scheduler.step()`` once after every ``optimizer.step()``."""
    factor, kind = choose_factor()
    return LambdaLR(optimizer, lambda step: factor(step, warmup_steps, total_steps)), kind


def warmup_steps_for(total_steps: int, warmup_ratio: float) -> int:
    return int(math.ceil(total_steps * warmup_ratio))
