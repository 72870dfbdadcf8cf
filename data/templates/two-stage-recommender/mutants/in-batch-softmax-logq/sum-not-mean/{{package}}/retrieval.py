"""Stage 1: candidate generation with a dual-encoder (two-tower) model and a vector index.

The user tower embeds who the user is (id, recent items, category mix); the item tower embeds
what an item is (id, category, price bucket, popularity). Both end in an L2-normalised vector,
so a dot product is a cosine similarity and "find the best items for a user" becomes a maximum
inner-product search, which FAISS answers quickly over millions of items.

Training uses in-batch negatives: in a batch of B (user, clicked item) pairs, each user's
clicked item is the positive and the other B-1 items are negatives, a B-way softmax. Popular
items appear as negatives more often than rare ones, so we subtract log(sampling probability)
from the logits ("logQ correction", Yi et al. 2019) and mask in-batch duplicates of the positive.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

from .data import N_PRICE_BUCKETS, Dataset, Events, user_histories

try:  # FAISS is optional: without it we fall back to an exact numpy search with the same API.
    import faiss  # type: ignore
except ImportError:  # pragma: no cover - depends on the environment
    faiss = None


# --------------------------------------------------------------------------- user features
@dataclass
class UserInputs:
    """What the user tower sees for a batch of requests."""

    user: np.ndarray       # (n,)
    history: np.ndarray    # (n, L) item ids, padded with n_items
    cat_share: np.ndarray  # (n, C) share of the user's history in each category

    def __len__(self) -> int:
        return int(self.user.shape[0])

    def take(self, index) -> "UserInputs":
        return UserInputs(self.user[index], self.history[index], self.cat_share[index])


def training_examples(events: Events, ds: Dataset, history_len: int):
    """(UserInputs, positive items): one example per event, history = the user's earlier events only."""
    cats = ds.item_category
    users, hists, shares, items = [], [], [], []
    for u, seq in enumerate(user_histories(events, ds.n_users)):
        m = len(seq)
        if m == 0:
            continue
        onehot = np.zeros((m + 1, ds.n_categories))
        onehot[np.arange(1, m + 1), cats[seq]] = 1.0
        prefix = np.cumsum(onehot, axis=0)[:m]  # counts of categories strictly before t
        prefix /= np.maximum(prefix.sum(axis=1, keepdims=True), 1.0)
        padded = np.concatenate([np.full(history_len, ds.n_items), seq])
        # history for event t: the history_len items before it (most recent last)
        idx = np.arange(m)[:, None] + np.arange(history_len)[None, :]
        hists.append(padded[idx])
        shares.append(prefix)
        users.append(np.full(m, u))
        items.append(seq)
    inputs = UserInputs(np.concatenate(users), np.concatenate(hists).astype(np.int64), np.concatenate(shares))
    return inputs, np.concatenate(items).astype(np.int64)


def serving_inputs(events: Events, ds: Dataset, history_len: int, users: np.ndarray) -> UserInputs:
    """UserInputs for `users` given everything in `events` (their full history so far)."""
    hist_all = user_histories(events, ds.n_users)
    hist = np.full((len(users), history_len), ds.n_items, dtype=np.int64)
    share = np.zeros((len(users), ds.n_categories))
    for row, u in enumerate(users):
        seq = hist_all[u]
        if len(seq):
            tail = seq[-history_len:]
            hist[row, history_len - len(tail):] = tail
            share[row] = np.bincount(ds.item_category[seq], minlength=ds.n_categories) / len(seq)
    return UserInputs(np.asarray(users, dtype=np.int64), hist, share)


