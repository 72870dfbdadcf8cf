"""Checkpoints: written by rank 0 only; on resume, read by rank 0 and broadcast to every rank.

Reading on rank 0 alone matters on a multi-node job without shared storage: every other rank
may run on a machine that has no checkpoint (or an older one) on its own disk. Had each rank
read its own file, the ranks would start at different epochs, and the first collective where
they disagree would hang the job.
"""
import os
from typing import Any, Dict, Optional

import torch
import torch.distributed as dist


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


def restore_from_rank0(path: str, model: torch.nn.Module, optimizer: Optional[torch.optim.Optimizer] = None,
                       scaler=None, device: Any = "cpu") -> Optional[Dict[str, Any]]:
    """Rank 0 reads ``path`` (if it exists) and broadcasts the state; every rank loads it.

    Returns the state on every rank, or None on every rank when rank 0 has no checkpoint. Every
    rank must call this (it is a collective). Optimizer and GradScaler state go along too: the
    ranks' optimizers must stay identical, or their replicas drift apart.
    """
    payload = [None]
    if dist.get_rank() == 0 and os.path.exists(path):
        payload[0] = torch.load(path, map_location="cpu")
    dist.broadcast_object_list(payload, src=0)
    state = payload[0]
    if state is None:
        return None
    model.load_state_dict(state["model"])
    if optimizer is not None:
        optimizer.load_state_dict(state["optimizer"])  # moves the moments to the parameters' device
    if scaler is not None and state.get("scaler"):
        scaler.load_state_dict(state["scaler"])
    return state
