"""Exercise check-replicas-in-sync: ``params_in_sync`` in dist_utils.py.

Real ranks (gloo on CPU, started with torch.multiprocessing.spawn) compare their weights. Three
ranks, so that "every rank gets the same answer" means something; changes on one rank, on two
ranks, in the first and in the last parameter, and two changes on one rank that cancel out in
any sum. Identical replicas are in sync, any weight that differs by more than ``atol`` is not,
and every rank must give the same answer. Run: python -m pytest milestones/test_check_replicas_in_sync.py
"""
import datetime
import json
import os

import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from {{package}}.dist_utils import find_free_port, params_in_sync
from {{package}}.model import MLP

D = 1e-3  # the size of every change


def _nudge(model, which, index, delta):
    with torch.no_grad():
        list(model.parameters())[which].view(-1)[index] += delta


# name -> (changes as (rank, parameter, element, delta), atol, expected answer on every rank)
SCENARIOS = {
    "identical": ([], 1e-6, True),
    "one weight moved on the last rank": ([(-1, 0, 3, D)], 1e-6, False),
    "within a generous tolerance": ([(-1, 0, 3, D)], 1e-2, True),
    # Offsetting changes: the sum (or mean) of the weights stays the same, the weights do not.
    "two changes that cancel in a checksum": ([(-1, 0, 3, D), (-1, 0, 5, -D)], 1e-6, False),
    # A change in the last parameter (the output bias), on a middle rank.
    "the last parameter moved on rank 1": ([(1, -1, 0, D)], 1e-6, False),
    # With 3 ranks, rank 2 is 1e-3 away from the others, but only 3.3e-4 from their mean: a rank
    # that compares itself with the mean would answer True on ranks 0 and 1 and False on rank 2.
    "one rank off by more than atol": ([(-1, 0, 3, D)], 5e-4, False),
    "two ranks moved the same way": ([(0, 1, 2, D), (1, 1, 2, D)], 1e-6, False),
    # Ranks 1 and 2 are each 0.6e-3 from rank 0, within atol, but 1.2e-3 from each other.
    "two ranks moved apart, each within atol of rank 0": ([(1, 0, 3, 0.6 * D), (2, 0, 3, -0.6 * D)], D, False),
}


def _rank(rank, world_size, port, out_dir):
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world_size,
                            timeout=datetime.timedelta(seconds=60))
    try:
        answers = {}
        for name, (changes, atol, _) in SCENARIOS.items():
            torch.manual_seed(0)
            model = MLP(in_dim=8, hidden=16, num_classes=3)
            for (r, which, index, delta) in changes:
                if r % world_size == rank:
                    _nudge(model, which, index, delta)
            answers[name] = params_in_sync(model, atol=atol)
            if name == "one weight moved on the last rank":  # and moved back
                for (r, which, index, delta) in changes:
                    if r % world_size == rank:
                        _nudge(model, which, index, -delta)
                answers["moved back"] = params_in_sync(model, atol=atol)
        with open(os.path.join(out_dir, f"rank{rank}.json"), "w") as f:
            json.dump({k: (v if isinstance(v, bool) else repr(v)) for k, v in answers.items()}, f)
    finally:
        dist.destroy_process_group()


def run_ranks(world_size, tmp_path):
    failure = None
    try:
        mp.spawn(_rank, args=(world_size, find_free_port(), str(tmp_path)), nprocs=world_size, join=True)
    except mp.ProcessRaisedException as e:  # its own message is the child's whole traceback: keep its last line
        lines = [line.strip() for line in str(e).strip().splitlines() if line.strip()]
        failure = f"params_in_sync failed on rank {e.error_index} of {world_size}: {lines[-1]}"
    except mp.ProcessExitedException as e:
        failure = f"rank {e.error_index} of {world_size} died (exit code {e.exit_code}) while checking the replicas"
    if failure:
        pytest.fail(failure, pytrace=False)
    return [json.load(open(tmp_path / f"rank{r}.json")) for r in range(world_size)]


def _replica(rank, world_size, changes):
    torch.manual_seed(0)
    model = MLP(in_dim=8, hidden=16, num_classes=3)
    for (r, which, index, delta) in changes:
        if r % world_size == rank:
            _nudge(model, which, index, delta)
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()])


def expected(world_size):
    """The answers, worked out here in one process from all the replicas at once."""
    want = {}
    for name, (changes, atol, _) in SCENARIOS.items():
        flats = torch.stack([_replica(r, world_size, changes) for r in range(world_size)])
        want[name] = bool((flats.max(dim=0).values - flats.min(dim=0).values).max() <= atol)
    want["moved back"] = True
    return want


def test_the_scenarios_mean_what_they_say():
    assert expected(3) == {**{name: answer for name, (_, _, answer) in SCENARIOS.items()}, "moved back": True}


@pytest.mark.parametrize("world_size", [3])
def test_every_rank_agrees_on_whether_the_replicas_are_in_sync(world_size, tmp_path):
    answers = run_ranks(world_size, tmp_path)
    for name, want in expected(world_size).items():
        got = [a.get(name) for a in answers]
        assert got == [want] * world_size, (
            f"{world_size} ranks, {name}: ranks answered {got}; expected {want} on every rank"
        )


def test_a_world_of_one_is_in_sync(tmp_path):
    assert run_ranks(1, tmp_path)[0]["identical"] is True
