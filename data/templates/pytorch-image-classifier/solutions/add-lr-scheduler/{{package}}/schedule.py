"""Learning-rate schedule: linear warmup, then cosine decay (step 3 of the practice project).

The training loop sets ``lr = base_lr * lr_factor(epoch, epochs, warmup_epochs)`` at the start of
every epoch. Because the factor is a pure function of the epoch number, a resumed run gets
exactly the learning rate a straight-through run would have had.
"""
import math
from typing import Tuple


def lr_factor(epoch: int, epochs: int, warmup_epochs: int, min_factor: float = 0.0) -> float:
    """The multiplier of the base learning rate for (1-based) ``epoch`` out of ``epochs``.

    - Warmup, epochs ``1 .. warmup_epochs``: the factor rises linearly, in equal steps, and the
      last warmup epoch trains at the full rate (factor 1); the first one is above 0, so no epoch
      is wasted.
    - Decay, the remaining ``epochs - warmup_epochs`` epochs: half a cosine period, starting at 1
      on the first epoch after warmup and falling towards ``min_factor``, which it would reach
      one epoch after the last: the last epoch still trains, just above ``min_factor``.
    - ``warmup_epochs == 0``: no warmup, the first epoch trains at the full rate.
    - ``ValueError`` for an epoch outside ``1 .. epochs``.
    """
    if not 1 <= epoch <= epochs:
        raise ValueError(f"epoch must be in 1..{epochs}, got {epoch}")
    if epoch <= warmup_epochs:
        return epoch / warmup_epochs
    n = epochs - warmup_epochs
    t = epoch - warmup_epochs - 1
    return min_factor + (1.0 - min_factor) * 0.5 * (1.0 + math.cos(math.pi * t / n))


FALLBACK_SCHEDULE = "fallback: constant learning rate (lr_factor not written yet)"


def epoch_lr(base_lr: float, epoch: int, epochs: int, warmup_epochs: int) -> Tuple[float, str]:
    """``(learning rate for this epoch, schedule description)``; constant while ``lr_factor`` is a stub."""
    try:
        factor = lr_factor(epoch, epochs, warmup_epochs)
    except NotImplementedError:
        return base_lr, FALLBACK_SCHEDULE
    return base_lr * float(factor), f"linear warmup ({warmup_epochs} epochs) then cosine decay"
