"""Learning-rate schedule for fine-tuning: linear warm-up, then linear decay to zero.

Fine-tuning a pre-trained transformer with its full learning rate from step 0 can wreck the
pre-trained weights while the new, randomly initialised head still produces large gradients.
Warm-up ramps the learning rate from 0 to its peak over the first steps; decay then brings it
down to 0 by the last step.

    lr(step) = peak * step / warmup                               for step < warmup
    lr(step) = peak * (total - step) / (total - warmup)           afterwards (never below 0)
"""
import math

from torch.optim import Optimizer
from torch.optim.lr_scheduler import LambdaLR


def linear_warmup_decay_factor(step: int, warmup_steps: int, total_steps: int) -> float:
    """Multiplier of the peak learning rate at optimizer step ``step`` (0-based)."""
    if total_steps <= 0:
        raise ValueError("total_steps must be positive")
    if warmup_steps > 0 and step < warmup_steps:
        return step / warmup_steps
    return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))


def linear_warmup_decay(optimizer: Optimizer, warmup_steps: int, total_steps: int) -> LambdaLR:
    """Call ``scheduler.step()`` once after every ``optimizer.step()``."""
    return LambdaLR(optimizer, lambda step: linear_warmup_decay_factor(step, warmup_steps, total_steps))


def warmup_steps_for(total_steps: int, warmup_ratio: float) -> int:
    return int(math.ceil(total_steps * warmup_ratio))
