import pytest
import torch

from {{package}} import tokenizer as tokenizer_module
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
    assert tok.encode("the zebra", add_special_tokens=False) == [tok.vocab["the"], tok.unk_token_id]


def test_vocab_comes_from_training_texts_only(tok):
    assert "zebra" not in tok.vocab
    assert "dull" in tok.vocab
    # most frequent words get the smallest ids after the special tokens
    assert tok.vocab["the"] < tok.vocab["film"]


def test_truncation_keeps_cls_and_sep(tok):
    enc = tok(["the movie was great " * 20, "great"], truncation=True, max_length=8)
    ids, mask = enc["input_ids"], enc["attention_mask"]
    assert ids.shape[1] == 8
    assert ids[0, 0] == tok.cls_token_id and ids[0, -1] == tok.sep_token_id
    assert ids[1, :3].tolist() == [tok.cls_token_id, tok.vocab["great"], tok.sep_token_id]
    assert (ids[mask == 0] == tok.pad_token_id).all()  # every masked position holds [PAD]
    assert mask[1].sum() == 3


def test_padding_to_max_length(tok):
    enc = tok(["great", "dull film"], padding="max_length", max_length=10)
    assert enc["input_ids"].shape == enc["attention_mask"].shape == (2, 10)
    assert enc["input_ids"].dtype == torch.long
    assert enc["attention_mask"].sum(dim=1).tolist() == [3, 4]


def test_fallback_pads_every_text_to_max_length(tok, monkeypatch):
    """Until pad_and_truncate is written, batches are padded statically (and metrics.json says so)."""
    def not_written(*args, **kwargs):
        raise NotImplementedError("not written")

    monkeypatch.setattr(tokenizer_module, "pad_and_truncate", not_written)
    enc = tok(["great", "the movie was not great"], padding=True, max_length=12)
    assert enc["input_ids"].shape == (2, 12)
    assert enc["attention_mask"].sum(dim=1).tolist() == [3, 7]
    assert tokenizer_module.padding_status().startswith("fallback")


def test_save_and_load(tok, tmp_path):
    path = tmp_path / "vocab.json"
    tok.save(str(path))
    again = WordTokenizer.load(str(path))
    assert again.vocab == tok.vocab
    assert torch.equal(again(["the plot"], max_length=8)["input_ids"], tok(["the plot"], max_length=8)["input_ids"])
