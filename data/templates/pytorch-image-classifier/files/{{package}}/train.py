"""Train and evaluate the CIFAR-10 classifier.

    python -m {{package}}.train            # real run: downloads CIFAR-10 into data/
    python -m {{package}}.train --smoke    # offline: synthetic images, 3 tiny epochs, seconds on a CPU
    python -m {{package}}.train --resume   # continue from checkpoints/last.pt

Writes outputs/metrics.json, outputs/confusion_matrix.csv, outputs/plots/*.png,
checkpoints/best.pt and checkpoints/last.pt.
"""
import argparse
import json
import os
import time
from typing import Any, Dict, List, Optional

import torch
from torch import nn

from .data import CIFAR10_CLASSES, build_dataloaders, load_raw_datasets, normalisation_stats, split_indices
from .engine import evaluate, get_device, load_checkpoint, save_checkpoint, seed_epoch, set_seed, train_one_epoch
from .metrics import (
    confusion_matrix,
    format_report,
    most_confused_with,
    per_class_accuracy,
    weakest_class,
    write_confusion_csv,
)
from .model import DEFAULT_CHANNELS, build_model, count_parameters
from .plots import plot_confusion_matrix, plot_learning_curves
from .schedule import epoch_lr

FALLBACK_REPORT = "fallback: no per-class report (confusion_matrix not written yet)"

# Options that must not change between a run and its --resume (--epochs may: it extends the run).
RESUME_MUST_MATCH = (
    "batch_size", "lr", "warmup_epochs", "weight_decay", "val_fraction", "seed", "channels", "no_augment",
    "smoke", "smoke_train_size", "smoke_test_size",
)


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Train a small CNN on CIFAR-10.")
    p.add_argument("--epochs", type=int, default=None, help="default: 15 (3 with --smoke)")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3, help="base (peak) learning rate of Adam")
    p.add_argument("--warmup-epochs", type=int, default=None, help="epochs of linear learning-rate warmup (default 2; 1 with --smoke)")
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--val-fraction", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--channels", type=int, nargs="+", default=list(DEFAULT_CHANNELS))
    p.add_argument("--no-augment", action="store_true", help="turn off training augmentation")
    p.add_argument("--num-workers", type=int, default=2)
    p.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:1, mps")
    p.add_argument("--data-dir", default="data")
    p.add_argument("--output-dir", default="outputs")
    p.add_argument("--checkpoint-dir", default="checkpoints")
    p.add_argument("--resume", action="store_true", help="continue from <checkpoint-dir>/last.pt")
    p.add_argument("--smoke", action="store_true", help="offline run on synthetic images: no download, seconds")
    p.add_argument("--smoke-train-size", type=int, default=600, help="synthetic training pool (with --smoke)")
    p.add_argument("--smoke-test-size", type=int, default=300, help="synthetic test images (with --smoke)")
    args = p.parse_args(argv)
    if args.epochs is None:
        args.epochs = 3 if args.smoke else 15
    if args.warmup_epochs is None:
        args.warmup_epochs = 1 if args.smoke else 2
    if args.smoke:
        # Small enough for a laptop CPU in a few seconds.
        args.batch_size = min(args.batch_size, 32)
        args.num_workers = 0
    return args


