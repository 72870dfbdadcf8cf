"""Process-group helpers: read the launcher's environment, pick backend and device, free ports.

Every launcher (torchrun, torch.multiprocessing.spawn, a cluster scheduler) ends up giving each
process the same four facts through environment variables:

    RANK         this process's global index, 0 .. WORLD_SIZE-1
    WORLD_SIZE   how many processes train together
    LOCAL_RANK   index on this machine: which GPU this process drives
    MASTER_ADDR / MASTER_PORT   where rank 0 listens so the processes can find each other
"""
import os
import socket
from dataclasses import dataclass

import torch
import torch.distributed as dist


@dataclass
class DistEnv:
    rank: int
    local_rank: int
    world_size: int
    local_world_size: int

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def read_env() -> DistEnv:
    """The launcher's variables; a plain ``python -m ...`` run is a world of one."""
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    return DistEnv(
        rank=int(os.environ.get("RANK", "0")),
        local_rank=int(os.environ.get("LOCAL_RANK", "0")),
        world_size=world_size,
        local_world_size=int(os.environ.get("LOCAL_WORLD_SIZE", str(world_size))),
    )


def launched_by_torchrun() -> bool:
    return "TORCHELASTIC_RUN_ID" in os.environ


def find_free_port() -> int:
    """Ask the OS for an unused TCP port (bind to port 0), for MASTER_PORT."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pick_device(env: DistEnv, force_cpu: bool = False) -> torch.device:
    """One GPU per process (cuda:LOCAL_RANK) when there are GPUs, else the CPU."""
    if not force_cpu and torch.cuda.is_available():
        torch.cuda.set_device(env.local_rank)
        return torch.device("cuda", env.local_rank)
    return torch.device("cpu")


def default_backend(device: torch.device) -> str:
    """NCCL for GPUs (fast GPU-to-GPU collectives), Gloo for CPUs."""
    return "nccl" if device.type == "cuda" else "gloo"


def init_distributed(env: DistEnv, backend: str) -> None:
    if env.world_size == 1:
        # A single process still gets a real (one-member) group, so the code path is the same.
        os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
        os.environ.setdefault("MASTER_PORT", str(find_free_port()))
    dist.init_process_group(backend=backend, init_method="env://", rank=env.rank, world_size=env.world_size)


def cleanup() -> None:
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


def all_reduce_sum(values, device: torch.device) -> torch.Tensor:
    """Sum a list of numbers over all ranks (every rank must call this, in the same order)."""
    t = torch.tensor(values, dtype=torch.float64, device=device)
    dist.all_reduce(t, op=dist.ReduceOp.SUM)
    return t.cpu()


def params_in_sync(model: torch.nn.Module, atol: float = 1e-6) -> bool:
    """True when every rank holds the same weights (to ``atol``): what DDP is supposed to guarantee.

    Every rank calls this, and every rank must get the same answer: False on every rank as soon
    as any single weight differs by more than ``atol`` between any two ranks, whichever ranks
    and weights those are. Compare this rank's parameters with every other rank's using
    collectives only (no rank may skip one, or the job hangs), without sending whole models to
    rank 0. A world of one is in sync.
    """
    flat = torch.cat([p.detach().float().reshape(-1) for p in model.parameters()])
    # Element-wise max and min over the ranks: equal everywhere exactly when all replicas agree.
    hi, lo = flat.clone(), flat.clone()
    dist.all_reduce(hi, op=dist.ReduceOp.MAX)
    dist.all_reduce(lo, op=dist.ReduceOp.MIN)
    return bool((hi - lo).abs().max().item() <= atol)
