from collections import Counter

from {{package}}.data import (
    NEGATIVE,
    POSITIVE,
    Collator,
    TextExample,
    load_csv,
    make_synthetic_reviews,
    split_train_val,
    synthetic_splits,
)
from {{package}}.tokenizer import WordTokenizer


def test_synthetic_reviews_are_seeded_and_varied():
    a = make_synthetic_reviews(300, seed=3)
    b = make_synthetic_reviews(300, seed=3)
    c = make_synthetic_reviews(300, seed=4)
    assert [(x.text, x.label) for x in a] == [(x.text, x.label) for x in b]
    assert [x.text for x in a] != [x.text for x in c]
    assert {x.label for x in a} == {0, 1}
    assert {x.tag for x in a} == {"plain", "negation", "contrast", "sarcasm"}


def test_negation_flips_the_adjective():
    for ex in make_synthetic_reviews(400, seed=0):
        if ex.tag != "negation":
            continue
        words = set(ex.text.replace(".", " ").split())
        if words & set(POSITIVE):
            assert ex.label == 0, ex.text
        if words & set(NEGATIVE):
            assert ex.label == 1, ex.text


def test_sarcasm_is_negative_with_positive_words():
    sarcastic = [ex for ex in make_synthetic_reviews(400, seed=0) if ex.tag == "sarcasm"]
    assert sarcastic
    for ex in sarcastic:
        assert ex.label == 0
        assert set(ex.text.replace(",", " ").replace(".", " ").split()) & set(POSITIVE)


def test_label_noise_flips_about_the_requested_fraction():
    clean = make_synthetic_reviews(2000, seed=1)
    noisy = make_synthetic_reviews(2000, seed=1, label_noise=0.1)
    assert [x.text for x in clean] == [x.text for x in noisy]
    flipped = sum(a.label != b.label for a, b in zip(clean, noisy))
    assert 140 <= flipped <= 260
    assert all(b.tag.endswith("+noisy") for a, b in zip(clean, noisy) if a.label != b.label)


def test_splits_do_not_share_texts():
    splits = synthetic_splits(n_train=500, n_val=100, n_test=100, seed=0)
    train = {x.text for x in splits.train}
    assert (len(splits.train), len(splits.val), len(splits.test)) == (500, 100, 100)
    assert train.isdisjoint(x.text for x in splits.val)
    assert train.isdisjoint(x.text for x in splits.test)


def test_split_train_val():
    examples = [TextExample(str(i), i % 2) for i in range(50)]
    train, val = split_train_val(examples, 0.2, seed=0)
    assert len(train) == 40 and len(val) == 10
    assert {x.text for x in train} | {x.text for x in val} == {str(i) for i in range(50)}


def test_collator_tokenises_truncates_and_keeps_labels():
    batch = [TextExample("great", 1), TextExample("the plot was not great at all", 0)]
    tok = WordTokenizer.train(x.text for x in batch)
    out = Collator(tok, max_length=64)(batch)
    assert out["input_ids"].shape == out["attention_mask"].shape
    assert out["attention_mask"].sum(dim=1).tolist() == [3, 9]
    assert out["labels"].tolist() == [1, 0]
    short = Collator(tok, max_length=5)(batch)
    assert short["input_ids"].shape == (2, 5)


def test_load_csv(tmp_path):
    path = tmp_path / "reviews.csv"
    rows = ["text,label"] + [f"\"review number {i}, fine\",{i % 2}" for i in range(100)]
    path.write_text("\n".join(rows) + "\n")
    splits = load_csv(str(path), val_fraction=0.1, test_fraction=0.2, seed=0)
    assert (len(splits.train), len(splits.val), len(splits.test)) == (70, 10, 20)
    assert Counter(x.label for x in splits.train + splits.val + splits.test) == {0: 50, 1: 50}
    assert splits.train[0].text.startswith("review number")
