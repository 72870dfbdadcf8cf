"""Training-loop building blocks: device choice, seeding, one step, one epoch, evaluation, checkpoints."""
import os
import random
from typing import Any, Dict, NamedTuple, Optional, Tuple

import torch
from torch import nn
from torch.utils.data import DataLoader

FALLBACK_TRAINING = "fallback: forward pass only, no weight updates (train_step not written yet)"


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


def seed_epoch(seed: int, epoch: int, loader: Optional[DataLoader] = None) -> None:
    """Make everything random in epoch ``epoch`` a function of ``(seed, epoch)`` alone.

    Called at the start of every epoch. It reseeds the training loader's generator (shuffle
    order, and the seeds of the loader's worker processes) and the global RNGs (augmentation
    in the main process, dropout). So a run resumed at epoch ``k`` sees exactly the batches and
    augmentations that a run going straight through sees at epoch ``k``, instead of replaying
    epoch 1's.
    """
    epoch_seed = seed * 100_003 + epoch
    set_seed(epoch_seed)
    generator = getattr(loader, "generator", None)
    if generator is not None:
        generator.manual_seed(epoch_seed)


def train_step(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
) -> Tuple[float, int]:
    """One optimisation step on one batch. Returns ``(loss, number of correct predictions)``.

    Clear the gradients left over from the previous step, run the forward pass to get logits,
    compute the loss, backpropagate it and let the optimizer update the weights. The returned
    loss (a Python float) and correct count are those of the forward pass *before* the update.
    The caller has already put the model in training mode and moved the batch to its device.
    """
    optimizer.zero_grad()
    logits = model(images)
    loss = criterion(logits, labels)
    loss.backward()
    return loss.item(), int((logits.argmax(dim=1) == labels).sum().item())


class EpochResult(NamedTuple):
    loss: float
    accuracy: float
    mode: str  # "train_step", or the fallback that ran instead


def _forward_only(model: nn.Module, images: torch.Tensor, labels: torch.Tensor, criterion: nn.Module) -> Tuple[float, int]:
    with torch.no_grad():
        logits = model(images)
        loss = criterion(logits, labels)
    return loss.item(), int((logits.argmax(dim=1) == labels).sum().item())


def train_one_epoch(
    model: nn.Module,
    loader: DataLoader,
    optimizer: torch.optim.Optimizer,
    criterion: nn.Module,
    device: torch.device,
) -> EpochResult:
    """One pass over ``loader`` with ``train_step`` on every batch: mean loss and accuracy.

    While ``train_step`` is a stub, the epoch still runs, forward only: the weights never
    change, the loss does not go down and ``mode`` says so.
    """
    model.train()  # dropout on, batch norm uses batch statistics
    total_loss, correct, seen = 0.0, 0, 0
    mode = "train_step"
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        if mode == "train_step":
            try:
                loss, n_correct = train_step(model, images, labels, optimizer, criterion)
            except NotImplementedError:
                mode = FALLBACK_TRAINING
        if mode != "train_step":
            loss, n_correct = _forward_only(model, images, labels, criterion)
        total_loss += float(loss) * labels.size(0)
        correct += int(n_correct)
        seen += labels.size(0)
    return EpochResult(total_loss / max(seen, 1), correct / max(seen, 1), mode)


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
