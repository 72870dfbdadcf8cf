"""Distributed data-parallel training on synthetic data.

    torchrun --nproc_per_node=2 -m {{package}}.train            # what you run on a real machine
    torchrun --nproc_per_node=4 -m {{package}}.train --accum-steps 2
    python -m {{package}}.train --spawn 2                       # same, without torchrun
    python -m {{package}}.train --smoke --spawn 2               # small and fast, CPU is fine
    python -m {{package}}.train --spawn 2 --resume              # continue from checkpoints/last.pt
    python -m {{package}}.train --spawn 4 --global-batch 512    # accumulation set to keep the global batch

Writes outputs/metrics.json (rank 0) and checkpoints/last.pt (rank 0, every epoch).
"""
import argparse
import json
import os
from typing import List, Optional

REAL = {"epochs": 10, "train_samples": 200_000, "val_samples": 20_000, "dim": 64, "hidden": 512, "depth": 4,
        "batch_size": 64}
SMOKE = {"epochs": 2, "train_samples": 4096, "val_samples": 1024, "dim": 32, "hidden": 64, "depth": 3,
         "batch_size": 32, "accum_steps": 2}


def accum_steps_for(global_batch: int, per_rank_batch: int, world_size: int) -> int:
    """How many micro-batches each rank accumulates per optimizer step so that
    per_rank_batch x world_size x steps == global_batch.

    When you double the ranks, this halves: the optimisation stays the same. Raise ValueError
    (with a message that says what to change) when no whole number of steps gives exactly
    ``global_batch``, or when any argument is not a positive integer.
    """
    if min(global_batch, per_rank_batch, world_size) < 1:
        raise ValueError("every argument must be a positive integer")
    if global_batch % per_rank_batch:
        raise ValueError(f"{global_batch} is not a multiple of {per_rank_batch}")
    return global_batch // per_rank_batch


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="DDP training on synthetic data (torchrun or --spawn N).")
    p.add_argument("--spawn", type=int, default=0, metavar="N",
                   help="start N local processes with torch.multiprocessing.spawn instead of torchrun")
    p.add_argument("--smoke", action="store_true", help="small data and model, 2 epochs, seconds on CPU")
    p.add_argument("--epochs", type=int, default=None)
    p.add_argument("--train-samples", type=int, default=None)
    p.add_argument("--val-samples", type=int, default=None)
    p.add_argument("--dim", type=int, default=None)
    p.add_argument("--num-classes", type=int, default=4)
    p.add_argument("--hidden", type=int, default=None)
    p.add_argument("--depth", type=int, default=None)
    p.add_argument("--batch-size", type=int, default=None, help="per rank, per micro-batch")
    p.add_argument("--accum-steps", type=int, default=None, help="micro-batches per optimizer step")
    p.add_argument("--global-batch", type=int, default=None, metavar="B",
                   help="keep this global batch whatever the number of ranks: sets --accum-steps from "
                        "the per-rank batch and the world size (exercise keep-global-batch)")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--grad-clip", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--backend", choices=["gloo", "nccl"], default=None, help="default: nccl on GPU, gloo on CPU")
    p.add_argument("--cpu", action="store_true", help="train on CPU (gloo) even if GPUs are present")
    p.add_argument("--no-amp", action="store_true", help="turn off mixed precision on GPU")
    p.add_argument("--threads", type=int, default=None,
                   help="CPU threads per rank (default: cores / ranks on this machine; 1 with --smoke)")
    p.add_argument("--resume", action="store_true", help="continue from <checkpoint-dir>/last.pt if it exists")
    p.add_argument("--checkpoint-dir", default="checkpoints")
    p.add_argument("--output-dir", default="outputs")
    args = p.parse_args(argv)
    if args.global_batch is not None and args.accum_steps is not None:
        p.error("--global-batch sets --accum-steps: give one of them")
    for key, value in (SMOKE if args.smoke else REAL).items():
        if key == "accum_steps" and args.global_batch is not None:
            continue
        if getattr(args, key, None) is None:
            setattr(args, key, value)
    if args.global_batch is not None:
        world_size = args.spawn or int(os.environ.get("WORLD_SIZE", "1"))
        try:
            args.accum_steps = accum_steps_for(args.global_batch, args.batch_size, world_size)
        except NotImplementedError:
            p.error("--global-batch needs the keep-global-batch exercise: write accum_steps_for in train.py")
        except ValueError as e:
            p.error(str(e))
    if args.accum_steps is None:
        args.accum_steps = 1
    if args.accum_steps < 1:
        p.error("--accum-steps must be >= 1")
    # Relative paths are resolved once, here, so every rank writes to the same place.
    args.checkpoint_dir = os.path.abspath(args.checkpoint_dir)
    args.output_dir = os.path.abspath(args.output_dir)
    return args


def main(argv: Optional[List[str]] = None) -> Optional[dict]:
    args = parse_args(argv)
    if args.spawn:
        from .launch import spawn

        spawn(args.spawn, args)
        with open(os.path.join(args.output_dir, "metrics.json")) as f:
            return json.load(f)
    from .trainer import run  # torchrun (one call per process) or a single plain process

    return run(args)


if __name__ == "__main__":
    main()
