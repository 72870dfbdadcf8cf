import types

import pytest
import torch
from torch import nn

from {{package}} import model as model_module
from {{package}}.model import PretrainedEncoderClassifier, TinyTransformerClassifier, count_parameters
from {{package}}.tokenizer import WordTokenizer


def make_batch():
    tok = WordTokenizer.train(["the movie was great", "the plot was not great", "dull film"])
    enc = tok(["the movie was great", "dull film", "the plot was not great"], padding=True, max_length=16)
    return tok, enc["input_ids"], enc["attention_mask"]


def test_logits_shape():
    tok, ids, mask = make_batch()
    model = TinyTransformerClassifier(tok.vocab_size, num_labels=2)
    assert model(ids, mask).shape == (3, 2)
    assert count_parameters(model) > 1000


@pytest.mark.parametrize("pooling", ["mean", "cls"])
def test_padding_does_not_change_predictions(pooling):
    """Extra [PAD] tokens are masked out of attention and pooling, so logits must not move."""
    torch.manual_seed(0)
    tok, ids, mask = make_batch()
    model = TinyTransformerClassifier(tok.vocab_size, pooling=pooling).eval()
    extra = 5
    padded_ids = torch.cat([ids, torch.zeros(ids.size(0), extra, dtype=torch.long)], dim=1)
    padded_mask = torch.cat([mask, torch.zeros(mask.size(0), extra, dtype=torch.long)], dim=1)
    with torch.no_grad():
        assert torch.allclose(model(ids, mask), model(padded_ids, padded_mask), atol=1e-5)


def test_mean_pooling_falls_back_to_cls_until_written(monkeypatch):
    """The fallback is visible: pooling_used (recorded in metrics.json) names it."""
    def not_written(hidden, attention_mask):
        raise NotImplementedError("not written")

    monkeypatch.setattr(model_module, "masked_mean_pool", not_written)
    model = TinyTransformerClassifier(10, pooling="mean")
    assert model.pooling_used.startswith("fallback")
    assert model(torch.ones(2, 4, dtype=torch.long), torch.ones(2, 4, dtype=torch.long)).shape == (2, 2)
    assert TinyTransformerClassifier(10, pooling="cls").pooling_used == "cls"


def test_too_long_sequence_is_rejected():
    model = TinyTransformerClassifier(10, max_length=8)
    with pytest.raises(ValueError):
        model(torch.ones(1, 9, dtype=torch.long), torch.ones(1, 9, dtype=torch.long))


def test_bad_pooling_is_rejected():
    with pytest.raises(ValueError):
        TinyTransformerClassifier(10, pooling="max")


def test_overfits_a_tiny_batch():
    torch.manual_seed(0)
    texts = ["great film", "awful film", "not awful", "not great", "wonderful plot", "boring plot"]
    labels = torch.tensor([1, 0, 1, 0, 1, 0])
    tok = WordTokenizer.train(texts)
    enc = tok(texts, max_length=8)
    model = TinyTransformerClassifier(tok.vocab_size, dropout=0.0)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    losses = []
    for _ in range(60):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(enc["input_ids"], enc["attention_mask"]), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.1 * losses[0]
    model.eval()
    assert model(enc["input_ids"], enc["attention_mask"]).argmax(1).tolist() == labels.tolist()


class FakeEncoder(nn.Module):
    """Stands in for a Hugging Face AutoModel: returns an object with last_hidden_state."""

    def __init__(self, hidden=16):
        super().__init__()
        self.embed = nn.Embedding(50, hidden)

    def forward(self, input_ids, attention_mask):
        return types.SimpleNamespace(last_hidden_state=self.embed(input_ids))


def test_pretrained_wrapper_classifies_the_cls_vector():
    model = PretrainedEncoderClassifier(FakeEncoder(16), hidden_size=16, num_labels=2).eval()
    ids = torch.tensor([[2, 5, 6, 3], [2, 7, 3, 0]])
    mask = (ids != 0).long()
    logits = model(ids, mask)
    assert logits.shape == (2, 2)
    # Only position 0 ([CLS]) feeds the head: changing a later token changes nothing here.
    ids2 = ids.clone()
    ids2[:, 1] = 9
    assert torch.allclose(model(ids2, mask), logits)
