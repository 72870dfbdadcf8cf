import torch

from {{package}}.checkpoint import load_checkpoint, save_checkpoint
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
