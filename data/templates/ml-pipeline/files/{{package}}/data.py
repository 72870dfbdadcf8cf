"""A generated customer-churn table, so the pipeline runs offline.

`drift` moves the world the data comes from: more month-to-month contracts and fibre, higher
prices, more support calls, and customers who react more strongly to price. 0 is the
reference world; 0.5 to 1 is the kind of shift a drift check must catch.

Write a CSV for the "real data" path:

    python -m {{package}}.data --out data/churn.csv --rows 40000
    python -m {{package}}.data --out data/new_batch.csv --rows 10000 --seed 7 --drift 0.8
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

CONTRACTS = ["month-to-month", "one-year", "two-year"]
PAYMENTS = ["card", "bank-transfer", "electronic-check", "mailed-check"]
INTERNET = ["dsl", "fiber", "none"]
REGIONS = ["north", "south", "east", "west"]


def _p(weights) -> np.ndarray:
    w = np.clip(np.asarray(weights, dtype=float), 1e-3, None)
    return w / w.sum()


def generate_churn(n_rows: int, seed: int = 42, drift: float = 0.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = int(n_rows)
    contract = rng.choice(CONTRACTS, size=n, p=_p([0.5 + 0.25 * drift, 0.28 - 0.12 * drift, 0.22 - 0.13 * drift]))
    internet = rng.choice(INTERNET, size=n, p=_p([0.35 - 0.1 * drift, 0.45 + 0.15 * drift, 0.20 - 0.05 * drift]))
    payment = rng.choice(PAYMENTS, size=n, p=_p([0.3, 0.25, 0.3 + 0.1 * drift, 0.15 - 0.05 * drift]))
    region = rng.choice(REGIONS, size=n, p=_p([0.25, 0.25 + 0.1 * drift, 0.25, 0.25 - 0.1 * drift]))
    is_senior = (rng.random(n) < 0.16).astype(int)

    tenure_scale = np.select([contract == "two-year", contract == "one-year"], [30.0, 18.0], 9.0) * (1 - 0.3 * drift)
    tenure = np.clip(np.round(rng.gamma(1.6, tenure_scale)), 0, 72).astype(int)
    monthly = (20 + 30 * (internet != "none") + 25 * (internet == "fiber") + 15 * drift
               + rng.normal(0, 10, size=n))
    monthly = np.round(np.clip(monthly, 18, None), 2)
    total = np.round(np.maximum(tenure, 1) * monthly * rng.normal(1.0, 0.05, size=n), 2)
    total[rng.random(n) < 0.01] = np.nan  # a few missing values, as in any real export
    support = rng.poisson(0.8 + 1.2 * drift + 0.6 * (internet == "fiber"))

    logit = (-1.3 + 1.3 * (contract == "month-to-month") - 0.8 * (contract == "two-year")
             - 0.035 * tenure + (0.02 + 0.03 * drift) * (monthly - 65)
             + 0.35 * support + 0.55 * (payment == "electronic-check") + 0.3 * (internet == "fiber")
             + 0.25 * is_senior)
    churned = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)

    prefix = f"S{seed}D{int(round(drift * 100))}"
    return pd.DataFrame({
        "customer_id": [f"{prefix}-{i:07d}" for i in range(n)],
        "tenure_months": tenure,
        "monthly_charges": monthly,
        "total_charges": total,
        "support_calls": support,
        "contract": contract,
        "payment_method": payment,
        "internet_service": internet,
        "region": region,
        "is_senior": is_senior,
        "churned": churned,
    })


def main(argv=None) -> Path:
    parser = argparse.ArgumentParser(description="Write a generated churn dataset to CSV")
    parser.add_argument("--out", default="data/churn.csv")
    parser.add_argument("--rows", type=int, default=40000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--drift", type=float, default=0.0)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    generate_churn(args.rows, args.seed, args.drift).to_csv(out, index=False)
    print(f"wrote {args.rows} rows to {out}")
    return out


if __name__ == "__main__":
    main()
