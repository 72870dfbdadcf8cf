"""The per-process training function. Every rank runs ``run(args)``; torchrun or the spawn
launcher decides how many ranks there are through environment variables.

What happens on each rank:
  1. join the process group (gloo on CPU, nccl on GPU);
  2. build the same model (same seed), optionally restore a checkpoint, wrap it in DDP, which
     broadcasts rank 0's weights so every replica starts identical;
  3. read only its shard of the data (DistributedSampler, reshuffled each epoch by set_epoch);
  4. accumulate gradients over several micro-batches, skipping DDP's gradient all-reduce
     (``no_sync``) on all but the last one, then take one optimizer step;
  5. use mixed precision (autocast + GradScaler) on GPUs;
  6. rank 0 saves checkpoints and writes outputs/metrics.json; on --resume rank 0 reads the
     checkpoint and broadcasts it to the other ranks.

Exercises (see the README): ``train_one_epoch`` (accumulate-gradients), ``make_train_loader``
(shard-training-data), ``params_in_sync`` in dist_utils.py (check-replicas-in-sync) and
``accum_steps_for`` in train.py (keep-global-batch). Until you write them, the run uses a
simple fallback and metrics.json says so.
"""
import argparse
import contextlib
import json
import math
import os
import time
from typing import Dict, Optional, Tuple

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, Subset
from torch.utils.data.distributed import DistributedSampler

from .checkpoint import restore_from_rank0, save_checkpoint
from .data import make_splits
from .dist_utils import (
    DistEnv,
    all_reduce_sum,
    cleanup,
    default_backend,
    init_distributed,
    launched_by_torchrun,
    params_in_sync,
    pick_device,
    read_env,
)
from .model import MLP
from .plots import plot_learning_curves


def make_grad_scaler(enabled: bool):
    """GradScaler for float16 training on CUDA. ``torch.amp.GradScaler("cuda")`` is the current
    spelling (torch >= 2.3); older releases only have ``torch.cuda.amp.GradScaler``."""
    amp = getattr(torch, "amp", None)
    if amp is not None and hasattr(amp, "GradScaler"):
        return amp.GradScaler("cuda", enabled=enabled)
    return torch.cuda.amp.GradScaler(enabled=enabled)


def autocast(enabled: bool):
    """float16 autocast on CUDA (the same as ``torch.cuda.amp.autocast``); a no-op when disabled."""
    return torch.autocast(device_type="cuda", dtype=torch.float16, enabled=enabled)


def train_one_epoch(
    ddp_model: nn.Module,
    loader,
    optimizer: torch.optim.Optimizer,
    scaler,
    criterion: nn.Module,
    device: torch.device,
    accum_steps: int = 1,
    use_amp: bool = False,
    grad_clip: float = 0.0,
) -> Tuple[float, int, int]:
    """One epoch with gradient accumulation. Returns (sum of per-sample losses, samples, optimizer steps).

    Micro-batches are grouped ``accum_steps`` at a time (the last group may be shorter). Inside a
    group, every backward pass but the last must run under ``ddp_model.no_sync()`` so gradients
    only accumulate locally; the last backward of the group all-reduces the accumulated gradients
    across ranks, then the optimizer steps once (through ``scaler``, clipping unscaled gradients
    to ``grad_clip`` when it is > 0). Divide each micro-batch's (mean) loss by its group's size,
    so that the step uses the mean of the micro-batches' gradients. When the micro-batches of a
    group have equal sizes, that is exactly the gradient of one big batch of all their samples;
    a short last micro-batch (the end of the epoch) counts as much as a full one.
    """
    ddp_model.train()
    n_micro = len(loader)
    loss_sum, seen, steps = 0.0, 0, 0
    optimizer.zero_grad(set_to_none=True)
    for i, (x, y) in enumerate(loader):
        is_last = (i + 1) % accum_steps == 0
        with (contextlib.nullcontext() if is_last else ddp_model.no_sync()):
            loss = criterion(ddp_model(x), y)
            scaler.scale(loss / accum_steps).backward()
        if is_last:
            scaler.step(optimizer)
            scaler.update()
            optimizer.zero_grad(set_to_none=True)
            steps += 1
        loss_sum += loss.item() * y.size(0)
        seen += y.size(0)
    optimizer.zero_grad(set_to_none=True)
    return loss_sum, seen, steps


def train_one_epoch_without_accumulation(
    ddp_model: nn.Module,
    loader,
    optimizer: torch.optim.Optimizer,
    scaler,
    criterion: nn.Module,
    device: torch.device,
    use_amp: bool = False,
    grad_clip: float = 0.0,
) -> Tuple[float, int, int]:
    """The fallback while ``train_one_epoch`` is a stub: one optimizer step (and one gradient
    all-reduce) per micro-batch, so the global batch is per-rank batch x ranks, whatever
    ``--accum-steps`` says. metrics.json reports ``"accumulation": "fallback: ..."``."""
    ddp_model.train()
    loss_sum, seen, steps = 0.0, 0, 0
    for x, y in loader:
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        optimizer.zero_grad(set_to_none=True)
        with autocast(use_amp):
            loss = criterion(ddp_model(x), y)
        scaler.scale(loss).backward()
        if grad_clip > 0:
            scaler.unscale_(optimizer)
            nn.utils.clip_grad_norm_(ddp_model.parameters(), grad_clip)
        scaler.step(optimizer)
        scaler.update()
        steps += 1
        loss_sum += loss.item() * y.size(0)
        seen += y.size(0)
    return loss_sum, seen, steps


