"""Milestone data-validation-gate: write charges_consistency in {{package}}/steps.py.

    python -m pytest milestones/test_data_validation_gate.py
"""
from pathlib import Path

import numpy as np
import pytest
from exercise_helpers import written

from {{package}} import steps
from {{package}}.config import load_config
from {{package}}.data import generate_churn

CONFIG = Path(__file__).resolve().parents[1] / "configs" / "pipeline.yaml"


@pytest.fixture
def params():
    cfg = load_config(CONFIG, smoke=True)
    return {"validation": cfg["validation"], "target": cfg["features"]["target"]}


def check(df, params):
    return written(steps.charges_consistency, "{{package}}/steps.py")(df, params)


def _corrupt(df, share, seed=0):
    bad = df.copy()
    idx = np.random.default_rng(seed).choice(len(bad), int(share * len(bad)), replace=False)
    bad.loc[idx, "total_charges"] = bad.loc[idx, "total_charges"] * 3  # e.g. a unit or currency mix-up
    return bad


def test_clean_data_passes_and_the_report_has_ten_checks(params):
    df = generate_churn(3000, seed=1)
    result = check(df, params)
    assert result["name"] == "charges_consistency" and result["passed"] is True, result
    report = steps.validate(params, df)["report"]
    assert report["n_checks"] == 10, f"validate should now run 10 checks, ran {report['n_checks']}"
    assert report["skipped"] == []


def test_a_batch_with_inconsistent_charges_is_rejected(params):
    bad = _corrupt(generate_churn(3000, seed=1), 0.05)
    result = check(bad, params)
    assert result["passed"] is False, f"5% of rows have total_charges 3× too high; the check passed: {result}"
    with pytest.raises(steps.DataValidationError) as err:
        steps.validate(params, bad)
    failed = {c["name"] for c in err.value.report["checks"] if not c["passed"]}
    assert failed == {"charges_consistency"}, f"only the new check should fail, failed: {failed}"


def test_a_few_inconsistent_rows_are_tolerated(params):
    few = _corrupt(generate_churn(3000, seed=1), 0.005)
    assert check(few, params)["passed"] is True, "0.5% inconsistent rows is within max_inconsistent_fraction (1%)"
    stricter = {**params, "validation": {**params["validation"], "max_inconsistent_fraction": 0.001}}
    assert check(few, stricter)["passed"] is False, "use params['validation']['max_inconsistent_fraction']"


def test_missing_values_and_new_customers_are_not_violations(params):
    df = generate_churn(3000, seed=2)
    df.loc[:599, "total_charges"] = np.nan  # 20% missing: not this check's business (null_fraction is)
    new = df.index[600:900]
    df.loc[new, "tenure_months"] = 0  # customers in their first month pay one month
    df.loc[new, "total_charges"] = df.loc[new, "monthly_charges"]
    result = check(df, params)
    assert result["passed"] is True, f"NaN totals are skipped and tenure 0 counts as 1 month: {result}"


def test_the_tolerance_comes_from_the_config(params):
    df = generate_churn(3000, seed=3)
    df["total_charges"] = df["total_charges"] * 1.10  # everyone 10% over
    assert check(df, params)["passed"] is True, "10% off is within charges_tolerance 0.25"
    tight = {**params, "validation": {**params["validation"], "charges_tolerance": 0.05}}
    assert check(df, tight)["passed"] is False, "use params['validation']['charges_tolerance']"


def test_missing_rows_are_not_counted_in_the_share(params):
    df = generate_churn(3000, seed=4)
    df.loc[:1499, "total_charges"] = np.nan  # half the batch has no total: not counted at all
    checked = df.index[1500:][df.loc[1500:, "total_charges"].notna()]
    wrong = np.random.default_rng(0).choice(checked, 24, replace=False)
    df.loc[wrong, "total_charges"] = df.loc[wrong, "total_charges"] * 3
    result = check(df, params)
    assert result["passed"] is False, (
        f"24 of the ~1480 rows that can be checked (1.6%) are off, above the 1% allowed; counting the 1500 rows "
        f"with a missing total in the denominator dilutes that to 0.8%: {result}")


def test_a_batch_with_no_row_to_check_fails(params):
    df = generate_churn(1000, seed=5)
    df["total_charges"] = np.nan  # e.g. the export dropped the column's values
    result = check(df, params)
    assert result["passed"] is False, f"no row has all three values: the check cannot vouch for this batch: {result}"


def test_totals_too_low_are_inconsistent_too(params):
    df = generate_churn(3000, seed=6)
    idx = np.random.default_rng(1).choice(len(df), 150, replace=False)
    df.loc[idx, "total_charges"] = df.loc[idx, "total_charges"] / 3  # e.g. a currency mix-up the other way
    assert check(df, params)["passed"] is False, "5% of totals are 3x too LOW: |ratio - 1| catches both directions"


@pytest.mark.parametrize("seed", range(8))
def test_random_batches(params, seed):
    rng = np.random.default_rng(100 + seed)
    df = generate_churn(int(rng.integers(800, 4000)), seed=seed + 20)
    for col in ("tenure_months", "monthly_charges", "total_charges"):
        gone = rng.random(len(df)) < rng.uniform(0, 0.15)
        df.loc[gone, col] = np.nan
    counted = df.index[df[["tenure_months", "monthly_charges", "total_charges"]].notna().all(axis=1)]
    share = float(rng.choice([0.0, 0.004, 0.02, 0.04]))
    wrong = rng.choice(counted, int(share * len(counted)), replace=False)
    df.loc[wrong, "total_charges"] = df.loc[wrong, "total_charges"] * rng.choice([3.0, 1 / 3, 1.6, 0.5], len(wrong))
    result = check(df, params)
    assert result["passed"] is (share <= 0.01), (
        f"{len(wrong)} of the {len(counted)} rows with all three values are off ({share:.1%}; allowed 1%), "
        f"{len(df) - len(counted)} rows have a missing value: expected passed={share <= 0.01}, got {result}")
