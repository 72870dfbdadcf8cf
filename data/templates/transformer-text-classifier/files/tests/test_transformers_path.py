"""The real (Hugging Face) path, run on a tiny randomly initialised BERT saved locally.

Skipped, visibly, when `transformers` is not installed: `pip install -r requirements.txt`.
Nothing is downloaded: the model and tokenizer are created in a temporary directory.
"""
import json

import pytest
import torch

transformers = pytest.importorskip("transformers")

from {{package}}.data import Collator, TextExample  # noqa: E402
from {{package}}.model import PretrainedEncoderClassifier, build_pretrained  # noqa: E402
from {{package}}.train import main  # noqa: E402

WORDS = ["the", "movie", "plot", "was", "not", "great", "awful", "but", "fun", "dull", ".", ","]


@pytest.fixture(scope="module")
def tiny_bert_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("tiny-bert")
    vocab = path / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + WORDS) + "\n")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(vocab), do_lower_case=True)
    config = transformers.BertConfig(vocab_size=len(WORDS) + 5, hidden_size=32, num_hidden_layers=2,
                                     num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
    transformers.BertModel(config).save_pretrained(str(path))
    tokenizer.save_pretrained(str(path))
    return str(path)


def test_build_pretrained_loads_tokenizer_and_encoder(tiny_bert_dir):
    tokenizer, model = build_pretrained(tiny_bert_dir, num_labels=2)
    assert isinstance(model, PretrainedEncoderClassifier)
    batch = Collator(tokenizer, max_length=16)([TextExample("the movie was great", 1),
                                                TextExample("the plot was not fun, but dull", 0)])
    assert batch["input_ids"].shape == batch["attention_mask"].shape
    assert batch["input_ids"][0, 0].item() == tokenizer.cls_token_id
    logits = model(batch["input_ids"], batch["attention_mask"])
    assert logits.shape == (2, 2)
    loss = torch.nn.functional.cross_entropy(logits, batch["labels"])
    loss.backward()
    assert model.encoder.embeddings.word_embeddings.weight.grad is not None  # the encoder is fine-tuned too


def test_real_path_end_to_end_on_a_csv(tiny_bert_dir, tmp_path, monkeypatch):
    rows = ["text,label"]
    for i in range(60):
        rows.append("the movie was great,1" if i % 2 else "the plot was awful,0")
    (tmp_path / "reviews.csv").write_text("\n".join(rows) + "\n")
    monkeypatch.chdir(tmp_path)
    metrics = main(["--model", "bert", "--model-name", tiny_bert_dir, "--data-csv", "reviews.csv",
                    "--epochs", "1", "--batch-size", "8", "--lr", "1e-3", "--max-length", "16"])
    assert metrics["smoke"] is False and metrics["data_source"] == "csv"
    assert metrics["model_source"] == f"pretrained:{tiny_bert_dir}"
    saved = json.loads((tmp_path / "outputs" / "metrics.json").read_text())
    assert 0.0 <= saved["test"]["f1_macro"] <= 1.0
