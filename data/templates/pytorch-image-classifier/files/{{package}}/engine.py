"""Training-loop building blocks: device choice, seeding, one epoch, evaluation, checkpoints."""
import os
import random
from typing import Any, Dict, Optional, Tuple

import torch
from torch import nn
from torch.utils.data import DataLoader


def get_device(preference: str = "auto") -> torch.device:
    """``auto`` picks CUDA, then Apple's MPS, then the CPU."""
    if preference != "auto":
        return torch.device(preference)
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def set_seed(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)


def train_one_epoch(
    model: nn.Module,
    loader: DataLoader,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    device: torch.device,
) -> Tuple[float, float]:
    """One pass over ``loader``. Returns (mean loss, accuracy) over the epoch."""
    model.train()  # dropout on, batch norm uses batch statistics
    total_loss, correct, seen = 0.0, 0, 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        optimizer.zero_grad()
        logits = model(images)  # forward pass
        loss = criterion(logits, labels)  # cross-entropy on raw logits
        loss.backward()  # backward pass: fills .grad
        optimizer.step()  # Adam update
        total_loss += loss.item() * labels.size(0)
        correct += (logits.argmax(dim=1) == labels).sum().item()
        seen += labels.size(0)
    return total_loss / max(seen, 1), correct / max(seen, 1)


@torch.no_grad()
def evaluate(
    model: nn.Module, loader: DataLoader, criterion: nn.Module, device: torch.device
) -> Tuple[float, float, torch.Tensor, torch.Tensor]:
    """Returns (mean loss, accuracy, predictions, targets) without touching the weights."""
    model.eval()  # dropout off, batch norm uses running statistics
    total_loss, seen = 0.0, 0
    all_preds, all_targets = [], []
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        logits = model(images)
        total_loss += criterion(logits, labels).item() * labels.size(0)
        seen += labels.size(0)
        all_preds.append(logits.argmax(dim=1).cpu())
        all_targets.append(labels.cpu())
    preds = torch.cat(all_preds) if all_preds else torch.empty(0, dtype=torch.long)
    targets = torch.cat(all_targets) if all_targets else torch.empty(0, dtype=torch.long)
    accuracy = (preds == targets).float().mean().item() if seen else 0.0
    return total_loss / max(seen, 1), accuracy, preds, targets


def save_checkpoint(path: str, model: nn.Module, optimizer: torch.optim.Optimizer, epoch: int, **extra: Any) -> None:
    """Everything needed to continue training: weights, optimizer moments, epoch, anything extra."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}
    state.update(extra)
    tmp = path + ".tmp"
    torch.save(state, tmp)
    os.replace(tmp, path)  # atomic: an interrupted save never leaves a half-written checkpoint


def load_checkpoint(
    path: str,
    model: nn.Module,
    optimizer: Optional[torch.optim.Optimizer] = None,
    device: Optional[torch.device] = None,
) -> Dict[str, Any]:
    state = torch.load(path, map_location=device or "cpu")
    model.load_state_dict(state["model"])
    if optimizer is not None and "optimizer" in state:
        optimizer.load_state_dict(state["optimizer"])
    return state