def main(argv: Optional[List[str]] = None) -> Dict[str, Any]:
    args = parse_args(argv)
    set_seed(args.seed)
    device = get_device(args.device)
    print(f"device: {device}  smoke: {args.smoke}")

    train_pool, test_set, data_source = load_raw_datasets(
        args.data_dir, smoke=args.smoke, smoke_train_size=args.smoke_train_size, smoke_test_size=args.smoke_test_size
    )
    train_idx, val_idx = split_indices(len(train_pool), args.val_fraction, args.seed)
    (mean, std), normalisation = normalisation_stats(train_pool, train_idx)
    print(f"normalisation: {normalisation}  mean {tuple(round(m, 4) for m in mean)}  std {tuple(round(s, 4) for s in std)}")
    train_loader, val_loader, test_loader = build_dataloaders(
        train_pool,
        test_set,
        train_idx,
        val_idx,
        batch_size=args.batch_size,
        seed=args.seed,
        augment=not args.no_augment,
        num_workers=args.num_workers,
        pin_memory=device.type == "cuda",
        mean=mean,
        std=std,
    )
    print(
        f"{data_source}: train {len(train_loader.dataset)}  val {len(val_loader.dataset)}  "
        f"test {len(test_loader.dataset)} images"
    )

    model, model_source = build_model(num_classes=len(CIFAR10_CLASSES), channels=args.channels)
    model = model.to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    print(f"model: {model_source}, {model.num_conv_layers} conv layers, {count_parameters(model):,} parameters")

    last_path = os.path.join(args.checkpoint_dir, "last.pt")
    best_path = os.path.join(args.checkpoint_dir, "best.pt")
    start_epoch, best_val_acc, best_epoch, history = 1, -1.0, 0, []
    resumed_from_epoch = 0
    if args.resume:
        if not os.path.exists(last_path):
            raise SystemExit(f"--resume given but {last_path} does not exist")
        state = load_checkpoint(last_path, model, optimizer, device)
        saved = state.get("run_options", {})
        changed = [k for k in RESUME_MUST_MATCH if k in saved and saved[k] != getattr(args, k)]
        if changed:
            raise SystemExit(
                f"--resume: {last_path} was trained with different options: "
                + ", ".join(f"--{k.replace('_', '-')} {saved[k]} (now {getattr(args, k)})" for k in changed)
            )
        start_epoch = state["epoch"] + 1
        best_val_acc = state.get("best_val_accuracy", -1.0)
        best_epoch = state.get("best_epoch", 0)
        history = state.get("history", [])
        resumed_from_epoch = state["epoch"]
        print(f"resumed from {last_path}: next epoch {start_epoch}")

    training, schedule = "not run", "not run"
    for epoch in range(start_epoch, args.epochs + 1):
        t0 = time.time()
        # Epoch k's shuffle, augmentation and dropout depend only on (seed, k): resuming is faithful.
        seed_epoch(args.seed, epoch, train_loader)
        lr, schedule = epoch_lr(args.lr, epoch, args.epochs, args.warmup_epochs)
        for group in optimizer.param_groups:
            group["lr"] = lr
        train_loss, train_acc, training = train_one_epoch(model, train_loader, optimizer, criterion, device)
        val_loss, val_acc, _, _ = evaluate(model, val_loader, criterion, device)
        row = {
            "epoch": epoch,
            "lr": lr,
            "train_loss": round(train_loss, 4),
            "train_accuracy": round(train_acc, 4),
            "val_loss": round(val_loss, 4),
            "val_accuracy": round(val_acc, 4),
            "seconds": round(time.time() - t0, 2),
        }
        history.append(row)
        print(
            f"epoch {epoch:3d}/{args.epochs}  lr {lr:.2e}  train loss {train_loss:.4f} acc {train_acc:.3f}  "
            f"val loss {val_loss:.4f} acc {val_acc:.3f}  ({row['seconds']}s)"
        )
        if val_acc > best_val_acc:
            best_val_acc, best_epoch = val_acc, epoch
            save_checkpoint(best_path, model, optimizer, epoch, best_val_accuracy=best_val_acc, best_epoch=epoch)
        save_checkpoint(
            last_path, model, optimizer, epoch,
            best_val_accuracy=best_val_acc, best_epoch=best_epoch, history=history,
            run_options={k: getattr(args, k) for k in RESUME_MUST_MATCH},
        )

    # Evaluate the best checkpoint (chosen on validation) on the untouched test set.
    if os.path.exists(best_path):
        load_checkpoint(best_path, model, device=device)
    test_loss, test_acc, preds, targets = evaluate(model, test_loader, criterion, device)

    os.makedirs(args.output_dir, exist_ok=True)
    plots_dir = os.path.join(args.output_dir, "plots")
    plots = {}
    if history:
        plots["learning_curves"] = plot_learning_curves(history, os.path.join(plots_dir, "learning_curves.png"))
    report = build_report(preds, targets)
    if report["cm"] is not None:
        write_confusion_csv(report["cm"], CIFAR10_CLASSES, os.path.join(args.output_dir, "confusion_matrix.csv"))
        plots["confusion_matrix"] = plot_confusion_matrix(
            report["cm"], CIFAR10_CLASSES, os.path.join(plots_dir, "confusion_matrix.png")
        )

    fallbacks = [
        milestone
        for milestone, source in (
            ("compute-normalisation-stats", normalisation),
            ("write-conv-block", model_source),
            ("write-training-step", training),
            ("add-lr-scheduler", schedule),
            ("write-confusion-matrix", report["source"]),
        )
        if source.startswith("fallback")
    ]
    metrics = {
        "smoke": bool(args.smoke),
        "data_source": data_source,
        "model_source": model_source,
        "normalisation": normalisation,
        "normalisation_stats": {"mean": [round(m, 4) for m in mean], "std": [round(s, 4) for s in std]},
        "training": training,
        "lr_schedule": schedule,
        "report": report["source"],
        "fallbacks": fallbacks,
        "device": str(device),
        "epochs_completed": history[-1]["epoch"] if history else 0,
        "resumed_from_epoch": resumed_from_epoch,
        "best_epoch": best_epoch,
        "best_val_accuracy": round(best_val_acc, 4),
        "test": {"loss": round(test_loss, 4), "accuracy": round(test_acc, 4), "num_images": int(targets.numel())},
        "per_class_accuracy": report["per_class"],
        "weakest_class": report["weakest"],
        "model": {"conv_layers": model.num_conv_layers, "parameters": count_parameters(model)},
        "plots": plots,
        "history": history,
        "config": {k: v for k, v in vars(args).items()},
    }
    with open(os.path.join(args.output_dir, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)

    print(f"\ntest accuracy {test_acc:.3f} (best epoch {best_epoch}, data: {data_source})")
    if report["cm"] is not None:
        print("\n".join(format_report(report["per_class"])))
        weakest = report["weakest"]
        confused = weakest["most_confused_with"]
        print(
            f"weakest class: {weakest['name']} ({weakest['accuracy']:.1%}), most often predicted as "
            f"{confused['name']} ({confused['count']} images)"
        )
    for milestone in fallbacks:
        print(f"fallback in use until you finish the exercise: {milestone}")
    print(f"wrote {os.path.join(args.output_dir, 'metrics.json')}")
    return metrics


def build_report(preds: torch.Tensor, targets: torch.Tensor) -> Dict[str, Any]:
    """Confusion matrix, per-class accuracy and weakest class; empty while confusion_matrix is a stub."""
    try:
        cm = confusion_matrix(preds, targets, len(CIFAR10_CLASSES))
    except NotImplementedError:
        return {"cm": None, "per_class": None, "weakest": None, "source": FALLBACK_REPORT}
    per_class = per_class_accuracy(cm, CIFAR10_CLASSES)
    weakest = weakest_class(per_class)
    weakest["most_confused_with"] = most_confused_with(cm, CIFAR10_CLASSES, weakest["name"])
    return {
        "cm": cm,
        "per_class": {k: round(v, 4) for k, v in per_class.items()},
        "weakest": weakest,
        "source": "confusion matrix of the best checkpoint on the test set",
    }


if __name__ == "__main__":
    main()
