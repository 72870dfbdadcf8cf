"""A tiny word-level tokenizer for the offline path.

It mimics the part of the Hugging Face tokenizer API this project uses, so the rest of the
code does not care which one it gets:

    enc = tokenizer(["a text", "another text"], padding=True, truncation=True, max_length=64,
                    return_tensors="pt")
    enc["input_ids"], enc["attention_mask"]     # (batch, seq_len) LongTensors

Like BERT's tokenizer it adds [CLS] at the start and [SEP] at the end, pads with [PAD] (id 0)
and marks real tokens with 1 in the attention mask. Unlike BERT's WordPiece it splits on words
only, so unseen words become [UNK].
"""
import json
import re
from collections import Counter
from typing import Dict, Iterable, List, Optional, Sequence, Union

import torch

PAD, UNK, CLS, SEP = "[PAD]", "[UNK]", "[CLS]", "[SEP]"
SPECIAL_TOKENS = [PAD, UNK, CLS, SEP]
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")


class WordTokenizer:
    def __init__(self, vocab: Dict[str, int]):
        for i, tok in enumerate(SPECIAL_TOKENS):
            if vocab.get(tok) != i:
                raise ValueError(f"vocab must map {tok} to {i}")
        self.vocab = dict(vocab)
        self.pad_token_id = vocab[PAD]
        self.unk_token_id = vocab[UNK]
        self.cls_token_id = vocab[CLS]
        self.sep_token_id = vocab[SEP]

    @classmethod
    def train(cls, texts: Iterable[str], min_freq: int = 1, max_size: Optional[int] = None) -> "WordTokenizer":
        """Builds the vocabulary from training texts only (never from validation or test)."""
        counts = Counter(tok for text in texts for tok in cls.tokenize(text))
        words = [w for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= min_freq]
        if max_size is not None:
            words = words[: max(0, max_size - len(SPECIAL_TOKENS))]
        vocab = {tok: i for i, tok in enumerate(SPECIAL_TOKENS)}
        for w in words:
            vocab.setdefault(w, len(vocab))
        return cls(vocab)

    @staticmethod
    def tokenize(text: str) -> List[str]:
        return _TOKEN_RE.findall(text.lower())

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    def __len__(self) -> int:
        return len(self.vocab)

    def encode(self, text: str, max_length: Optional[int] = None, truncation: bool = True) -> List[int]:
        ids = [self.vocab.get(tok, self.unk_token_id) for tok in self.tokenize(text)]
        if truncation and max_length is not None:
            ids = ids[: max(0, max_length - 2)]  # keep room for [CLS] and [SEP]
        return [self.cls_token_id] + ids + [self.sep_token_id]

    def __call__(
        self,
        texts: Union[str, Sequence[str]],
        padding: Union[bool, str] = True,
        truncation: bool = True,
        max_length: Optional[int] = None,
        return_tensors: Optional[str] = "pt",
    ) -> Dict[str, Union[torch.Tensor, List[List[int]]]]:
        """``padding``: True/"longest" pads to the longest text, "max_length" pads to ``max_length``."""
        if isinstance(texts, str):
            texts = [texts]
        encoded = [self.encode(t, max_length, truncation) for t in texts]
        if padding == "max_length":
            if max_length is None:
                raise ValueError("padding='max_length' needs max_length")
            target = max_length
        elif padding:
            target = max(len(ids) for ids in encoded)
        else:
            target = None
        input_ids, attention_mask = [], []
        for ids in encoded:
            n_pad = 0 if target is None else target - len(ids)
            input_ids.append(ids + [self.pad_token_id] * n_pad)
            attention_mask.append([1] * len(ids) + [0] * n_pad)
        if return_tensors == "pt":
            if target is None and len({len(x) for x in input_ids}) > 1:
                raise ValueError("texts of different lengths need padding to become one tensor")
            return {"input_ids": torch.tensor(input_ids, dtype=torch.long),
                    "attention_mask": torch.tensor(attention_mask, dtype=torch.long)}
        return {"input_ids": input_ids, "attention_mask": attention_mask}

    def decode(self, ids: Iterable[int], skip_special_tokens: bool = True) -> str:
        inverse = {i: t for t, i in self.vocab.items()}
        tokens = [inverse.get(int(i), UNK) for i in ids]
        if skip_special_tokens:
            tokens = [t for t in tokens if t not in (PAD, CLS, SEP)]
        return " ".join(tokens)

    def save(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.vocab, f)

    @classmethod
    def load(cls, path: str) -> "WordTokenizer":
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))