def make_train_loader(dataset, rank: int, world_size: int, batch_size: int, seed: int,
                      pin_memory: bool = False) -> Tuple[DataLoader, DistributedSampler]:
    """This rank's training loader and its sampler.

    Use a ``DistributedSampler`` so that each of the ``world_size`` ranks reads a disjoint
    1/world_size of ``dataset``, reshuffled by ``seed`` and the epoch (the training loop calls
    ``sampler.set_epoch``). Keep ``drop_last=False``: the sampler then pads the shards to equal
    length, so every rank takes the same number of steps (a rank with one step fewer would leave
    the others waiting in all-reduce forever).
    """
    # TODO(milestone: shard-training-data)
    raise NotImplementedError("Give each rank its own shard of the data")


@torch.no_grad()
def evaluate(model: nn.Module, loader, criterion: nn.Module, device: torch.device, use_amp: bool) -> Tuple[float, int, int]:
    """(sum of losses, correct, samples) on this rank's part of the validation set."""
    model.eval()
    loss_sum, correct, seen = 0.0, 0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        with autocast(use_amp):
            logits = model(x)
        loss_sum += criterion(logits.float(), y).item() * y.size(0)
        correct += (logits.argmax(dim=1) == y).sum().item()
        seen += y.size(0)
    return loss_sum, correct, seen


def log(env: DistEnv, message: str) -> None:
    if env.is_main:
        print(message, flush=True)