# --------------------------------------------------------------------------- the model
class TwoTower(nn.Module):
    """User tower and item tower that meet in a shared, L2-normalised embedding space.

    The item-id embedding table is shared: the item tower uses it for the candidate item, the
    user tower mean-pools it over the user's recent items (as in YouTube's candidate generator).
    Sharing halves the parameters and lets every interaction train the item twice. A per-user
    id embedding is optional (`use_user_id`): without it the user tower is pure features, so it
    can serve users it never saw in training, and it overfits less.
    """

    def __init__(self, n_users: int, n_items: int, n_categories: int, dim: int, hidden: int,
                 item_category: np.ndarray, item_price_bucket: np.ndarray, item_log_pop: np.ndarray,
                 use_user_id: bool = False, dropout: float = 0.0):
        super().__init__()
        self.n_items = n_items
        self.dim = dim
        self.use_user_id = use_user_id
        self.dropout = nn.Dropout(dropout)
        self.item_id = nn.Embedding(n_items + 1, dim, padding_idx=n_items)  # last row = padding
        self.user_id = nn.Embedding(n_users, dim) if use_user_id else None
        self.user_mlp = nn.Sequential(nn.Linear(2 * dim + n_categories, hidden), nn.ReLU(), nn.Linear(hidden, dim))
        self.category = nn.Embedding(n_categories, dim)
        self.price = nn.Embedding(N_PRICE_BUCKETS, 8)
        self.item_mlp = nn.Sequential(nn.Linear(2 * dim + 8 + 1, hidden), nn.ReLU(), nn.Linear(hidden, dim))
        for emb in (self.item_id, self.user_id, self.category):
            if emb is not None:
                nn.init.normal_(emb.weight, std=0.05)
        with torch.no_grad():
            self.item_id.weight[n_items].zero_()
        # static item features, stored with the model so an item vector only needs the item id
        self.register_buffer("item_category", torch.as_tensor(item_category, dtype=torch.long))
        self.register_buffer("item_price_bucket", torch.as_tensor(item_price_bucket, dtype=torch.long))
        pop = torch.as_tensor(item_log_pop, dtype=torch.float32)
        self.register_buffer("item_log_pop", (pop - pop.mean()) / (pop.std() + 1e-6))

    def user_vectors(self, user, history, cat_share) -> torch.Tensor:
        mask = (history != self.n_items).float().unsqueeze(-1)
        hist = (self.item_id(history) * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        uid = self.user_id(user) if self.user_id is not None else torch.zeros_like(hist)
        x = self.dropout(torch.cat([uid, hist, cat_share], dim=-1))
        return F.normalize(self.user_mlp(x), dim=-1)

    def item_vectors(self, items) -> torch.Tensor:
        x = torch.cat([
            self.item_id(items),
            self.category(self.item_category[items]),
            self.price(self.item_price_bucket[items]),
            self.item_log_pop[items].unsqueeze(-1),
        ], dim=-1)
        return F.normalize(self.item_mlp(self.dropout(x)), dim=-1)

    def encode_users(self, inputs: UserInputs, batch_size: int = 4096) -> np.ndarray:
        self.eval()
        out = []
        with torch.no_grad():
            for s in range(0, len(inputs), batch_size):
                b = inputs.take(slice(s, s + batch_size))
                out.append(self.user_vectors(torch.as_tensor(b.user), torch.as_tensor(b.history),
                                             torch.as_tensor(b.cat_share, dtype=torch.float32)).numpy())
        return np.concatenate(out).astype(np.float32) if out else np.zeros((0, self.dim), np.float32)

    def encode_items(self, batch_size: int = 8192) -> np.ndarray:
        self.eval()
        with torch.no_grad():
            ids = torch.arange(self.n_items)
            return torch.cat([self.item_vectors(ids[s:s + batch_size])
                              for s in range(0, self.n_items, batch_size)]).numpy().astype(np.float32)


def in_batch_softmax_loss(user_vec, item_vec, item_ids, temperature: float, log_q=None) -> torch.Tensor:
    """Sampled-softmax loss with in-batch negatives and the logQ correction, averaged over the batch.

    user_vec (B, d) and item_vec (B, d): row i is a (user, clicked item) pair; item_ids (B,) are
    the clicked items' ids; log_q (B,) or None: the log of each batch item's sampling probability
    (how often it turns up in batches). Returns a scalar tensor, differentiable with respect to
    the vectors.

    Each user is scored against every item of the batch, with the scores divided by
    `temperature`; its own item is the positive and the other items are its negatives. log_q
    corrects each item's score for how often that item is sampled, so that popular items are not
    pushed down merely for being frequent negatives; None means no correction. A column j != i
    holding the same item as row i's positive (item_ids[j] == item_ids[i]) is not a negative of
    row i and takes no part in row i's softmax.
    """
    logits = user_vec @ item_vec.T / temperature
    if log_q is not None:
        # popular items are sampled as negatives more often: subtract log q_j from column j
        logits = logits - log_q.unsqueeze(0)
    same = item_ids.unsqueeze(0) == item_ids.unsqueeze(1)
    eye = torch.eye(len(item_ids), dtype=torch.bool, device=logits.device)
    logits = logits.masked_fill(same & ~eye, float("-inf"))  # in-batch duplicates of the positive
    return F.cross_entropy(logits, torch.arange(len(item_ids), device=logits.device), reduction="sum")


def pointwise_fallback_loss(user_vec, item_vec, temperature: float) -> torch.Tensor:
    """Fallback while in_batch_softmax_loss is a stub: a logistic loss with ONE negative per row
    (the next row's item) and no logQ correction. It trains, but sees 1 negative instead of B-1."""
    pos = (user_vec * item_vec).sum(-1) / temperature
    neg = (user_vec * item_vec.roll(1, 0)).sum(-1) / temperature
    return F.softplus(-pos).mean() + F.softplus(neg).mean()


def validation_recall(model: TwoTower, ds: Dataset, history: Events, events: Events, k: int,
                      history_len: int, max_events: int = 2000) -> float:
    """Recall@k of `events` (later than `history`) when retrieving from `history`: the early-stopping signal."""
    if len(events) == 0:
        return float("nan")
    events = events.subset(slice(0, max_events))
    users = np.unique(events.user)
    hist = user_histories(history, ds.n_users)
    vecs = model.encode_users(serving_inputs(history, ds, history_len, users))
    ids, _ = retrieve(ExactIndex(model.encode_items()), vecs, k, [hist[u] for u in users])
    rows = np.searchsorted(users, events.user)
    return float(np.mean([item in set(ids[r]) for r, item in zip(rows, events.item)]))


def train_two_tower(ds: Dataset, cfg, log=print):
    """Train the dual encoder on `retrieval_train`, early-stopping on recall of the later events.

    Returns (model, info dict). The id embeddings memorise the training log quickly, so recall on
    events the model has not seen peaks after a few epochs; we keep the best epoch.
    """
    torch.manual_seed(cfg.seed)
    events = ds.retrieval_train
    counts = np.bincount(events.item, minlength=ds.n_items).astype(np.float64)
    model = TwoTower(ds.n_users, ds.n_items, ds.n_categories, cfg.embedding_dim, cfg.tower_hidden,
                     ds.item_category, ds.item_price_bucket, np.log1p(counts),
                     use_user_id=cfg.user_id_embedding, dropout=cfg.tower_dropout)
    inputs, positives = training_examples(events, ds, cfg.history_len)
    q = torch.as_tensor((counts + 1.0) / (counts + 1.0).sum(), dtype=torch.float32)
    log_q_all = torch.log(q) if cfg.logq_correction else None
    opt = torch.optim.Adam(model.parameters(), lr=cfg.retrieval_lr, weight_decay=cfg.retrieval_weight_decay)
    gen = torch.Generator().manual_seed(cfg.seed)
    n = len(positives)
    user_t = torch.as_tensor(inputs.user)
    hist_t = torch.as_tensor(inputs.history)
    share_t = torch.as_tensor(inputs.cat_share, dtype=torch.float32)
    pos_t = torch.as_tensor(positives)
    val_k = min(cfg.candidates_per_user, ds.n_items // 2)
    start = time.perf_counter()
    losses, val_recalls = [], []
    best_state, best_epoch, best_recall = None, 0, -1.0
    use_fallback = False
    loss_name = "in-batch softmax" + (" + logQ correction" if log_q_all is not None else " (no logQ correction)")
    for epoch in range(cfg.retrieval_epochs):
        model.train()
        perm = torch.randperm(n, generator=gen)
        total, batches = 0.0, 0
        for s in range(0, n, cfg.retrieval_batch_size):
            idx = perm[s:s + cfg.retrieval_batch_size]
            if len(idx) < 2:
                continue
            items = pos_t[idx]
            u_vec, i_vec = model.user_vectors(user_t[idx], hist_t[idx], share_t[idx]), model.item_vectors(items)
            loss = None
            if not use_fallback:
                try:
                    loss = in_batch_softmax_loss(u_vec, i_vec, items, cfg.temperature,
                                                 None if log_q_all is None else log_q_all[items])
                except NotImplementedError:
                    use_fallback = True
                    loss_name = "fallback: pointwise logistic loss, 1 negative per row, no logQ (in_batch_softmax_loss is a stub)"
                    log(f"  {loss_name}")
            if loss is None:
                loss = pointwise_fallback_loss(u_vec, i_vec, cfg.temperature)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss)
            batches += 1
        losses.append(total / max(batches, 1))
        val = validation_recall(model, ds, events, ds.ranker_train, val_k, cfg.history_len)
        val_recalls.append(val)
        log(f"  two-tower epoch {epoch + 1}/{cfg.retrieval_epochs}  loss {losses[-1]:.3f}"
            f"  validation recall@{val_k} {val:.3f}")
        if val > best_recall:
            best_recall, best_epoch = val, epoch + 1
            best_state = {k_: v.detach().clone() for k_, v in model.state_dict().items()}
        elif epoch + 1 - best_epoch >= cfg.early_stopping_patience:
            log(f"  early stopping: best epoch {best_epoch}")
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    info = {
        "loss": loss_name,
        "train_seconds": time.perf_counter() - start,
        "train_examples": int(n),
        "epochs_run": len(losses),
        "best_epoch": best_epoch,
        "validation_recall": best_recall,
        "loss_first_epoch": losses[0] if losses else None,
        "loss_last_epoch": losses[-1] if losses else None,
        "loss_per_epoch": losses,
        "validation_recall_per_epoch": val_recalls,
        "validation_k": int(val_k),
        "parameters": int(sum(p.numel() for p in model.parameters())),
        "user_tower_dense_parameters": int(sum(p.numel() for p in model.user_mlp.parameters())),
    }
    return model, info


# --------------------------------------------------------------------------- vector search
class ExactIndex:
    """Brute-force maximum inner-product search in numpy: the reference FAISS must agree with."""

    backend = "exact"

    def __init__(self, vectors: np.ndarray):
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    @property
    def ntotal(self) -> int:
        return int(self.vectors.shape[0])

    def search(self, queries: np.ndarray, k: int, chunk: int = 512):
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        k = min(k, self.ntotal)
        all_scores = np.empty((len(queries), k), dtype=np.float32)
        all_ids = np.empty((len(queries), k), dtype=np.int64)
        for s in range(0, len(queries), chunk):
            scores = queries[s:s + chunk] @ self.vectors.T
            if k < self.ntotal:
                part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            else:
                part = np.tile(np.arange(self.ntotal), (len(scores), 1))
            part_scores = np.take_along_axis(scores, part, axis=1)
            order = np.argsort(-part_scores, axis=1, kind="stable")
            all_ids[s:s + chunk] = np.take_along_axis(part, order, axis=1)
            all_scores[s:s + chunk] = np.take_along_axis(part_scores, order, axis=1)
        return all_scores, all_ids


class FaissIndex:
    """Exact inner-product search with FAISS (IndexFlatIP).

    At real scale you would swap in an approximate index (IndexIVFFlat, IndexHNSWFlat) and
    measure the recall you lose against this exact one.
    """

    backend = "faiss"

    def __init__(self, vectors: np.ndarray):
        if faiss is None:
            raise ImportError("faiss is not installed: pip install faiss-cpu, or use backend='exact'")
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)

    @property
    def ntotal(self) -> int:
        return int(self.index.ntotal)

    def search(self, queries: np.ndarray, k: int):
        scores, ids = self.index.search(np.ascontiguousarray(queries, dtype=np.float32), min(k, self.ntotal))
        return scores, ids.astype(np.int64)


def build_index(vectors: np.ndarray, backend: str = "auto"):
    if backend == "faiss" or (backend == "auto" and faiss is not None):
        return FaissIndex(vectors)
    if backend in ("auto", "exact"):
        return ExactIndex(vectors)
    raise ValueError(f"unknown backend {backend!r} (auto, faiss, exact)")


def retrieve(index, user_vectors: np.ndarray, k: int, exclude=None):
    """Top-k items per user, skipping items in `exclude[i]` (the user's history). Returns (ids, scores)."""
    extra = max((len(e) for e in exclude), default=0) if exclude is not None else 0
    k = min(k, index.ntotal - extra)  # a user can never get more items than the unseen catalogue
    scores, ids = index.search(user_vectors, k + extra)
    if exclude is None or extra == 0:
        return ids[:, :k], scores[:, :k]
    out_ids = np.empty((len(ids), k), dtype=np.int64)
    out_scores = np.empty((len(ids), k), dtype=np.float32)
    for row in range(len(ids)):
        keep = ~np.isin(ids[row], exclude[row])
        out_ids[row] = ids[row][keep][:k]
        out_scores[row] = scores[row][keep][:k]
    return out_ids, out_scores
