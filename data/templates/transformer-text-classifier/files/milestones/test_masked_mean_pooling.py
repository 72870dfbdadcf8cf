"""Exercise masked-mean-pooling: masked_mean_pool in {{package}}/model.py.

    python -m pytest milestones/test_masked_mean_pooling.py
"""
import torch

from {{package}}.model import TinyTransformerClassifier, masked_mean_pool


def test_known_values():
    hidden = torch.tensor([[[1.0, 2.0], [3.0, 4.0], [100.0, -100.0]],
                           [[2.0, 0.0], [4.0, 0.0], [6.0, 3.0]]])
    mask = torch.tensor([[1, 1, 0], [1, 1, 1]])
    out = masked_mean_pool(hidden, mask)
    assert out.shape == (2, 2), f"expected one vector per row, shape (2, 2), got {tuple(out.shape)}"
    assert torch.allclose(out[0], torch.tensor([2.0, 3.0])), \
        f"row 0 has 2 real tokens: mean of [1, 2] and [3, 4] is [2, 3], got {out[0].tolist()} (is padding included?)"
    assert torch.allclose(out[1], torch.tensor([4.0, 1.0])), f"row 1 has 3 real tokens, got {out[1].tolist()}"


def test_padding_does_not_change_the_result():
    torch.manual_seed(0)
    hidden = torch.randn(4, 6, 8)
    mask = torch.tensor([[1] * 6, [1] * 4 + [0] * 2, [1] * 2 + [0] * 4, [1] + [0] * 5])
    base = masked_mean_pool(hidden, mask)
    junk = hidden.clone()
    junk[mask == 0] = 1000.0 * torch.randn(int((mask == 0).sum()), 8)  # anything at padded positions
    assert torch.allclose(masked_mean_pool(junk, mask), base, atol=1e-5), "values at padded positions changed the result"
    more = torch.cat([hidden, torch.randn(4, 5, 8)], dim=1)  # five more [PAD] positions
    more_mask = torch.cat([mask, torch.zeros(4, 5, dtype=mask.dtype)], dim=1)
    assert torch.allclose(masked_mean_pool(more, more_mask), base, atol=1e-5), "extra padding changed the result"
    for i in range(4):
        n = int(mask[i].sum())
        assert torch.allclose(base[i], hidden[i, :n].mean(dim=0), atol=1e-5), f"row {i}: not the mean of its real tokens"


def test_padding_on_the_left_or_anywhere():
    """Left padding (a tokenizer with padding_side="left") is padding too: only the mask decides."""
    torch.manual_seed(1)
    hidden = torch.randn(3, 5, 4)
    mask = torch.tensor([[0, 0, 1, 1, 1], [0, 1, 1, 1, 1], [1, 0, 1, 0, 1]])
    out = masked_mean_pool(hidden, mask)
    for i in range(3):
        real = hidden[i][mask[i].bool()]
        assert torch.allclose(out[i], real.mean(dim=0), atol=1e-5), (
            f"row {i} with mask {mask[i].tolist()}: not the mean of the positions where the mask is 1"
        )


def test_empty_row_gives_zeros_not_nan():
    out = masked_mean_pool(torch.ones(2, 3, 4), torch.tensor([[0, 0, 0], [1, 0, 0]]))
    assert not torch.isnan(out).any(), "a row with no real token must not give NaN (0 / 0)"
    assert torch.equal(out[0], torch.zeros(4))


def test_gradients_reach_only_real_tokens():
    hidden = torch.randn(1, 4, 3, requires_grad=True)
    masked_mean_pool(hidden, torch.tensor([[1, 1, 0, 0]])).sum().backward()
    assert torch.allclose(hidden.grad[0, :2], torch.full((2, 3), 0.5))
    assert torch.equal(hidden.grad[0, 2:], torch.zeros(2, 3)), "padded positions must get no gradient"


def test_the_model_uses_mean_pooling_and_ignores_padding():
    torch.manual_seed(0)
    model = TinyTransformerClassifier(20, pooling="mean").eval()
    assert model.pooling_used == "mean", f"the model still uses the fallback: {model.pooling_used}"
    ids = torch.tensor([[2, 5, 6, 7, 3], [2, 8, 3, 0, 0]])
    mask = (ids != 0).long()
    padded = torch.cat([ids, torch.zeros(2, 4, dtype=torch.long)], dim=1)
    padded_mask = torch.cat([mask, torch.zeros(2, 4, dtype=torch.long)], dim=1)
    with torch.no_grad():
        assert torch.allclose(model(ids, mask), model(padded, padded_mask), atol=1e-5)
