"""Configuration for the two-stage recommender.

`Config()` is the real configuration (1000 candidates per user, a catalogue of 20k items).
`Config.smoke()` is a tiny version that runs in a few seconds and is what the tests use.
Every number that changes behaviour lives here, so an experiment is "change one field, rerun".
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass
class Config:
    seed: int = 42

    # --- mock e-commerce world (see data.py) ---
    n_users: int = 6000
    n_items: int = 20000
    n_categories: int = 24
    latent_dim: int = 16
    min_events: int = 10          # events per user: min_events + Poisson(extra_events)
    extra_events: int = 14
    explore_prob: float = 0.1     # share of sessions whose intent is a random category
    signal_accuracy: float = 0.7  # how often the observed real-time session signal is right
    ranker_fraction: float = 0.15  # share of the log (in time) between the two cut-offs: trains the ranker
    test_fraction: float = 0.1     # share of the log after the test cut-off: each user's first event there is held out
    ranker_events_per_user: int = 2  # only for the leave-last-out fallback split (see data.time_split)

    # --- stage 1: two-tower retrieval (retrieval.py) ---
    embedding_dim: int = 64
    tower_hidden: int = 128
    history_len: int = 20
    temperature: float = 0.07
    logq_correction: bool = True
    retrieval_epochs: int = 10     # an upper bound: training stops early on validation recall
    early_stopping_patience: int = 2
    retrieval_batch_size: int = 1024
    retrieval_lr: float = 3e-3
    retrieval_weight_decay: float = 0.0
    tower_dropout: float = 0.0
    user_id_embedding: bool = False  # True adds a per-user embedding (memorises; cannot serve new users)
    candidates_per_user: int = 1000
    lite_candidates_per_user: int = 200
    backend: str = "auto"  # "auto" (faiss when importable), "faiss" or "exact"

    # --- stage 2: Wide & Deep ranking (ranking.py) ---
    ranker_negatives: int = 12     # hard negatives (from retrieval candidates) per positive
    ranker_epochs: int = 6
    ranker_batch_size: int = 1024
    ranker_lr: float = 2e-3
    ranker_hidden: int = 128
    feature_embedding_dim: int = 8

    # --- evaluation (metrics.py, abtest.py, report.py) ---
    k: int = 10
    eval_users: int = 2000         # users sampled for offline metrics (0 = all)
    latency_requests: int = 200
    ab_visits_per_arm: int = 4000
    latency_budget_ms: float = 50.0
    significance: float = 0.05
    output_dir: str = "outputs"
    mode: str = "full"

    @classmethod
    def smoke(cls, **overrides) -> "Config":
        """A tiny world: a few hundred users, a thousand items, 50 candidates per user."""
        small = dict(
            n_users=1000,
            n_items=1200,
            n_categories=8,
            min_events=8,
            extra_events=4,
            ranker_events_per_user=3,
            embedding_dim=32,
            tower_hidden=64,
            retrieval_epochs=15,
            retrieval_batch_size=256,
            candidates_per_user=100,
            lite_candidates_per_user=25,
            ranker_negatives=8,
            ranker_epochs=8,
            ranker_batch_size=256,
            ranker_hidden=64,
            eval_users=0,
            latency_requests=30,
            ab_visits_per_arm=3000,
            mode="smoke",
        )
        small.update(overrides)
        return cls(**small)

    def replace(self, **changes) -> "Config":
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)
