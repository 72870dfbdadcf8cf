"""The README's description of the learning-rate schedule agrees with the code.

It once said the learning rate is 0 on the last step, while the code (like Hugging Face's
get_linear_schedule_with_warmup) runs the last step at peak / (total - warmup) and reaches 0
only after it. milestones/test_warmup_linear_decay.py pins the code to that formula; this test
pins the README's worked example to the smoke run's real step counts and to the same formula.
"""
import math
import re
from pathlib import Path

import pytest

from {{package}}.data import synthetic_splits
from {{package}}.schedule import warmup_steps_for
from {{package}}.train import parse_args

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(r"In the smoke run \((\d+) optimizer steps, (\d+) of them warm-up, peak ([0-9.e-]+)\)\s+"
                     r"the last step\s+runs at ([0-9.e-]+)\.")


def test_readme_does_not_claim_a_zero_lr_on_the_last_step():
    flat = " ".join(README.split())
    claim = re.search(r"[^.]*\b0 on the last\b[^.]*", flat)
    assert claim is None, f"the last optimizer step does not run at lr 0, but the README says: {claim and claim[0]!r}"
    assert "`peak / (total - warmup)` on the last" in flat


def test_readme_worked_example_matches_the_smoke_run():
    match = EXAMPLE.search(" ".join(README.split()))
    assert match, "README should give the smoke run's schedule as a worked example"
    total, warmup, peak, last = int(match[1]), int(match[2]), float(match[3]), float(match[4])
    args = parse_args(["--smoke"])
    steps_per_epoch = math.ceil(len(synthetic_splits().train) / args.batch_size)
    assert total == steps_per_epoch * args.epochs, "optimizer steps of the smoke run"
    assert warmup == warmup_steps_for(total, args.warmup_ratio), "warm-up steps of the smoke run"
    assert peak == args.lr
    assert last == pytest.approx(peak / (total - warmup), rel=5e-3), "the last step runs at peak / (total - warmup)"
