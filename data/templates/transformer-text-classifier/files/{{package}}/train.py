"""Fine-tune a transformer for sentiment classification and analyse how it fails.

    python -m {{package}}.train                      # real: bert-base-uncased on IMDB reviews
    python -m {{package}}.train --data-csv my.csv    # real model, your own text,label CSV
    python -m {{package}}.train --smoke              # offline: tiny transformer, generated reviews

Writes outputs/metrics.json, outputs/worst_misclassifications.jsonl, the plots in outputs/plots/
and checkpoints/best.pt. metrics.json records at its top level whether this was a smoke run
(``smoke``), where the data came from (``data_source``: synthetic, imdb or csv) and the model
(``model_source``: ``random-init:tiny-transformer`` or ``pretrained:<name>``), and, for every
exercise whose code is not written yet, the fallback the run used instead.
"""
import argparse
import json
import os
import random
import time
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader

from .data import Collator, TextDataset, load_csv, load_imdb, synthetic_splits
from .calibration import calibration_or_fallback
from .error_analysis import error_rate_by_pattern, worst_or_fallback
from .metrics import classification_metrics, format_calibration, write_jsonl
from .model import TinyTransformerClassifier, build_pretrained, count_parameters
from .plots import learning_curves, reliability_diagram
from .schedule import linear_warmup_decay, warmup_steps_for
from .temperature import nll, softmax, temperature_or_fallback
from .tokenizer import WordTokenizer, padding_status

