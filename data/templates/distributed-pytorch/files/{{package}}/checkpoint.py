"""Checkpoints: written by rank 0 only, read by every rank on resume."""
import os
from typing import Any, Dict, Optional

import torch


def save_checkpoint(path: str, model: torch.nn.Module, optimizer: torch.optim.Optimizer, scaler, epoch: int,
                    **extra: Any) -> None:
    """``model`` is the bare module (``ddp.module``), so the weights load without DDP too."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "scaler": scaler.state_dict(),
             "epoch": epoch}
    state.update(extra)
    tmp = path + ".tmp"
    torch.save(state, tmp)
    os.replace(tmp, path)  # atomic: a crash mid-save never leaves a truncated checkpoint


def load_checkpoint(path: str, model: torch.nn.Module, optimizer: Optional[torch.optim.Optimizer] = None,
                    scaler=None, map_location: Any = "cpu") -> Dict[str, Any]:
    state = torch.load(path, map_location=map_location)
    model.load_state_dict(state["model"])
    if optimizer is not None:
        optimizer.load_state_dict(state["optimizer"])
    if scaler is not None and state.get("scaler"):
        # An empty scaler state comes from a CPU run (AMP off); a disabled scaler ignores any state.
        scaler.load_state_dict(state["scaler"])
    return state
