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
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

import torch

PAD, UNK, CLS, SEP = "[PAD]", "[UNK]", "[CLS]", "[SEP]"
SPECIAL_TOKENS = [PAD, UNK, CLS, SEP]
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")
PADDING_FALLBACK = "fallback: static padding, every text padded to max_length (pad_and_truncate not written yet)"


def pad_and_truncate(
    sequences: Sequence[List[int]],
    cls_id: int,
    sep_id: int,
    pad_id: int,
    padding: Union[bool, str] = True,
    truncation: bool = True,
    max_length: Optional[int] = None,
) -> Tuple[List[List[int]], List[List[int]]]:
    """(input_ids, attention_mask) for a batch, as lists of lists, like a Hugging Face tokenizer.

    ``sequences`` hold the word ids of each text WITHOUT special tokens. Each row becomes
    [CLS] + word ids + [SEP], then:
    - truncation (``truncation=True`` and ``max_length`` given): drop word ids from the end so
      the row, special tokens included, has at most ``max_length`` ids; [SEP] stays last.
    - padding ``True`` or ``"longest"``: pad every row with ``pad_id`` to the longest row of THIS
      batch (dynamic padding); ``"max_length"``: pad to ``max_length`` (ValueError without it);
      ``False`` or ``"do_not_pad"``: no padding, rows keep their own lengths.
    - attention_mask: 1 for every real id ([CLS] and [SEP] included), 0 for padding.
    """
    if padding == "max_length" and max_length is None:
        raise ValueError("padding='max_length' needs max_length")
    rows = []
    for ids in sequences:
        ids = list(ids)
        if truncation and max_length is not None:
            ids = ids[: max(0, max_length - 2)]
        rows.append([cls_id] + ids + [sep_id])
    if padding in (False, "do_not_pad"):
        target = 0
    else:
        target = max_length if max_length is not None else max(len(r) for r in rows)
    return ([r + [pad_id] * max(0, target - len(r)) for r in rows],
            [[1] * len(r) + [0] * max(0, target - len(r)) for r in rows])


def _static_padding(sequences: Sequence[List[int]], cls_id: int, sep_id: int, pad_id: int,
                    max_length: Optional[int]) -> Tuple[List[List[int]], List[List[int]]]:
    """The fallback: cut every text to ``max_length`` and pad every text to ``max_length``."""
    if max_length is None:
        raise ValueError("until pad_and_truncate is written, the tokenizer needs max_length")
    rows = [[cls_id] + list(ids)[: max_length - 2] + [sep_id] for ids in sequences]
    return ([r + [pad_id] * (max_length - len(r)) for r in rows],
            [[1] * len(r) + [0] * (max_length - len(r)) for r in rows])


def padding_status() -> str:
    """What the tokenizer's batching does, for metrics.json."""
    try:
        pad_and_truncate([[5]], 2, 3, 0)
    except NotImplementedError:
        return PADDING_FALLBACK
    return "dynamic: each batch padded to its longest text"


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

    def encode(self, text: str, add_special_tokens: bool = True) -> List[int]:
        """Word ids of one text (unknown words -> [UNK]), between [CLS] and [SEP] by default."""
        ids = [self.vocab.get(tok, self.unk_token_id) for tok in self.tokenize(text)]
        return [self.cls_token_id] + ids + [self.sep_token_id] if add_special_tokens else ids

    def __call__(
        self,
        texts: Union[str, Sequence[str]],
        padding: Union[bool, str] = True,
        truncation: bool = True,
        max_length: Optional[int] = None,
        return_tensors: Optional[str] = "pt",
    ) -> Dict[str, Union[torch.Tensor, List[List[int]]]]:
        """Like a Hugging Face tokenizer call; the batching itself is ``pad_and_truncate``.

        ``padding``: True/"longest" pads to the longest text, "max_length" pads to ``max_length``,
        False keeps each text's length (then only ``return_tensors=None`` can hold the rows).
        """
        if isinstance(texts, str):
            texts = [texts]
        words = [self.encode(t, add_special_tokens=False) for t in texts]
        try:
            input_ids, attention_mask = pad_and_truncate(words, self.cls_token_id, self.sep_token_id,
                                                         self.pad_token_id, padding, truncation, max_length)
        except NotImplementedError:
            input_ids, attention_mask = _static_padding(words, self.cls_token_id, self.sep_token_id,
                                                        self.pad_token_id, max_length)
        if return_tensors == "pt":
            if len({len(x) for x in input_ids}) > 1:
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
