"""The training-step pieces that are not an exercise: the fallback loop and the GradScaler."""
import pytest
import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset

from {{package}}.dist_utils import find_free_port
from {{package}}.trainer import make_grad_scaler, train_one_epoch_without_accumulation


@pytest.fixture
def process_group():
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{find_free_port()}", rank=0, world_size=1)
    yield
    dist.destroy_process_group()


def test_fallback_steps_once_per_micro_batch_and_learns(process_group):
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(1)
    x = torch.randn(256, 6, generator=g)
    data = TensorDataset(x, x[:, :3].argmax(dim=1))
    ddp = DDP(nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Linear(16, 3)))
    optimizer = torch.optim.Adam(ddp.parameters(), lr=1e-2)
    losses = []
    for _ in range(10):
        loss_sum, seen, steps = train_one_epoch_without_accumulation(
            ddp, DataLoader(data, batch_size=32), optimizer, make_grad_scaler(False), nn.CrossEntropyLoss(),
            torch.device("cpu"))
        assert (seen, steps) == (256, 8)
        losses.append(loss_sum / seen)
    assert losses[-1] < 0.7 * losses[0]


def test_disabled_grad_scaler_is_transparent():
    scaler = make_grad_scaler(False)
    loss = torch.tensor(2.5, requires_grad=True)
    assert scaler.scale(loss) is loss
    assert scaler.state_dict() == {}
