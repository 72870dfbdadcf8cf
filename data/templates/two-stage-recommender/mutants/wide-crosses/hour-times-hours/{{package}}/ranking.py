"""Stage 2: a Wide & Deep ranking model over rich features (Cheng et al. 2016).

Retrieval narrows 20k items to ~1000 candidates using only a dot product. The ranker can afford
far richer features for those few candidates:

* user history aggregates   share of the user's history in the item's category, price level
                            relative to what the user usually buys, history length,
                            "same category as the last thing they looked at"
* item context              category, price bucket, popularity
* request context           device, hour of day
* real-time signals         the category the user is browsing right now (a noisy session
                            signal) and a "trending now" counter per item
* the retrieval score       the two-tower similarity, so the ranker starts from stage 1

The *wide* part is a linear model over crossed categorical features (session category x item
category, device x price bucket, ...): it memorises specific co-occurrences. The *deep* part is
an MLP over embeddings and dense features: it generalises. Their logits are summed.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from .data import N_HOUR_BUCKETS, N_PRICE_BUCKETS, Dataset, Events, hour_bucket

DENSE_FEATURES = (
    "retrieval_score",
    "category_affinity",
    "last_category_match",
    "price_vs_user",
    "item_log_popularity",
    "item_trending",
    "session_match",
    "user_log_history",
)
REALTIME_FEATURES = ("session_signal", "session_match", "item_trending")


@dataclass
class FeatureContext:
    """Per-user and per-item aggregates, computed from the log available at serving time."""

    n_categories: int
    item_category: np.ndarray
    item_price_bucket: np.ndarray
    item_log_price: np.ndarray
    item_log_pop: np.ndarray
    item_trending: np.ndarray
    user_cat_share: np.ndarray
    user_top_cat: np.ndarray
    user_last_cat: np.ndarray
    user_mean_log_price: np.ndarray
    user_log_history: np.ndarray

    @classmethod
    def from_events(cls, events: Events, ds: Dataset, trending_window: float = 0.2) -> "FeatureContext":
        C, U, I = ds.n_categories, ds.n_users, ds.n_items
        cats = ds.item_category[events.item]
        counts = np.zeros((U, C))
        np.add.at(counts, (events.user, cats), 1.0)
        n = counts.sum(1)
        share = counts / np.maximum(n, 1.0)[:, None]
        price_sum = np.bincount(events.user, weights=ds.item_log_price[events.item], minlength=U)
        mean_price = np.where(n > 0, price_sum / np.maximum(n, 1.0), ds.item_log_price.mean())
        last_cat = np.full(U, -1)
        order = np.lexsort((events.ts, events.user))
        last_cat[events.user[order]] = cats[order]  # later events overwrite earlier ones
        # "trending": interactions in the most recent part of the log, a stand-in for a streaming counter
        recent = events.ts >= np.quantile(events.ts, 1.0 - trending_window) if len(events) else np.zeros(0, bool)
        return cls(
            n_categories=C,
            item_category=ds.item_category,
            item_price_bucket=ds.item_price_bucket,
            item_log_price=ds.item_log_price,
            item_log_pop=np.log1p(np.bincount(events.item, minlength=I)),
            item_trending=np.log1p(np.bincount(events.item[recent], minlength=I)),
            user_cat_share=share,
            user_top_cat=share.argmax(1),
            user_last_cat=last_cat,
            user_mean_log_price=mean_price,
            user_log_history=np.log1p(n),
        )

    # sizes of the categorical vocabularies (deep part) and of the crossed features (wide part)
    def cat_vocab(self):
        C = self.n_categories
        return [C, C, 2, N_HOUR_BUCKETS, N_PRICE_BUCKETS, C]

    def wide_size(self) -> int:
        C, P = self.n_categories, N_PRICE_BUCKETS
        return C * C + 2 * P + C * C + N_HOUR_BUCKETS * C


def cross_features(n_categories: int, item_cat, signal, device, price_bucket, top_cat, hour_bucket) -> np.ndarray:
    """Indices of the wide part's crossed features: an int64 array of shape (n, 4).

    All arguments are aligned 1-D integer arrays of length n. With C = n_categories,
    P = N_PRICE_BUCKETS and H = N_HOUR_BUCKETS, the four crosses share ONE weight table of
    size 2*C*C + 2*P + H*C (see FeatureContext.wide_size), one block per cross, in this order:

        column 0  session signal  x item category   C*C values, block starts at 0
        column 1  device          x price bucket    2*P values, block starts at C*C
        column 2  user top cat.   x item category   C*C values, block starts at C*C + 2*P
        column 3  hour bucket     x item category   H*C values, block starts at 2*C*C + 2*P

    Each pair of values must get its own index inside its block (no collisions), and the
    blocks must not overlap. (With real vocabularies you would hash crosses into a fixed
    number of buckets instead.)
    """
    C, P, H = n_categories, N_PRICE_BUCKETS, N_HOUR_BUCKETS
    item_cat = np.asarray(item_cat, dtype=np.int64)
    off1 = C * C
    off2 = off1 + 2 * P
    off3 = off2 + C * C
    return np.stack([
        np.asarray(signal, dtype=np.int64) * C + item_cat,               # session category x item category
        off1 + np.asarray(device, dtype=np.int64) * P + np.asarray(price_bucket, dtype=np.int64),  # device x price
        off2 + np.asarray(top_cat, dtype=np.int64) * C + item_cat,       # user's top category x item category
        off3 + np.asarray(hour_bucket, dtype=np.int64) * H + item_cat,   # hour bucket x item category
    ], axis=1)


def wide_crosses_status() -> str:
    """What the wide part gets in this run: the crosses, or the fallback (visible in metrics.json)."""
    one = np.zeros(1, dtype=np.int64)
    try:
        cross_features(1, one, one, one, one, one, one)
    except NotImplementedError:
        return "fallback: no crosses (cross_features is a stub; the wide part is one shared bias)"
    return "cross_features: 4 crosses"


def build_features(ctx: FeatureContext, users, items, device, hour, signal, retrieval_score) -> dict:
    """Feature rows for (user, item, request) triples; all arguments are aligned 1-D arrays."""
    users, items = np.asarray(users), np.asarray(items)
    C, P = ctx.n_categories, N_PRICE_BUCKETS
    icat = ctx.item_category[items]
    pb = ctx.item_price_bucket[items]
    hb = hour_bucket(hour)
    top = ctx.user_top_cat[users]
    categorical = np.stack([icat, signal, device, hb, pb, top], axis=1)
    try:
        wide = cross_features(C, icat, signal, device, pb, top, hb)
    except NotImplementedError:
        wide = np.zeros((len(items), 1), dtype=np.int64)  # fallback: one shared bias, no crosses
    dense = np.stack([
        retrieval_score,
        ctx.user_cat_share[users, icat],
        (ctx.user_last_cat[users] == icat).astype(np.float64),
        ctx.item_log_price[items] - ctx.user_mean_log_price[users],
        ctx.item_log_pop[items],
        ctx.item_trending[items],
        (np.asarray(signal) == icat).astype(np.float64),
        ctx.user_log_history[users],
    ], axis=1)
    return {
        "categorical": torch.as_tensor(categorical.astype(np.int64)),
        "wide": torch.as_tensor(wide.astype(np.int64)),
        "dense": torch.as_tensor(dense, dtype=torch.float32),
    }


class WideAndDeep(nn.Module):
    def __init__(self, cat_vocab, wide_size: int, n_dense: int, emb_dim: int = 8, hidden: int = 128):
        super().__init__()
        self.embeddings = nn.ModuleList([nn.Embedding(v, emb_dim) for v in cat_vocab])
        self.wide = nn.Embedding(wide_size, 1)
        nn.init.zeros_(self.wide.weight)
        self.wide_dense = nn.Linear(n_dense, 1)
        self.deep = nn.Sequential(
            nn.Linear(len(cat_vocab) * emb_dim + n_dense, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden // 2), nn.ReLU(),
            nn.Linear(hidden // 2, 1),
        )
        self.register_buffer("dense_mean", torch.zeros(n_dense))
        self.register_buffer("dense_std", torch.ones(n_dense))

    def set_normalisation(self, dense: torch.Tensor) -> None:
        self.dense_mean.copy_(dense.mean(0))
        self.dense_std.copy_(dense.std(0).clamp(min=1e-6))

    def forward(self, categorical, wide, dense) -> torch.Tensor:
        dense = (dense - self.dense_mean) / self.dense_std
        emb = torch.cat([e(categorical[:, i]) for i, e in enumerate(self.embeddings)], dim=1)
        wide_logit = self.wide(wide).sum(dim=(1, 2)) + self.wide_dense(dense).squeeze(-1)
        deep_logit = self.deep(torch.cat([emb, dense], dim=1)).squeeze(-1)
        return wide_logit + deep_logit

    def score(self, feats: dict) -> np.ndarray:
        self.eval()
        with torch.no_grad():
            return self.forward(feats["categorical"], feats["wide"], feats["dense"]).numpy()


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """ROC AUC via the rank-sum (Mann-Whitney) formula; ties get average ranks."""
    labels = np.asarray(labels).astype(bool)
    n_pos, n_neg = labels.sum(), (~labels).sum()
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = np.asarray(scores)[order]
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    avg = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(avg, counts)
    return float((ranks[labels].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def ranker_training_rows(ds: Dataset, events: Events, cand_ids: np.ndarray, cand_scores: np.ndarray,
                         pos_scores: np.ndarray, n_neg: int, rng: np.random.Generator):
    """One positive + n_neg hard negatives (sampled from the user's retrieval candidates) per event.

    `cand_ids[i]` are the candidates of event i's user, `pos_scores[i]` the retrieval score of
    the clicked item. Negatives share the positive's request context (device, hour, signal).
    """
    positives_by_user = {}
    for u, it in zip(events.user, events.item):
        positives_by_user.setdefault(int(u), set()).add(int(it))
    rows_u, rows_i, rows_s, rows_y, rows_e = [], [], [], [], []
    for e in range(len(events)):
        u = int(events.user[e])
        pool = np.flatnonzero(~np.isin(cand_ids[e], list(positives_by_user[u])))
        neg = rng.choice(pool, size=min(n_neg, len(pool)), replace=False)
        rows_u.append(np.full(len(neg) + 1, u))
        rows_i.append(np.concatenate([[events.item[e]], cand_ids[e][neg]]))
        rows_s.append(np.concatenate([[pos_scores[e]], cand_scores[e][neg]]))
        rows_y.append(np.concatenate([[1.0], np.zeros(len(neg))]))
        rows_e.append(np.full(len(neg) + 1, e))
    ev = np.concatenate(rows_e)
    return {
        "user": np.concatenate(rows_u), "item": np.concatenate(rows_i), "score": np.concatenate(rows_s),
        "label": np.concatenate(rows_y), "device": events.device[ev], "hour": events.hour[ev],
        "signal": events.signal[ev], "event": ev,
    }


def train_ranker(ctx: FeatureContext, rows: dict, cfg, log=print):
    """Fit Wide & Deep with binary cross-entropy; 10% of users are held out for a validation AUC."""
    torch.manual_seed(cfg.seed)
    feats = build_features(ctx, rows["user"], rows["item"], rows["device"], rows["hour"], rows["signal"], rows["score"])
    y = torch.as_tensor(rows["label"], dtype=torch.float32)
    val_mask = (rows["user"] % 10) == 0
    tr = torch.as_tensor(np.flatnonzero(~val_mask))
    va = np.flatnonzero(val_mask)
    model = WideAndDeep(ctx.cat_vocab(), ctx.wide_size(), len(DENSE_FEATURES), cfg.feature_embedding_dim, cfg.ranker_hidden)
    model.set_normalisation(feats["dense"][tr])
    opt = torch.optim.Adam(model.parameters(), lr=cfg.ranker_lr)
    loss_fn = nn.BCEWithLogitsLoss()
    gen = torch.Generator().manual_seed(cfg.seed)
    va_t = torch.as_tensor(va)
    train_bce, val_bce = [], []
    start = time.perf_counter()
    for epoch in range(cfg.ranker_epochs):
        model.train()
        perm = tr[torch.randperm(len(tr), generator=gen)]
        total, batches = 0.0, 0
        for s in range(0, len(perm), cfg.ranker_batch_size):
            idx = perm[s:s + cfg.ranker_batch_size]
            logits = model(feats["categorical"][idx], feats["wide"][idx], feats["dense"][idx])
            loss = loss_fn(logits, y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss)
            batches += 1
        train_bce.append(total / max(batches, 1))
        if len(va):
            model.eval()
            with torch.no_grad():
                val_bce.append(float(loss_fn(model(feats["categorical"][va_t], feats["wide"][va_t],
                                                   feats["dense"][va_t]), y[va_t])))
        log(f"  wide&deep epoch {epoch + 1}/{cfg.ranker_epochs}  bce {train_bce[-1]:.4f}"
            + (f"  validation bce {val_bce[-1]:.4f}" if val_bce else ""))
    seconds = time.perf_counter() - start
    val_feats = {k: v[va_t] for k, v in feats.items()}
    info = {
        "wide_crosses": wide_crosses_status(),
        "train_seconds": seconds,
        "train_rows": int(len(tr)),
        "validation_auc": auc(rows["label"][va], model.score(val_feats)) if len(va) else float("nan"),
        "bce_per_epoch": train_bce,
        "validation_bce_per_epoch": val_bce,
        "parameters": int(sum(p.numel() for p in model.parameters())),
        "dense_parameters": int(sum(p.numel() for p in model.deep.parameters())
                                + sum(p.numel() for p in model.wide_dense.parameters())),
    }
    return model, info


def rank_candidates(model: WideAndDeep, ctx: FeatureContext, users, cand_ids, cand_scores,
                    device, hour, signal, k: int, batch_users: int = 128) -> np.ndarray:
    """Score every candidate of every request with the ranker; return the top-k item ids per request."""
    users = np.asarray(users)
    n, m = cand_ids.shape
    out = np.empty((n, min(k, m)), dtype=np.int64)
    for s in range(0, n, batch_users):
        sl = slice(s, s + batch_users)
        b = len(users[sl])
        rep = lambda a: np.repeat(np.asarray(a)[sl], m)  # noqa: E731 - one value per candidate row
        feats = build_features(ctx, rep(users), cand_ids[sl].ravel(), rep(device), rep(hour), rep(signal),
                               cand_scores[sl].ravel())
        scores = model.score(feats).reshape(b, m)
        top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        out[sl] = np.take_along_axis(cand_ids[sl], top, axis=1)
    return out
