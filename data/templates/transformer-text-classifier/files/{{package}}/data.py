"""Text classification data: a real movie-review dataset, or a generated offline one.

Real path: the IMDB movie reviews through the Hugging Face ``datasets`` library (imported only
when used), or your own CSV file with ``text`` and ``label`` columns.

Offline path (``--smoke`` and the tests): ``make_synthetic_reviews`` writes short reviews from
templates. Besides plain reviews it deliberately includes the patterns that trip sentiment
models up -- negation ("was not good"), contrast ("great cast but a dull plot") and sarcasm
("oh great, ... put me to sleep"), so the error analysis has something real to find.
Optional label noise (``--label-noise``) imitates annotation errors.
"""
import csv
import random
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Set, Tuple

import torch
from torch.utils.data import Dataset

LABEL_NAMES = ["negative", "positive"]

POSITIVE = ["great", "wonderful", "brilliant", "excellent", "delightful", "superb", "charming", "moving",
            "beautiful", "fun"]
NEGATIVE = ["awful", "terrible", "boring", "dreadful", "clumsy", "dull", "painful", "mediocre",
            "forgettable", "weak"]
SUBJECTS = ["the movie", "the plot", "the acting", "the soundtrack", "the script", "the ending", "the cast",
            "the dialogue", "the camera work", "this film"]
FILLERS = ["", "", "", " i watched it on sunday.", " my friends agreed.", " it runs two hours.",
           " i saw it in a small cinema.", " the popcorn was cold."]


@dataclass
class TextExample:
    text: str
    label: int  # 0 = negative, 1 = positive
    tag: str = "real"  # synthetic data: plain / negation / contrast / sarcasm (what the generator did)


@dataclass
class TextSplits:
    train: List[TextExample]
    val: List[TextExample]
    test: List[TextExample]
    source: str = "synthetic"
    extra: Dict[str, object] = field(default_factory=dict)


def _review(rng: random.Random) -> Tuple[str, int, str]:
    """One synthetic review: (text, label, tag)."""
    subject = rng.choice(SUBJECTS)
    filler = rng.choice(FILLERS)
    kind = rng.choices(["plain", "negation", "contrast", "sarcasm"], weights=[0.45, 0.25, 0.15, 0.15])[0]
    if kind == "plain":
        label = rng.random() < 0.6  # mild class imbalance: 60% positive
        adj = rng.choice(POSITIVE if label else NEGATIVE)
        template = rng.choice(["{s} was {a}.", "{s} was really {a}.", "honestly, {s} is {a}.", "{a}, just {a}."])
        return template.format(s=subject, a=adj) + filler, int(label), kind
    if kind == "negation":
        # The adjective says one thing, the negation flips it.
        adj_positive = rng.random() < 0.5
        adj = rng.choice(POSITIVE if adj_positive else NEGATIVE)
        template = rng.choice(["{s} was not {a}.", "{s} was never {a}.", "i would not call {s} {a}.",
                               "{s} was not {a} at all.", "nobody could say {s} was {a}."])
        return template.format(s=subject, a=adj) + filler, int(not adj_positive), kind
    if kind == "contrast":
        # Two clauses with opposite sentiment: the one after "but" decides.
        label = rng.random() < 0.5
        first = rng.choice(NEGATIVE if label else POSITIVE)
        second = rng.choice(POSITIVE if label else NEGATIVE)
        other = rng.choice([s for s in SUBJECTS if s != subject])
        return f"{subject} was {first} but {other} was {second}." + filler, int(label), kind
    # Sarcasm: positive words, negative meaning.
    adj = rng.choice(POSITIVE)
    template = rng.choice(["oh {a}, {s} put me to sleep.", "yeah right, {s} was so {a}.",
                           "just {a}, another two hours i will never get back.",
                           "{s} was {a} if you enjoy staring at a wall.", "wow, {s} was {a}... said nobody."])
    return template.format(s=subject, a=adj) + filler, 0, kind


def make_synthetic_reviews(n: int, seed: int = 0, label_noise: float = 0.0,
                           exclude: Optional[Set[str]] = None) -> List[TextExample]:
    """``n`` generated reviews, none of whose texts is in ``exclude``.

    ``label_noise`` of them get the wrong label, like annotation errors in real data.
    """
    rng = random.Random(seed)
    exclude = exclude or set()
    examples: List[TextExample] = []
    attempts = 0
    while len(examples) < n:
        attempts += 1
        if attempts > 100 * n:
            raise RuntimeError("could not generate enough distinct reviews")
        text, label, tag = _review(rng)
        flip = rng.random() < label_noise
        if text in exclude:
            continue
        if flip:
            label, tag = 1 - label, tag + "+noisy"
        examples.append(TextExample(text, label, tag))
    return examples


