import json
import os

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from {{package}}.checkpoint import load_checkpoint, restore_from_rank0, save_checkpoint
from {{package}}.dist_utils import find_free_port
from {{package}}.model import MLP
from {{package}}.trainer import make_grad_scaler


def trained_model_and_optimizer():
    torch.manual_seed(0)
    model = MLP(in_dim=8, hidden=16, num_classes=3)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    loss = torch.nn.functional.cross_entropy(model(torch.randn(4, 8)), torch.tensor([0, 1, 2, 0]))
    loss.backward()
    optimizer.step()
    return model, optimizer


def test_round_trip_restores_model_optimizer_and_epoch(tmp_path):
    model, optimizer = trained_model_and_optimizer()
    path = str(tmp_path / "ck" / "last.pt")
    save_checkpoint(path, model, optimizer, make_grad_scaler(False), epoch=3, history=[{"epoch": 3}])

    fresh = MLP(in_dim=8, hidden=16, num_classes=3)
    fresh_opt = torch.optim.AdamW(fresh.parameters(), lr=1e-3)
    state = load_checkpoint(path, fresh, fresh_opt, make_grad_scaler(False))
    assert state["epoch"] == 3 and state["history"] == [{"epoch": 3}]
    for a, b in zip(model.state_dict().values(), fresh.state_dict().values()):
        assert torch.equal(a, b)
    assert fresh_opt.state_dict()["state"][0]["step"] == optimizer.state_dict()["state"][0]["step"]
    assert torch.equal(fresh_opt.state_dict()["state"][0]["exp_avg"], optimizer.state_dict()["state"][0]["exp_avg"])


def test_cpu_checkpoint_loads_into_an_enabled_scaler_without_error(tmp_path):
    """A checkpoint from a CPU run (scaler state {}) must resume on a GPU machine (AMP on)."""
    model, optimizer = trained_model_and_optimizer()
    path = str(tmp_path / "last.pt")
    save_checkpoint(path, model, optimizer, make_grad_scaler(False), epoch=1)

    class RecordingScaler:
        loaded = None

        def load_state_dict(self, state):
            self.loaded = state

    scaler = RecordingScaler()
    load_checkpoint(path, MLP(in_dim=8, hidden=16, num_classes=3), None, scaler)
    assert scaler.loaded is None  # empty state is skipped instead of raising


def test_no_temp_file_left_behind(tmp_path):
    model, optimizer = trained_model_and_optimizer()
    save_checkpoint(str(tmp_path / "last.pt"), model, optimizer, make_grad_scaler(False), epoch=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["last.pt"]


def _resume_rank(rank, port, root):
    """Each rank has its own checkpoint folder, as on nodes without shared storage: only rank 0's has a file."""
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=2)
    try:
        torch.manual_seed(100 + rank)  # different starting weights per rank: the restore must fix them
        model = MLP(in_dim=8, hidden=16, num_classes=3)
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
        state = restore_from_rank0(os.path.join(root, f"rank{rank}", "last.pt"), model, optimizer,
                                   make_grad_scaler(False))
        result = {
            "epoch": None if state is None else state["epoch"],
            "weights": float(sum(p.double().sum() for p in model.parameters())),
            "exp_avg": float(optimizer.state_dict()["state"][0]["exp_avg"].double().sum())
            if optimizer.state_dict()["state"] else None,
        }
        with open(os.path.join(root, f"result{rank}.json"), "w") as f:
            json.dump(result, f)
    finally:
        dist.destroy_process_group()


def test_rank0_reads_the_checkpoint_and_every_rank_resumes_from_it(tmp_path):
    model, optimizer = trained_model_and_optimizer()
    save_checkpoint(str(tmp_path / "rank0" / "last.pt"), model, optimizer, make_grad_scaler(False), epoch=5,
                    history=[{"epoch": 5}])
    (tmp_path / "rank1").mkdir()  # rank 1's disk has no checkpoint
    mp.spawn(_resume_rank, args=(find_free_port(), str(tmp_path)), nprocs=2, join=True)
    r0, r1 = (json.load(open(tmp_path / f"result{r}.json")) for r in range(2))
    assert r0["epoch"] == r1["epoch"] == 5, "both ranks must resume after epoch 5"
    expected = float(sum(p.double().sum() for p in model.parameters()))
    assert abs(r0["weights"] - expected) < 1e-9 and abs(r1["weights"] - expected) < 1e-9
    assert r0["exp_avg"] is not None and abs(r0["exp_avg"] - r1["exp_avg"]) < 1e-12, "optimizer state must match too"


def _fresh_rank(rank, port, root):
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=2)
    try:
        state = restore_from_rank0(os.path.join(root, "none", "last.pt"), MLP(in_dim=8, hidden=16, num_classes=3))
        with open(os.path.join(root, f"fresh{rank}.json"), "w") as f:
            json.dump({"state": state}, f)
    finally:
        dist.destroy_process_group()


def test_no_checkpoint_on_rank0_means_a_fresh_start_everywhere(tmp_path):
    mp.spawn(_fresh_rank, args=(find_free_port(), str(tmp_path)), nprocs=2, join=True)
    assert [json.load(open(tmp_path / f"fresh{r}.json"))["state"] for r in range(2)] == [None, None]