def run(args: argparse.Namespace) -> Optional[Dict[str, object]]:
    """Train on this rank. Returns the metrics on rank 0, None elsewhere."""
    env = read_env()
    device = pick_device(env, force_cpu=args.cpu)
    backend = args.backend or default_backend(device)
    if device.type == "cpu":
        # Share the cores between the ranks on this machine instead of oversubscribing them.
        # (The smoke model is so small that one thread per rank is fastest.)
        default_threads = 1 if args.smoke else max(1, (os.cpu_count() or 1) // env.local_world_size)
        torch.set_num_threads(args.threads or default_threads)
    init_distributed(env, backend)
    try:
        return _train(args, env, device, backend)
    finally:
        cleanup()


def _train(args: argparse.Namespace, env: DistEnv, device: torch.device, backend: str) -> Optional[Dict[str, object]]:
    use_amp = device.type == "cuda" and not args.no_amp
    launcher = "torchrun" if launched_by_torchrun() else os.environ.get("DDP_LAUNCHER", "single")
    log(env, f"world size {env.world_size}  backend {backend}  device {device.type}  amp {use_amp}  "
             f"launcher {launcher}")

    # Same seed on every rank: same synthetic data and same initial weights.
    torch.manual_seed(args.seed)
    train_ds, val_ds = make_splits(args.train_samples, args.val_samples, args.dim, args.num_classes, args.seed)

    # Each rank sees a different 1/world_size of the training set. With drop_last=False the
    # sampler pads by repeating a few samples so that every rank runs the same number of
    # steps: a rank with one step fewer would leave the others waiting in all-reduce forever.
    try:
        train_loader, sampler = make_train_loader(train_ds, env.rank, env.world_size, args.batch_size, args.seed,
                                                  pin_memory=device.type == "cuda")
        sharding = "DistributedSampler"
    except NotImplementedError:
        # Fallback while the shard-training-data exercise is a stub: every rank reads the whole
        # training set, so each epoch does world_size times the work for the same data.
        sampler = None
        fallback_gen = torch.Generator()
        train_loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, generator=fallback_gen)
        sharding = "fallback: every rank reads the whole training set (exercise shard-training-data)"
        log(env, f"note: {sharding}")
    # Validation: rank r takes samples r, r+W, r+2W, ... (no padding, so no sample counts twice).
    val_shard = Subset(val_ds, list(range(env.rank, len(val_ds), env.world_size)))
    val_loader = DataLoader(val_shard, batch_size=args.batch_size * 4)

    model = MLP(args.dim, args.hidden, args.num_classes, depth=args.depth).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    scaler = make_grad_scaler(enabled=use_amp)
    criterion = nn.CrossEntropyLoss()

    ckpt_path = os.path.join(args.checkpoint_dir, "last.pt")
    start_epoch, history = 0, []
    if args.resume:
        # Rank 0 reads the checkpoint and broadcasts it: the other ranks may run on machines that
        # cannot see rank 0's disk, and must never start from a different epoch (they would hang).
        state = restore_from_rank0(ckpt_path, model, optimizer, scaler, device)
        if state is not None:
            start_epoch, history = int(state["epoch"]), list(state.get("history", []))
            log(env, f"resumed from {ckpt_path} after epoch {start_epoch}")
        else:
            log(env, f"--resume: no {ckpt_path} yet, starting from scratch")

    # DDP broadcasts rank 0's parameters and buffers here, and from now on averages gradients
    # across ranks during backward().
    ddp_model = DDP(model, device_ids=[device.index] if device.type == "cuda" else None)

    accum_steps, accumulation = args.accum_steps, "no_sync"
    total_steps, total_samples, train_seconds = 0, 0, 0.0
    for epoch in range(start_epoch, args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)  # without this every epoch would see the same order
        else:
            fallback_gen.manual_seed(args.seed + epoch)  # per-epoch order, the same after a resume
        t0 = time.time()
        try:
            loss_sum, seen, steps = train_one_epoch(ddp_model, train_loader, optimizer, scaler, criterion, device,
                                                    accum_steps, use_amp, args.grad_clip)
        except NotImplementedError:
            accum_steps, accumulation = 1, "fallback: one optimizer step per micro-batch (exercise accumulate-gradients)"
            log(env, f"note: {accumulation}")
            loss_sum, seen, steps = train_one_epoch_without_accumulation(ddp_model, train_loader, optimizer, scaler,
                                                                         criterion, device, use_amp, args.grad_clip)
        train_seconds += time.time() - t0
        total_steps += steps
        g_loss, g_seen = all_reduce_sum([loss_sum, seen], device).tolist()
        v_loss, v_correct, v_seen = all_reduce_sum(list(evaluate(model, val_loader, criterion, device, use_amp)),
                                                   device).tolist()
        total_samples += int(g_seen)
        row = {"epoch": epoch + 1, "train_loss": round(g_loss / g_seen, 4), "val_loss": round(v_loss / v_seen, 4),
               "val_accuracy": round(v_correct / v_seen, 4), "optimizer_steps": steps,
               "seconds": round(time.time() - t0, 3)}
        history.append(row)
        log(env, f"epoch {epoch + 1}/{args.epochs}  train loss {row['train_loss']:.4f}  "
                 f"val loss {row['val_loss']:.4f}  val acc {row['val_accuracy']:.3f}  ({row['seconds']}s)")
        if env.is_main:
            save_checkpoint(ckpt_path, model, optimizer, scaler, epoch + 1, history=history,
                            world_size=env.world_size)
        dist.barrier()  # nobody moves on (or exits) before the checkpoint is complete

    global_batch = args.batch_size * env.world_size * accum_steps
    log(env, f"per-rank batch {args.batch_size} x {env.world_size} ranks x {accum_steps} accumulation "
             f"steps = global batch {global_batch}")
    try:
        in_sync: Optional[bool] = params_in_sync(model)
    except NotImplementedError:
        in_sync = None  # exercise check-replicas-in-sync: not checked yet
    if not env.is_main:
        return None
    metrics: Dict[str, object] = {
        "smoke": 1 if args.smoke else 0,
        # This starter trains on generated data and a randomly initialised model, also in the full run.
        "data_source": "synthetic",
        "model_source": "random-init",
        "sharding": sharding,
        "accumulation": accumulation,
        "requested_accum_steps": args.accum_steps,
        "launcher": launcher,
        "torchrun": 1 if launcher == "torchrun" else 0,
        "world_size": env.world_size,
        "backend": backend,
        "device": device.type,
        "amp": 1 if use_amp else 0,
        "per_rank_batch_size": args.batch_size,
        "accum_steps": accum_steps,
        "global_batch_size": global_batch,
        "epochs_completed": history[-1]["epoch"] if history else 0,
        "resumed_from_epoch": start_epoch,
        "optimizer_steps": total_steps,
        "samples_per_second": round(total_samples / train_seconds, 1) if train_seconds > 0 else 0.0,
        "ranks_in_sync": None if in_sync is None else (1 if in_sync else 0),
        "final": {k: history[-1][k] for k in ("train_loss", "val_loss", "val_accuracy")} if history else {},
        "history": history,
        "config": vars(args),
    }
    os.makedirs(args.output_dir, exist_ok=True)
    metrics["plots"] = plot_learning_curves(history, os.path.join(args.output_dir, "plots"))
    with open(os.path.join(args.output_dir, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    log(env, f"ranks in sync: {'not checked' if in_sync is None else bool(in_sync)}  throughput {metrics['samples_per_second']} samples/s  "
             f"-> {os.path.join(args.output_dir, 'metrics.json')}")
    return metrics


def steps_per_epoch(n_samples: int, world_size: int, batch_size: int, accum_steps: int) -> int:
    """Optimizer steps each rank takes per epoch (the sampler pads every shard to the same size)."""
    per_rank = math.ceil(n_samples / world_size)
    micro = math.ceil(per_rank / batch_size)
    return math.ceil(micro / accum_steps)

