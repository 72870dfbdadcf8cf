"""End-to-end runs in fresh processes: the spawn launcher, torchrun-style env launch, resume."""
import json
import math
import os
import socket
import subprocess
import sys

from {{package}}.dist_utils import find_free_port
from {{package}}.train import parse_args

EXPECTED_KEYS = {"smoke", "data_source", "model_source", "sharding", "accumulation", "requested_accum_steps",
                 "plots", "launcher", "torchrun", "world_size", "backend", "device", "amp", "accum_steps",
                 "per_rank_batch_size", "global_batch_size", "epochs_completed", "resumed_from_epoch",
                 "optimizer_steps", "samples_per_second", "ranks_in_sync", "final", "history", "config"}


def expected_steps_per_epoch(metrics, n_train):
    """Optimizer steps per epoch per rank, whether the exercises are done (sharded, accumulated)
    or the run used its fallbacks (every rank reads everything; one step per micro-batch)."""
    world = metrics["world_size"]
    per_rank = math.ceil(n_train / world) if metrics["sharding"] == "DistributedSampler" else n_train
    micro = math.ceil(per_rank / metrics["per_rank_batch_size"])
    return math.ceil(micro / metrics["accum_steps"])


def read_metrics(root):
    with open(os.path.join(str(root), "outputs", "metrics.json")) as f:
        return json.load(f)


def test_find_free_port_is_bindable():
    port = find_free_port()
    assert 0 < port < 65536
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", port))


def test_smoke_defaults_and_overrides():
    args = parse_args(["--smoke"])
    assert (args.epochs, args.batch_size, args.accum_steps) == (2, 32, 2)
    assert os.path.isabs(args.output_dir) and os.path.isabs(args.checkpoint_dir)
    assert parse_args(["--smoke", "--accum-steps", "4"]).accum_steps == 4
    assert parse_args([]).accum_steps == 1


def test_spawn_two_ranks_then_resume(run_module, tmp_path):
    first = run_module("--smoke", "--spawn", "2")
    assert first.returncode == 0, first.stderr[-3000:]
    metrics = read_metrics(tmp_path)
    assert EXPECTED_KEYS <= set(metrics)
    assert metrics["smoke"] == 1 and metrics["launcher"] == "spawn" and metrics["torchrun"] == 0
    assert metrics["world_size"] == 2 and metrics["backend"] == "gloo"
    assert metrics["amp"] == 0  # no AMP on CPU
    assert metrics["data_source"] == "synthetic" and metrics["model_source"] == "random-init"
    assert metrics["requested_accum_steps"] == 2
    # 2 accumulation steps when the exercise is done; the fallback steps once per micro-batch.
    assert metrics["accum_steps"] == (2 if metrics["accumulation"] == "no_sync" else 1)
    assert metrics["global_batch_size"] == 32 * 2 * metrics["accum_steps"]
    assert metrics["epochs_completed"] == 2 and metrics["resumed_from_epoch"] == 0
    # done: 4096 samples / 2 ranks / 32 per batch / 2 accumulation = 32 steps per epoch
    assert metrics["optimizer_steps"] == 2 * expected_steps_per_epoch(metrics, 4096)
    assert metrics["ranks_in_sync"] in (1, None)  # None until check-replicas-in-sync is written
    assert metrics["plots"] and all(os.path.exists(p) for p in metrics["plots"])
    losses = [row["train_loss"] for row in metrics["history"]]
    assert losses[1] < losses[0]
    assert 0.0 <= metrics["final"]["val_accuracy"] <= 1.0
    assert metrics["final"]["val_accuracy"] > 0.5  # 4 classes: well above chance
    ckpt = tmp_path / "checkpoints" / "last.pt"
    assert ckpt.exists()

    second = run_module("--smoke", "--spawn", "2", "--resume", "--epochs", "3")
    assert second.returncode == 0, second.stderr[-3000:]
    assert "resumed from" in second.stdout
    resumed = read_metrics(tmp_path)
    assert resumed["resumed_from_epoch"] == 2 and resumed["epochs_completed"] == 3
    assert resumed["history"][:2] == metrics["history"]
    assert resumed["optimizer_steps"] == expected_steps_per_epoch(resumed, 4096)  # only the new epoch ran
    assert resumed["ranks_in_sync"] in (1, None)


def test_torchrun_style_environment(tmp_path):
    """Start two ranks by hand with the variables torchrun sets: the code path torchrun uses."""
    project_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    port = str(find_free_port())
    procs = []
    for rank in range(2):
        env = dict(os.environ)
        env.pop("DDP_LAUNCHER", None)
        env.update({"PYTHONPATH": project_root, "RANK": str(rank), "LOCAL_RANK": str(rank), "WORLD_SIZE": "2",
                    "LOCAL_WORLD_SIZE": "2", "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": port,
                    "TORCHELASTIC_RUN_ID": "test"})
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "{{package}}.train", "--smoke", "--epochs", "1", "--train-samples", "1024"],
            cwd=str(tmp_path), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outputs]
    assert "world size 2" in outputs[0][0]
    assert outputs[1][0] == ""  # only rank 0 prints
    metrics = read_metrics(tmp_path)
    assert metrics["launcher"] == "torchrun" and metrics["torchrun"] == 1
    assert metrics["world_size"] == 2 and metrics["ranks_in_sync"] in (1, None)


def test_single_process_and_resume_without_checkpoint(run_module, tmp_path):
    result = run_module("--smoke", "--epochs", "1", "--resume")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "starting from scratch" in result.stdout
    metrics = read_metrics(tmp_path)
    assert metrics["world_size"] == 1 and metrics["launcher"] == "single"
    assert metrics["epochs_completed"] == 1 and metrics["resumed_from_epoch"] == 0
