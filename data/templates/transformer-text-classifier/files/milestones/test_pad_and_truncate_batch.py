"""Exercise pad-and-truncate-batch: pad_and_truncate in {{package}}/tokenizer.py.

    python -m pytest milestones/test_pad_and_truncate_batch.py
"""
import random

import pytest
import torch

from {{package}}.data import Collator, TextExample
from {{package}}.tokenizer import WordTokenizer, pad_and_truncate

CLS, SEP, PAD = 2, 3, 0


def test_dynamic_padding_pads_to_the_longest_row_of_the_batch():
    ids, mask = pad_and_truncate([[7], [7, 8, 9, 10, 11]], CLS, SEP, PAD, padding=True, max_length=32)
    assert ids == [[2, 7, 3, 0, 0, 0, 0], [2, 7, 8, 9, 10, 11, 3]], \
        f"each row is [CLS] + ids + [SEP], padded to the longest row (7), not to max_length; got {ids}"
    assert mask == [[1, 1, 1, 0, 0, 0, 0], [1] * 7], f"attention mask: 1 for real ids (specials too), 0 for padding; got {mask}"
    again, _ = pad_and_truncate([[7], [8, 9]], CLS, SEP, PAD, padding="longest", max_length=32)
    assert again == [[2, 7, 3, 0], [2, 8, 9, 3]]


def test_truncation_keeps_cls_and_sep():
    ids, mask = pad_and_truncate([list(range(10, 40)), [5, 6]], CLS, SEP, PAD, padding=True, truncation=True,
                                 max_length=8)
    assert ids[0] == [2, 10, 11, 12, 13, 14, 15, 3], f"cut the words, keep [CLS] first and [SEP] last; got {ids[0]}"
    assert ids[1] == [2, 5, 6, 3, 0, 0, 0, 0] and mask[1] == [1, 1, 1, 1, 0, 0, 0, 0]
    long_ids, _ = pad_and_truncate([list(range(10, 40))], CLS, SEP, PAD, padding=True, truncation=False, max_length=8)
    assert len(long_ids[0]) == 32, "truncation=False keeps every id"


def test_padding_modes():
    ids, mask = pad_and_truncate([[7], [8, 9]], CLS, SEP, PAD, padding="max_length", max_length=6)
    assert ids == [[2, 7, 3, 0, 0, 0], [2, 8, 9, 3, 0, 0]] and mask == [[1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 0, 0]]
    ids, mask = pad_and_truncate([[7], [8, 9]], CLS, SEP, PAD, padding=False)
    assert ids == [[2, 7, 3], [2, 8, 9, 3]] and mask == [[1, 1, 1], [1, 1, 1, 1]], "padding=False: no padding"
    with pytest.raises(ValueError):
        pad_and_truncate([[7]], CLS, SEP, PAD, padding="max_length", max_length=None)


def test_the_tokenizer_and_the_collator_use_it():
    tok = WordTokenizer.train(["the movie was great", "the plot was not great at all"])
    enc = tok(["great", "the movie was not great"], padding=True, truncation=True, max_length=32)
    assert enc["input_ids"].shape == enc["attention_mask"].shape == (2, 7)
    assert enc["input_ids"].dtype == torch.long
    assert enc["attention_mask"].sum(dim=1).tolist() == [3, 7]
    batch = [TextExample("great", 1), TextExample("the plot was not great at all", 0)]
    out = Collator(tok, max_length=64)(batch)
    assert out["input_ids"].shape == (2, 9), \
        f"the collator should pad to the longest text in the batch (9 ids), not to max_length: {tuple(out['input_ids'].shape)}"
    with pytest.raises(ValueError):
        tok(["great", "dull film"], padding=False)  # rows of different lengths cannot become one tensor
    assert [len(x) for x in tok(["great", "the plot"], padding=False, return_tensors=None)["input_ids"]] == [3, 4]


def _expected(sequences, padding, truncation, max_length):
    rows = []
    for ids in sequences:
        words = list(ids)
        if truncation and max_length is not None:
            words = words[: max(0, max_length - 2)]
        rows.append([CLS] + words + [SEP])
    if padding == "max_length":
        target = max_length
    elif padding in (True, "longest"):
        target = max(len(r) for r in rows)
    else:
        target = 0
    return ([r + [PAD] * max(0, target - len(r)) for r in rows],
            [[1] * len(r) + [0] * max(0, target - len(r)) for r in rows])


def test_random_batches():
    """Batches drawn at random (the seed is in the message): every mode, every length."""
    seed = random.SystemRandom().randrange(2**31)
    rng = random.Random(seed)
    for _ in range(200):
        sequences = [[rng.randint(5, 99) for _ in range(rng.randint(0, 12))] for _ in range(rng.randint(1, 5))]
        padding = rng.choice([True, "longest", "max_length", False, "do_not_pad"])
        truncation = rng.random() < 0.7
        max_length = rng.randint(2, 14) if padding == "max_length" or rng.random() < 0.7 else None
        got = pad_and_truncate([list(s) for s in sequences], CLS, SEP, PAD, padding=padding, truncation=truncation,
                               max_length=max_length)
        want = _expected(sequences, padding, truncation, max_length)
        assert (list(got[0]), list(got[1])) == want, (
            f"seed {seed}: pad_and_truncate({sequences}, padding={padding!r}, truncation={truncation}, "
            f"max_length={max_length}) gave {got}, expected {want}"
        )
