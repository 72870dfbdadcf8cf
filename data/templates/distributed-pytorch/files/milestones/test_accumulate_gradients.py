"""Exercise accumulate-gradients: ``train_one_epoch`` in trainer.py.

Checked in one process (a world of one, gloo backend): with equal micro-batches an accumulated
step must give exactly the weights of one big-batch step (and with a short last micro-batch, of
one step on the mean of the micro-batches' losses); DDP must all-reduce gradients only on the last
micro-batch of each step (counted with a communication hook, which DDP calls exactly when it
all-reduces); and training must learn. Run: python -m pytest milestones/test_accumulate_gradients.py
"""
import pytest
import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset

from {{package}}.dist_utils import find_free_port
from {{package}}.trainer import make_grad_scaler, train_one_epoch


@pytest.fixture
def process_group():
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{find_free_port()}", rank=0, world_size=1)
    yield
    dist.destroy_process_group()


def make_model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Linear(16, 3))


def make_data(n):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(n, 6, generator=g)
    return TensorDataset(x, x[:, :3].argmax(dim=1))  # learnable labels


def big_batch_steps(model, data, group_sizes, lr):
    """Reference: one plain SGD step per group on the group's mean loss."""
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    x, y = data.tensors
    start = 0
    for size in group_sizes:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x[start:start + size]), y[start:start + size]).backward()
        opt.step()
        start += size


def mean_of_micro_batch_steps(model, data, batch, accum, lr):
    """Reference for unequal micro-batches: per group, one SGD step on the mean of its micro-batches' mean losses."""
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    x, y = data.tensors
    micro = [(x[i:i + batch], y[i:i + batch]) for i in range(0, len(x), batch)]
    for g in range(0, len(micro), accum):
        group = micro[g:g + accum]
        opt.zero_grad()
        sum(nn.functional.cross_entropy(model(xb), yb) for xb, yb in group).div(len(group)).backward()
        opt.step()


@pytest.mark.parametrize("n, batch, accum, groups", [
    (32, 8, 4, [32]),  # 4 micro-batches -> 1 step
    (40, 8, 4, [32, 8]),  # 5 micro-batches -> a full group and a group of one
    (24, 8, 1, [8, 8, 8]),  # no accumulation
    (60, 8, 3, [24, 24, 12]),  # 8 micro-batches -> 3 + 3 + 2, the last one short (4 samples)
])
def test_accumulated_step_equals_big_batch_step(process_group, n, batch, accum, groups):
    data = make_data(n)
    reference = make_model()
    if n % batch == 0:
        big_batch_steps(reference, data, groups, lr=0.5)
    else:  # a short last micro-batch weighs as much as a full one: not one big batch any more
        mean_of_micro_batch_steps(reference, data, batch, accum, lr=0.5)

    model = make_model()
    ddp = DDP(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=0.5)
    loss_sum, seen, steps = train_one_epoch(ddp, DataLoader(data, batch_size=batch), optimizer,
                                            make_grad_scaler(False), nn.CrossEntropyLoss(), torch.device("cpu"),
                                            accum_steps=accum, grad_clip=0.0)
    assert steps == len(groups), f"{n // batch + (n % batch > 0)} micro-batches with accum_steps={accum} make {len(groups)} optimizer steps, not {steps}"
    assert seen == n and loss_sum > 0
    for a, b in zip(reference.parameters(), model.parameters()):
        assert torch.allclose(a, b, atol=1e-6), "the weights differ from one big-batch step per group: divide each loss by its group's size"


def test_gradients_are_all_reduced_only_on_the_last_micro_step(process_group):
    ddp = DDP(make_model())
    all_reduces = []

    def counting_hook(state, bucket):  # DDP calls this whenever it all-reduces a bucket of gradients
        all_reduces.append(1)
        done = torch.futures.Future()
        done.set_result(bucket.buffer())
        return done

    ddp.register_comm_hook(None, counting_hook)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=0.1)
    _, _, steps = train_one_epoch(ddp, DataLoader(make_data(80), batch_size=8), optimizer, make_grad_scaler(False),
                                  nn.CrossEntropyLoss(), torch.device("cpu"), accum_steps=4)
    assert steps == 3, "10 micro-batches with accum_steps=4 make 3 steps: 4 + 4 + 2"
    assert len(all_reduces) == 3, (
        f"DDP all-reduced gradients {len(all_reduces)} times for 3 optimizer steps: run every backward but the "
        "last of each step inside ddp_model.no_sync() (entering no_sync without the backward inside skips nothing)"
    )


def test_loss_goes_down(process_group):
    data = make_data(256)
    ddp = DDP(make_model())
    optimizer = torch.optim.Adam(ddp.parameters(), lr=1e-2)
    losses = []
    for _ in range(15):
        loss_sum, seen, _ = train_one_epoch(ddp, DataLoader(data, batch_size=32, shuffle=True), optimizer,
                                            make_grad_scaler(False), nn.CrossEntropyLoss(), torch.device("cpu"),
                                            accum_steps=2)
        losses.append(loss_sum / seen)
    assert losses[-1] < 0.5 * losses[0], f"the loss should at least halve in 15 epochs: {losses[0]:.3f} -> {losses[-1]:.3f}"