# Defaults per model kind; anything given on the command line wins.
DEFAULTS = {
    "bert": {"epochs": 2, "batch_size": 16, "lr": 2e-5, "max_length": 256},
    "tiny": {"epochs": 6, "batch_size": 32, "lr": 4e-3, "max_length": 32},
}


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Fine-tune a transformer text classifier.")
    p.add_argument("--smoke", action="store_true", help="offline: tiny model on generated reviews, seconds on CPU")
    p.add_argument("--model", choices=["bert", "tiny"], default=None, help="default: bert (tiny with --smoke)")
    p.add_argument("--model-name", default="bert-base-uncased", help="Hugging Face name or local directory")
    p.add_argument("--data-csv", default=None, help="CSV with text,label columns instead of IMDB")
    p.add_argument("--max-train-samples", type=int, default=8000)
    p.add_argument("--max-test-samples", type=int, default=5000)
    p.add_argument("--label-noise", type=float, default=0.0,
                   help="generated data only: fraction of labels flipped, like annotation errors")
    p.add_argument("--epochs", type=int, default=None)
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--lr", type=float, default=None, help="peak learning rate")
    p.add_argument("--max-length", type=int, default=None, help="tokens per text, [CLS] and [SEP] included")
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--warmup-ratio", type=float, default=0.1, help="fraction of optimizer steps spent warming up")
    p.add_argument("--grad-clip", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--device", default="auto", help="auto, cpu, cuda, mps")
    p.add_argument("--num-workers", type=int, default=0)
    p.add_argument("--output-dir", default="outputs")
    p.add_argument("--checkpoint-dir", default="checkpoints")
    args = p.parse_args(argv)
    if args.model is None:
        args.model = "tiny" if args.smoke else "bert"
    for key, value in DEFAULTS[args.model].items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def get_device(preference: str = "auto") -> torch.device:
    if preference != "auto":
        return torch.device(preference)
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def train_one_epoch(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer, scheduler,
                    device: torch.device, grad_clip: float, lr_trace: List[float],
                    token_counts: Optional[List[int]] = None) -> float:
    """One pass over ``loader``; appends the lr of every step to ``lr_trace`` and adds
    [real tokens, all tokens] of the batches to ``token_counts``."""
    model.train()
    criterion = nn.CrossEntropyLoss()
    total, seen = 0.0, 0
    for batch in loader:
        input_ids = batch["input_ids"].to(device)
        attention_mask = batch["attention_mask"].to(device)
        if token_counts is not None:
            token_counts[0] += int(attention_mask.sum())
            token_counts[1] += attention_mask.numel()
        labels = batch["labels"].to(device)
        optimizer.zero_grad()
        loss = criterion(model(input_ids, attention_mask), labels)
        loss.backward()
        if grad_clip:
            nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
        optimizer.step()
        lr_trace.append(optimizer.param_groups[0]["lr"])  # the lr this step used
        scheduler.step()  # once per optimizer step, not per epoch
        total += loss.item() * labels.size(0)
        seen += labels.size(0)
    return total / max(seen, 1)


@torch.no_grad()
def predict(model: nn.Module, loader: DataLoader, device: torch.device
            ) -> Tuple[np.ndarray, np.ndarray, float, np.ndarray]:
    """(probabilities (n, num_labels), labels (n,), mean cross-entropy, logits (n, num_labels))."""
    model.eval()
    all_logits, labels, total = [], [], 0.0
    for batch in loader:
        logits = model(batch["input_ids"].to(device), batch["attention_mask"].to(device)).float()
        y = batch["labels"].to(device)
        total += nn.functional.cross_entropy(logits, y, reduction="sum").item()
        all_logits.append(logits.cpu())
        labels.append(y.cpu())
    z = torch.cat(all_logits)
    y = torch.cat(labels).numpy()
    return torch.softmax(z, dim=-1).numpy(), y, total / max(len(y), 1), z.numpy()


def _sample_trace(trace: List[float], max_points: int = 60) -> List[Dict[str, float]]:
    if not trace:
        return []
    stride = max(1, len(trace) // max_points)
    points = list(range(0, len(trace), stride))
    if points[-1] != len(trace) - 1:
        points.append(len(trace) - 1)
    return [{"step": i, "lr": float(trace[i])} for i in points]


def main(argv: Optional[List[str]] = None) -> dict:
    args = parse_args(argv)
    set_seed(args.seed)
    device = get_device(args.device)

    # 1. Data
    if args.smoke:
        splits = synthetic_splits(seed=args.seed, label_noise=args.label_noise)
    elif args.data_csv:
        splits = load_csv(args.data_csv, seed=args.seed)
    else:
        splits = load_imdb(args.max_train_samples, args.max_test_samples, seed=args.seed)
    print(f"data: {splits.source}  train {len(splits.train)}  val {len(splits.val)}  test {len(splits.test)}")

    # 2. Tokenizer + model with a classification head
    os.makedirs(args.checkpoint_dir, exist_ok=True)
    if args.model == "bert":
        tokenizer, model = build_pretrained(args.model_name, num_labels=2)
    else:
        tokenizer = WordTokenizer.train(ex.text for ex in splits.train)  # vocabulary from training texts only
        tokenizer.save(os.path.join(args.checkpoint_dir, "vocab.json"))
        model = TinyTransformerClassifier(tokenizer.vocab_size, num_labels=2, max_length=args.max_length,
                                          pad_token_id=tokenizer.pad_token_id)
    model.to(device)
    print(f"model: {args.model} ({count_parameters(model):,} trainable parameters) on {device}")
    pooling = getattr(model, "pooling_used", "[CLS] vector of the pre-trained encoder")
    padding = padding_status() if isinstance(tokenizer, WordTokenizer) else "Hugging Face tokenizer, padding=True"

    collate = Collator(tokenizer, args.max_length)
    generator = torch.Generator().manual_seed(args.seed)
    train_loader = DataLoader(TextDataset(splits.train), batch_size=args.batch_size, shuffle=True,
                              collate_fn=collate, generator=generator, num_workers=args.num_workers)
    val_loader = DataLoader(TextDataset(splits.val), batch_size=args.batch_size * 2, collate_fn=collate,
                            num_workers=args.num_workers)
    test_loader = DataLoader(TextDataset(splits.test), batch_size=args.batch_size * 2, collate_fn=collate,
                             num_workers=args.num_workers)

    # 3. Optimizer and the warm-up / decay schedule. No weight decay on biases and LayerNorm weights.
    decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim <= 1]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                                   {"params": no_decay, "weight_decay": 0.0}], lr=args.lr)
    total_steps = len(train_loader) * args.epochs
    warmup_steps = warmup_steps_for(total_steps, args.warmup_ratio)
    scheduler, schedule_kind = linear_warmup_decay(optimizer, warmup_steps, total_steps)
    print(f"schedule: {schedule_kind}, {total_steps} optimizer steps, {warmup_steps} warm-up, peak lr {args.lr}")

    # 4. Train, keeping the epoch with the best validation macro-F1
    history, lr_trace, token_counts = [], [], [0, 0]
    best_f1, best_epoch = -1.0, 0
    best_path = os.path.join(args.checkpoint_dir, "best.pt")
    for epoch in range(1, args.epochs + 1):
        t0 = time.time()
        train_loss = train_one_epoch(model, train_loader, optimizer, scheduler, device, args.grad_clip, lr_trace,
                                     token_counts)
        val_probs, val_labels, val_loss, _ = predict(model, val_loader, device)
        val = classification_metrics(val_labels, val_probs)
        history.append({"epoch": epoch, "train_loss": round(train_loss, 4), "val_loss": round(val_loss, 4),
                        "val_accuracy": round(val["accuracy"], 4), "val_f1_macro": round(val["f1_macro"], 4),
                        "lr_end": lr_trace[-1] if lr_trace else args.lr, "seconds": round(time.time() - t0, 2)})
        print(f"epoch {epoch}/{args.epochs}  train loss {train_loss:.4f}  val loss {val_loss:.4f}  "
              f"val acc {val['accuracy']:.3f}  val F1 {val['f1_macro']:.3f}  lr {lr_trace[-1]:.2e}")
        if val["f1_macro"] > best_f1:
            best_f1, best_epoch = val["f1_macro"], epoch
            torch.save({"model": model.state_dict(), "epoch": epoch, "model_kind": args.model,
                        "max_length": args.max_length}, best_path)

    # 5. Test-set evaluation of the best epoch
    model.load_state_dict(torch.load(best_path, map_location=device)["model"])
    probs, labels, test_loss, test_logits = predict(model, test_loader, device)
    test = classification_metrics(labels, probs)
    test["loss"] = test_loss
    calibration = calibration_or_fallback(probs.max(axis=1), probs.argmax(axis=1) == labels, n_bins=10)
    test["ece"] = calibration["ece"]

    # 6. Temperature scaling: fitted on the validation logits of the best epoch, applied to test
    _, val_labels, _, val_logits = predict(model, val_loader, device)
    temperature, temperature_status = temperature_or_fallback(val_logits, val_labels)
    scaled = softmax(test_logits, temperature)
    calibrated = calibration_or_fallback(scaled.max(axis=1), scaled.argmax(axis=1) == labels, n_bins=10)

    # 7. Error analysis
    texts = [ex.text for ex in splits.test]
    tags = [ex.tag for ex in splits.test] if splits.source == "synthetic" else ()
    worst, worst_status = worst_or_fallback(texts, labels.tolist(), probs, k=10, tags=tags)
    pattern_counts: Dict[str, int] = {}
    for row in worst:
        for name in row["patterns"] or ["none"]:
            pattern_counts[name] = pattern_counts.get(name, 0) + 1

    os.makedirs(args.output_dir, exist_ok=True)
    write_jsonl(worst, os.path.join(args.output_dir, "worst_misclassifications.jsonl"))
    data_source = splits.source.split(":", 1)[0]  # synthetic, imdb or csv
    model_source = f"pretrained:{args.model_name}" if args.model == "bert" else "random-init:tiny-transformer"
    plots_dir = os.path.join(args.output_dir, "plots")
    run_title = f"{model_source} on {data_source}{' (smoke)' if args.smoke else ''}"
    metrics = {
        "smoke": bool(args.smoke),
        "data_source": data_source,
        "model_source": model_source,
        "model": args.model_name if args.model == "bert" else "tiny-transformer",
        "device": str(device),
        "epochs_completed": len(history),
        "best_epoch": best_epoch,
        "best_val_f1_macro": round(best_f1, 4),
        "test": {k: (round(v, 4) if isinstance(v, float) else v) for k, v in test.items()},
        "padding": {"status": padding, "pad_fraction": round(1 - token_counts[0] / max(token_counts[1], 1), 4)},
        "pooling": pooling,
        "calibration": calibration,
        "temperature_scaling": {
            "status": temperature_status,
            "temperature": round(temperature, 4),
            "val_nll_before": round(nll(val_logits, val_labels), 4),
            "val_nll_after": round(nll(val_logits, val_labels, temperature), 4),
            "test_ece_before": calibration["ece"],
            "test_ece_after": calibrated["ece"],
            "calibration_after": calibrated,
        },
        "lr_schedule": {"kind": schedule_kind, "peak_lr": args.lr, "warmup_steps": warmup_steps,
                        "total_steps": total_steps, "lr_first_step": lr_trace[0] if lr_trace else None,
                        "lr_last_step": lr_trace[-1] if lr_trace else None,
                        "lr_after_training": optimizer.param_groups[0]["lr"], "trace": _sample_trace(lr_trace)},
        "error_analysis": {
            "status": worst_status,
            "worst_misclassifications": len(worst),
            "patterns_in_worst": pattern_counts,
            "error_rate_by_pattern": error_rate_by_pattern(texts, labels.tolist(), probs),
        },
        "history": history,
        "plots": {
            "learning_curves": learning_curves(history, lr_trace, os.path.join(plots_dir, "learning_curves.png"),
                                               run_title),
            "reliability": reliability_diagram(calibration, os.path.join(plots_dir, "reliability.png"), calibrated,
                                               temperature, f"Reliability, test set\n{run_title}"),
        },
        "config": vars(args),
    }
    with open(os.path.join(args.output_dir, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)

    t = metrics["test"]
    auc = "n/a" if t["auc_roc"] is None else f"{t['auc_roc']:.3f}"
    print(f"\ntest: accuracy {t['accuracy']:.3f}  F1 binary {t['f1_binary']:.3f}  F1 macro {t['f1_macro']:.3f}  "
          f"AUC-ROC {auc}")
    print("calibration (reliability table):")
    print("\n".join(format_calibration(calibration)))
    print(f"temperature scaling: T = {temperature:.3f} ({temperature_status})")
    gaps = [f"  {name}: {status}" for name, status in (("padding", padding), ("pooling", pooling),
            ("lr schedule", schedule_kind), ("calibration", calibration["status"]), ("temperature", temperature_status),
            ("worst mistakes", worst_status)) if status.startswith("fallback")]
    if gaps:
        print("exercises not done yet (fallbacks used):\n" + "\n".join(gaps))
    print("error rate by pattern:")
    for name, row in metrics["error_analysis"]["error_rate_by_pattern"].items():
        print(f"  {name:>15s}  n={row['count']:5d}  error {row['error_rate']:.1%}")
    print(f"\n{len(worst)} most confident mistakes -> {os.path.join(args.output_dir, 'worst_misclassifications.jsonl')}")
    for row in worst[:3]:
        print(f"  [{row['confidence']:.2f}] label {row['label']} predicted {row['predicted']}: {row['text'][:100]}")
    print(f"wrote {os.path.join(args.output_dir, 'metrics.json')}")
    return metrics


if __name__ == "__main__":
    main()
