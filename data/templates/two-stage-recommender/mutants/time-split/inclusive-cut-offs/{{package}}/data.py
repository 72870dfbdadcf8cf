"""A mock e-commerce world: users, items, categories and an interaction log.

Nothing is downloaded. A seeded generator builds a hidden "true" world (latent tastes, item
quality, price sensitivity, the intent of each shopping session) and samples a click log from
it. The models only ever see the observable part (ids, categories, prices, timestamps, device,
hour and a noisy real-time session signal). The hidden part is kept in `World` so that the
simulated A/B test (abtest.py) can ask "would this user really have clicked?".

The log is split in time at two global cut-offs (the same calendar moment for every user):

    [ ... retrieval_train ... | ranker_train | test ]
                       ranker_start     test_start

The two-tower model learns from `retrieval_train`; the ranker learns to re-rank retrieval
candidates for the `ranker_train` events (so it sees the same kind of candidate lists it will
see in production); offline metrics use each user's first event after `test_start`. Nothing a
model or a feature sees at training time happened after the moment it is evaluated on: that is
what `time_split` (milestone `time-split`) must guarantee.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .config import Config

N_PRICE_BUCKETS = 10
N_HOUR_BUCKETS = 6
MOBILE = 1  # device id; 0 = desktop


@dataclass
class World:
    """The hidden ground truth. Models must not read it; the click model does."""

    item_category: np.ndarray   # (I,) int
    item_latent: np.ndarray     # (I, d)
    item_log_price: np.ndarray  # (I,)
    item_quality: np.ndarray    # (I,)
    user_latent: np.ndarray     # (U, d)
    user_pref: np.ndarray       # (U, C) category preferences, rows sum to 1
    user_price_sens: np.ndarray  # (U,)
    user_mobile_prob: np.ndarray  # (U,)
    intent_bonus: float = 2.0
    quality_weight: float = 0.5
    mobile_price_extra: float = 0.6

    def utility(self, users, items, intent, device) -> np.ndarray:
        """True utility of `items` for `users` in a session with `intent` on `device` (broadcasts)."""
        users = np.asarray(users)
        items = np.asarray(items)
        d = self.user_latent.shape[1]
        taste = np.sum(self.user_latent[users] * self.item_latent[items], axis=-1) / np.sqrt(d)
        price = self.item_log_price[items] - self.item_log_price.mean()
        price_term = self.user_price_sens[users] * price * (
            1.0 + self.mobile_price_extra * (np.asarray(device) == MOBILE)
        )
        intent_term = self.intent_bonus * (self.item_category[items] == np.asarray(intent))
        return taste + self.quality_weight * self.item_quality[items] - price_term + intent_term


@dataclass
class Events:
    """A columnar interaction log. `intent` is hidden truth; `signal` is what serving observes."""

    user: np.ndarray
    item: np.ndarray
    ts: np.ndarray
    device: np.ndarray
    hour: np.ndarray
    intent: np.ndarray
    signal: np.ndarray

    def __len__(self) -> int:
        return int(self.user.shape[0])

    def subset(self, mask_or_index) -> "Events":
        return Events(**{f.name: getattr(self, f.name)[mask_or_index] for f in fields(self)})

    @staticmethod
    def concat(parts) -> "Events":
        return Events(**{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Events)})

    def sorted(self) -> "Events":
        return self.subset(np.lexsort((self.ts, self.user)))


@dataclass
class Dataset:
    n_users: int
    n_items: int
    n_categories: int
    item_category: np.ndarray   # observable catalogue attributes
    item_log_price: np.ndarray
    item_price_bucket: np.ndarray
    retrieval_train: Events
    ranker_train: Events
    test: Events
    world: World
    split: str = "time_split"  # how the log was split (a fallback says so)
    n_events: int = 0          # interactions generated, before the split

    @property
    def all_train(self) -> Events:
        """Everything observed before the held-out test event."""
        return Events.concat([self.retrieval_train, self.ranker_train]).sorted()

    def summary(self) -> dict:
        return {
            "users": self.n_users,
            "items": self.n_items,
            "categories": self.n_categories,
            "interactions": self.n_events,
            "retrieval_train": len(self.retrieval_train),
            "ranker_train": len(self.ranker_train),
            "test": len(self.test),
            "split": self.split,
        }


def hour_bucket(hour) -> np.ndarray:
    return np.asarray(hour) // (24 // N_HOUR_BUCKETS)


def _make_world(cfg: Config, rng: np.random.Generator) -> World:
    C, d, I, U = cfg.n_categories, cfg.latent_dim, cfg.n_items, cfg.n_users
    centroids = rng.normal(size=(C, d))
    # Category sizes are uneven, like a real catalogue.
    cat_weights = rng.dirichlet(np.full(C, 2.0))
    item_category = rng.choice(C, size=I, p=cat_weights)
    item_latent = centroids[item_category] + 0.6 * rng.normal(size=(I, d))
    cat_price = rng.normal(3.0, 0.7, size=C)
    item_log_price = cat_price[item_category] + rng.normal(0.0, 0.5, size=I)
    item_quality = rng.normal(size=I)
    user_pref = rng.dirichlet(np.full(C, 0.3), size=U)
    user_latent = user_pref @ centroids + 0.6 * rng.normal(size=(U, d))
    user_price_sens = np.abs(rng.normal(0.6, 0.4, size=U))
    user_mobile_prob = rng.beta(2.0, 2.0, size=U)
    return World(
        item_category=item_category,
        item_latent=item_latent,
        item_log_price=item_log_price,
        item_quality=item_quality,
        user_latent=user_latent,
        user_pref=user_pref,
        user_price_sens=user_price_sens,
        user_mobile_prob=user_mobile_prob,
    )


def sample_intent(world: World, users: np.ndarray, explore_prob: float, rng: np.random.Generator) -> np.ndarray:
    """The (hidden) category a session is about: usually a favourite category, sometimes anything."""
    C = world.user_pref.shape[1]
    cum = np.cumsum(world.user_pref[users], axis=1)
    favourite = (rng.random((len(users), 1)) > cum).sum(axis=1).clip(max=C - 1)
    explore = rng.random(len(users)) < explore_prob
    return np.where(explore, rng.integers(0, C, size=len(users)), favourite)


def observe_signal(intent: np.ndarray, n_categories: int, accuracy: float, rng: np.random.Generator) -> np.ndarray:
    """The real-time signal serving sees (e.g. the category of the page the user is browsing): noisy intent."""
    correct = rng.random(len(intent)) < accuracy
    return np.where(correct, intent, rng.integers(0, n_categories, size=len(intent)))


def generate(cfg: Config) -> Dataset:
    """Generate the world and the interaction log. Same config (incl. seed) → same data."""
    rng = np.random.default_rng(cfg.seed)
    world = _make_world(cfg, rng)
    C, I, U = cfg.n_categories, cfg.n_items, cfg.n_users
    items_by_cat = [np.flatnonzero(world.item_category == c) for c in range(C)]
    # Every category must have items for the generator to sample from.
    for c in range(C):
        if len(items_by_cat[c]) == 0:
            items_by_cat[c] = rng.choice(I, size=1)

    cols = {k: [] for k in ("user", "item", "ts", "device", "hour", "intent")}
    d = cfg.latent_dim
    price_c = world.item_log_price - world.item_log_price.mean()
    for u in range(U):
        n = cfg.min_events + rng.poisson(cfg.extra_events)
        intents = sample_intent(world, np.full(n, u), cfg.explore_prob, rng)
        devices = (rng.random(n) < world.user_mobile_prob[u]).astype(np.int64)
        base = world.user_latent[u] @ world.item_latent.T / np.sqrt(d) + world.quality_weight * world.item_quality
        taken = np.zeros(I, dtype=bool)
        ts = np.sort(rng.random(n))
        for j in range(n):
            cand = items_by_cat[intents[j]]
            util = base[cand] - world.user_price_sens[u] * price_c[cand] * (
                1.0 + world.mobile_price_extra * (devices[j] == MOBILE)
            )
            p = np.exp((util - util.max()) / 0.5)
            p[taken[cand]] = 0.0  # one interaction per (user, item): keeps "the held-out item" well defined
            if p.sum() <= 0:  # the user has bought everything in this category
                continue
            item = int(cand[np.searchsorted(np.cumsum(p), rng.random() * p.sum()).clip(max=len(cand) - 1)])
            taken[item] = True
            cols["user"].append(u)
            cols["item"].append(item)
            cols["ts"].append(ts[j])
            cols["device"].append(devices[j])
            cols["hour"].append(rng.integers(0, 24))
            cols["intent"].append(intents[j])

    arr = {k: np.asarray(v) for k, v in cols.items()}
    arr["user"] = arr["user"].astype(np.int64)
    arr["item"] = arr["item"].astype(np.int64)
    arr["signal"] = observe_signal(arr["intent"], C, cfg.signal_accuracy, rng)
    events = Events(**arr).sorted()

    ranker_start, test_start = np.quantile(events.ts, [1.0 - cfg.test_fraction - cfg.ranker_fraction,
                                                       1.0 - cfg.test_fraction])
    try:
        retrieval, ranker, test = time_split(events, float(ranker_start), float(test_start))
        split = "time_split: global cut-offs"
    except NotImplementedError:
        retrieval, ranker, test = leave_last_out(events, cfg.ranker_events_per_user)
        split = ("fallback: per-user leave-last-out (time_split is a stub; other users' later clicks "
                 "leak into training and features)")

    edges = np.quantile(world.item_log_price, np.linspace(0, 1, N_PRICE_BUCKETS + 1)[1:-1])
    return Dataset(
        n_users=U,
        n_items=I,
        n_categories=C,
        item_category=world.item_category,
        item_log_price=world.item_log_price,
        item_price_bucket=np.searchsorted(edges, world.item_log_price),
        retrieval_train=retrieval,
        ranker_train=ranker,
        test=test,
        world=world,
        split=split,
        n_events=len(events),
    )


def time_split(events: Events, ranker_start: float, test_start: float):
    """Split the log at two global moments: (retrieval_train, ranker_train, test).

    - retrieval_train: every event with ts < ranker_start
    - ranker_train:    every event with ranker_start <= ts < test_start
    - test:            for each user with events at or after test_start, their FIRST such event
                       (the "next item" the recommender should find); later events are dropped

    Every part is sorted by (user, ts). The input need not be sorted. No event of any user in
    a training part may be later than any test event: features such as popularity and
    "trending now" are computed over the training parts, so one user's future would leak into
    another user's test through them.
    """
    events = events.sorted()
    retrieval = events.subset(events.ts <= ranker_start)
    ranker = events.subset((events.ts > ranker_start) & (events.ts <= test_start))
    later = events.subset(events.ts > test_start)
    # later is sorted by (user, ts): a user's first event after the cut-off opens their run of rows
    first = np.ones(len(later), dtype=bool)
    first[1:] = later.user[1:] != later.user[:-1]
    return retrieval, ranker, later.subset(first)


def leave_last_out(events: Events, ranker_events_per_user: int):
    """Fallback split: per user, last event = test, the r before it = ranker_train, the rest = retrieval.

    Simple, but the cut-off differs per user, so a training part can hold events that happened
    after another user's test event (popularity and trending features then see the future).
    """
    events = events.sorted()
    counts = np.bincount(events.user)
    start = np.repeat(np.cumsum(counts) - counts, counts)
    pos_from_end = counts[events.user] - 1 - (np.arange(len(events)) - start)
    r = ranker_events_per_user
    return (events.subset(pos_from_end > r), events.subset((pos_from_end >= 1) & (pos_from_end <= r)),
            events.subset(pos_from_end == 0))


def user_histories(events: Events, n_users: int) -> list:
    """Item ids each user interacted with, in time order (events must be sorted by user, ts)."""
    counts = np.bincount(events.user, minlength=n_users)
    return np.split(events.item, np.cumsum(counts)[:-1])