def synthetic_splits(n_train: int = 1200, n_val: int = 300, n_test: int = 400, seed: int = 0,
                     label_noise: float = 0.0) -> TextSplits:
    """Generated train/val/test. Validation and test texts never occur verbatim in training:
    short templates repeat, and a repeated text would let the model score by memorising."""
    train = make_synthetic_reviews(n_train, seed, label_noise)
    seen = {ex.text for ex in train}
    val = make_synthetic_reviews(n_val, seed + 1, label_noise, exclude=seen)
    test = make_synthetic_reviews(n_test, seed + 2, label_noise, exclude=seen | {ex.text for ex in val})
    return TextSplits(train=train, val=val, test=test, source="synthetic")


def split_train_val(examples: Sequence[TextExample], val_fraction: float, seed: int
                    ) -> Tuple[List[TextExample], List[TextExample]]:
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    n_val = max(1, int(round(len(examples) * val_fraction)))
    return [examples[i] for i in order[n_val:]], [examples[i] for i in order[:n_val]]


def _subsample(examples: List[TextExample], limit: Optional[int], seed: int) -> List[TextExample]:
    if limit is None or limit >= len(examples):
        return examples
    return random.Random(seed).sample(examples, limit)


def load_imdb(max_train: Optional[int] = 8000, max_test: Optional[int] = 5000, val_fraction: float = 0.1,
              seed: int = 42) -> TextSplits:
    """IMDB movie reviews (25k train / 25k test) via Hugging Face ``datasets``; downloads on first use."""
    try:
        from datasets import load_dataset  # imported here so the offline path never needs it
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise SystemExit("The real data path needs `pip install datasets` (see requirements.txt), "
                         "or pass --data-csv, or run with --smoke.") from err
    raw = load_dataset("imdb")
    train_all = [TextExample(r["text"], int(r["label"])) for r in raw["train"]]
    test_all = [TextExample(r["text"], int(r["label"])) for r in raw["test"]]
    train_all = _subsample(train_all, None if max_train is None else int(max_train / (1 - val_fraction)), seed)
    train, val = split_train_val(train_all, val_fraction, seed)
    return TextSplits(train, val, _subsample(test_all, max_test, seed), source="imdb")


def load_csv(path: str, val_fraction: float = 0.1, test_fraction: float = 0.2, seed: int = 42) -> TextSplits:
    """Your own data: a CSV with a ``text`` column and a 0/1 ``label`` column."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [TextExample(r["text"], int(r["label"])) for r in csv.DictReader(f)]
    rest, test = split_train_val(rows, test_fraction, seed)
    train, val = split_train_val(rest, val_fraction / (1 - test_fraction), seed + 1)
    return TextSplits(train, val, test, source=f"csv:{path}")


class TextDataset(Dataset):
    def __init__(self, examples: Sequence[TextExample]):
        self.examples = list(examples)

    def __len__(self) -> int:
        return len(self.examples)

    def __getitem__(self, i: int) -> TextExample:
        return self.examples[i]


class Collator:
    """Tokenises a batch of examples, asking for dynamic padding (pad to the longest text in the
    batch; the offline tokenizer does that once ``pad_and_truncate`` is written).

    Works with the offline ``WordTokenizer`` and with a Hugging Face tokenizer alike: both are
    called as ``tokenizer(texts, padding=True, truncation=True, max_length=..., return_tensors="pt")``.
    """

    def __init__(self, tokenizer, max_length: int):
        self.tokenizer = tokenizer
        self.max_length = max_length

    def __call__(self, batch: Sequence[TextExample]) -> Dict[str, torch.Tensor]:
        encoded = self.tokenizer([ex.text for ex in batch], padding=True, truncation=True,
                                 max_length=self.max_length, return_tensors="pt")
        return {
            "input_ids": encoded["input_ids"],
            "attention_mask": encoded["attention_mask"],
            "labels": torch.tensor([ex.label for ex in batch], dtype=torch.long),
        }
