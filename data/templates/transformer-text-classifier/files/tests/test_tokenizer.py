import pytest
import torch

from {{package}}.tokenizer import CLS, PAD, SEP, UNK, WordTokenizer


@pytest.fixture
def tok():
    return WordTokenizer.train(["the movie was great.", "the plot was not great!", "dull, dull film"])


def test_special_tokens_have_fixed_ids(tok):
    assert [tok.vocab[t] for t in (PAD, UNK, CLS, SEP)] == [0, 1, 2, 3]
    assert tok.pad_token_id == 0


def test_tokenize_splits_words_and_punctuation():
    assert WordTokenizer.tokenize("The plot wasn't GREAT!") == ["the", "plot", "wasn't", "great", "!"]


def test_encode_adds_cls_and_sep_and_maps_unknown_words(tok):
    ids = tok.encode("the zebra was great")
    assert ids[0] == tok.cls_token_id and ids[-1] == tok.sep_token_id
    assert ids[2] == tok.unk_token_id
    assert tok.decode(ids) == "the [UNK] was great"


def test_vocab_comes_from_training_texts_only(tok):
    assert "zebra" not in tok.vocab
    assert "dull" in tok.vocab
    # most frequent words get the smallest ids after the special tokens
    assert tok.vocab["the"] < tok.vocab["film"]


def test_padding_longest_and_attention_mask(tok):
    enc = tok(["great", "the movie was not great"], padding=True, truncation=True, max_length=32)
    ids, mask = enc["input_ids"], enc["attention_mask"]
    assert ids.shape == mask.shape == (2, 7)
    assert ids.dtype == torch.long
    assert mask.sum(dim=1).tolist() == [3, 7]
    assert ids[0, 3:].tolist() == [0, 0, 0, 0]  # padded with [PAD]
    assert (ids[mask == 0] == tok.pad_token_id).all()


def test_truncation_keeps_cls_and_sep(tok):
    enc = tok(["the movie was great " * 20], truncation=True, max_length=8)
    ids = enc["input_ids"][0]
    assert len(ids) == 8
    assert ids[0] == tok.cls_token_id and ids[-1] == tok.sep_token_id


def test_padding_to_max_length(tok):
    enc = tok(["great", "dull film"], padding="max_length", max_length=10)
    assert enc["input_ids"].shape == (2, 10)


def test_unequal_lengths_without_padding_cannot_become_a_tensor(tok):
    with pytest.raises(ValueError):
        tok(["great", "dull film"], padding=False)
    lists = tok(["great", "dull film"], padding=False, return_tensors=None)
    assert [len(x) for x in lists["input_ids"]] == [3, 4]


def test_save_and_load(tok, tmp_path):
    path = tmp_path / "vocab.json"
    tok.save(str(path))
    again = WordTokenizer.load(str(path))
    assert again.vocab == tok.vocab
    assert torch.equal(again(["the plot"])["input_ids"], tok(["the plot"])["input_ids"])
