"""A launcher for machines where ``torchrun`` is not an option: ``torch.multiprocessing.spawn``.

It does what torchrun does for a single machine: pick MASTER_ADDR/MASTER_PORT, start N
processes, and give each one RANK, LOCAL_RANK, WORLD_SIZE and LOCAL_WORLD_SIZE. The training
code cannot tell the difference.
"""
import argparse
import os

import torch.multiprocessing as mp

from .dist_utils import find_free_port


def _worker(local_rank: int, world_size: int, args: argparse.Namespace) -> None:
    # Runs in a fresh process (start method "spawn"): the parent's environment is inherited.
    os.environ.update({
        "RANK": str(local_rank),  # one machine, so global rank == local rank
        "LOCAL_RANK": str(local_rank),
        "WORLD_SIZE": str(world_size),
        "LOCAL_WORLD_SIZE": str(world_size),
    })
    from .trainer import run

    run(args)


def spawn(nprocs: int, args: argparse.Namespace) -> None:
    if nprocs < 1:
        raise ValueError("--spawn needs at least 1 process")
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(find_free_port())  # a free port, so parallel runs do not collide
    os.environ["DDP_LAUNCHER"] = "spawn"
    # join=True waits for all ranks and re-raises the first exception of any of them.
    mp.spawn(_worker, args=(nprocs, args), nprocs=nprocs, join=True)
