"""Exercise check-replicas-in-sync: ``params_in_sync`` in dist_utils.py.

Two real ranks (gloo on CPU, started with torch.multiprocessing.spawn) compare their weights:
identical replicas are in sync, one changed weight on one rank is not, and every rank gets the
same answer. Run: python -m pytest milestones/test_check_replicas_in_sync.py
"""
import json
import os

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from {{package}}.dist_utils import find_free_port, params_in_sync
from {{package}}.model import MLP


def _rank(rank, world_size, port, out_dir):
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world_size)
    try:
        torch.manual_seed(0)
        model = MLP(in_dim=8, hidden=16, num_classes=3)
        answers = {"identical": params_in_sync(model)}
        with torch.no_grad():
            if rank == world_size - 1:
                next(model.parameters()).view(-1)[3] += 1e-3
        answers["one_weight_moved"] = params_in_sync(model)
        answers["within_tolerance"] = params_in_sync(model, atol=1e-2)
        with torch.no_grad():
            if rank == world_size - 1:
                next(model.parameters()).view(-1)[3] -= 1e-3
        answers["moved_back"] = params_in_sync(model)
        with open(os.path.join(out_dir, f"rank{rank}.json"), "w") as f:
            json.dump({k: (v if isinstance(v, bool) else repr(v)) for k, v in answers.items()}, f)
    finally:
        dist.destroy_process_group()


def run_ranks(world_size, tmp_path):
    mp.spawn(_rank, args=(world_size, find_free_port(), str(tmp_path)), nprocs=world_size, join=True)
    return [json.load(open(tmp_path / f"rank{r}.json")) for r in range(world_size)]


def test_two_ranks_agree_on_whether_they_are_in_sync(tmp_path):
    answers = run_ranks(2, tmp_path)
    expected = {"identical": True, "one_weight_moved": False, "within_tolerance": True, "moved_back": True}
    for rank, got in enumerate(answers):
        assert got == expected, f"rank {rank} answered {got}; expected {expected} on every rank"


def test_a_world_of_one_is_in_sync(tmp_path):
    assert run_ranks(1, tmp_path)[0]["identical"] is True
