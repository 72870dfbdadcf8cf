"""Models with one interface: ``model(input_ids, attention_mask) -> logits (batch, num_labels)``.

- ``PretrainedEncoderClassifier``: a pre-trained BERT-style encoder from Hugging Face
  Transformers (``AutoModel``) with a classification head on its [CLS] vector. This is the
  real path (``build_pretrained``); ``transformers`` is imported only there.
- ``TinyTransformerClassifier``: a small, randomly initialised ``nn.TransformerEncoder`` with
  the same kind of head, for the offline smoke run and the tests. It pools the token vectors
  with a padding-aware mean (``masked_mean_pool``) or takes the [CLS] vector.
"""
from typing import Tuple

import torch
from torch import nn

POOLING_FALLBACK = "fallback: [CLS] vector (masked_mean_pool not written yet)"


def masked_mean_pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """Mean of the token vectors over REAL tokens only.

    hidden: (batch, seq_len, d) float; attention_mask: (batch, seq_len), 1 = real token, 0 = [PAD].
    Returns (batch, d). Padding positions must not change the result, whatever their vectors
    hold; a row with no real token gives a zero vector (never NaN).
    """
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(dim=1) / mask.sum(dim=1)


def mean_pooling_available() -> bool:
    """True once ``masked_mean_pool`` is written (the model falls back to [CLS] pooling until then)."""
    try:
        masked_mean_pool(torch.zeros(1, 1, 1), torch.ones(1, 1, dtype=torch.long))
    except NotImplementedError:
        return False
    return True


class ClassificationHead(nn.Module):
    """dropout -> dense -> tanh -> dropout -> linear, as on top of BERT's [CLS] vector."""

    def __init__(self, hidden_size: int, num_labels: int, dropout: float = 0.1):
        super().__init__()
        self.net = nn.Sequential(
            nn.Dropout(dropout),
            nn.Linear(hidden_size, hidden_size),
            nn.Tanh(),
            nn.Dropout(dropout),
            nn.Linear(hidden_size, num_labels),
        )

    def forward(self, pooled: torch.Tensor) -> torch.Tensor:
        return self.net(pooled)


class TinyTransformerClassifier(nn.Module):
    def __init__(
        self,
        vocab_size: int,
        num_labels: int = 2,
        d_model: int = 64,
        nhead: int = 4,
        num_layers: int = 2,
        dim_feedforward: int = 128,
        max_length: int = 128,
        dropout: float = 0.1,
        pad_token_id: int = 0,
        pooling: str = "mean",
    ):
        super().__init__()
        if pooling not in ("cls", "mean"):
            raise ValueError("pooling must be 'cls' or 'mean'")
        self.pooling = pooling
        # What the forward pass really does; recorded in metrics.json as "pooling".
        self.pooling_used = pooling if pooling == "cls" or mean_pooling_available() else POOLING_FALLBACK
        self.max_length = max_length
        self.token_embedding = nn.Embedding(vocab_size, d_model, padding_idx=pad_token_id)
        self.position_embedding = nn.Embedding(max_length, d_model)  # learned positions, like BERT
        self.embedding_norm = nn.LayerNorm(d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers, enable_nested_tensor=False)
        self.head = ClassificationHead(d_model, num_labels, dropout)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        batch, seq_len = input_ids.shape
        if seq_len > self.max_length:
            raise ValueError(f"sequence length {seq_len} > max_length {self.max_length}")
        positions = torch.arange(seq_len, device=input_ids.device).unsqueeze(0).expand(batch, seq_len)
        x = self.embedding_norm(self.token_embedding(input_ids) + self.position_embedding(positions))
        # True marks padding: attention ignores those positions.
        hidden = self.encoder(x, src_key_padding_mask=attention_mask == 0)
        if self.pooling_used == "mean":
            pooled = masked_mean_pool(hidden, attention_mask)
        else:  # "cls", or the fallback while masked_mean_pool is not written
            pooled = hidden[:, 0]
        return self.head(pooled)


class PretrainedEncoderClassifier(nn.Module):
    """A Hugging Face encoder (``AutoModel``) + ``ClassificationHead`` on the [CLS] token."""

    def __init__(self, encoder: nn.Module, hidden_size: int, num_labels: int = 2, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.head = ClassificationHead(hidden_size, num_labels, dropout)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        out = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
        return self.head(out.last_hidden_state[:, 0])


def build_pretrained(model_name: str = "bert-base-uncased", num_labels: int = 2,
                     dropout: float = 0.1) -> Tuple[object, PretrainedEncoderClassifier]:
    """(tokenizer, model) for a Hugging Face checkpoint name or a local directory.

    Downloads the weights (about 440 MB for bert-base-uncased) on first use.
    """
    try:
        from transformers import AutoModel, AutoTokenizer  # lazy: only the real path needs it
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise SystemExit("The pre-trained path needs `pip install transformers` (see requirements.txt), "
                         "or run with --smoke / --model tiny.") from err
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    encoder = AutoModel.from_pretrained(model_name)
    return tokenizer, PretrainedEncoderClassifier(encoder, encoder.config.hidden_size, num_labels, dropout)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
