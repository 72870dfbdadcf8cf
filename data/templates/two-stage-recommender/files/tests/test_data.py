import numpy as np

from {{package}}.config import Config
from {{package}}.data import generate, leave_last_out


def test_generation_is_seeded(dataset, smoke_cfg):
    again = generate(smoke_cfg)
    np.testing.assert_array_equal(dataset.test.item, again.test.item)
    np.testing.assert_array_equal(dataset.retrieval_train.item, again.retrieval_train.item)
    other = generate(smoke_cfg.replace(seed=smoke_cfg.seed + 1))
    assert not np.array_equal(dataset.item_category, other.item_category)


def test_split_keeps_each_users_test_event_after_their_training_events(dataset):
    # holds for the time split and for the leave-last-out fallback alike
    test, ranker, retr = dataset.test, dataset.ranker_train, dataset.retrieval_train
    assert len(np.unique(test.user)) == len(test) > dataset.n_users // 2
    test_ts = dict(zip(test.user.tolist(), test.ts.tolist()))
    assert all(ts < test_ts[u] for u, ts in zip(ranker.user, ranker.ts) if u in test_ts)
    first_ranker = {}
    for u, ts in zip(ranker.user.tolist(), ranker.ts.tolist()):
        first_ranker[u] = min(ts, first_ranker.get(u, ts))
    assert all(ts < first_ranker[u] for u, ts in zip(retr.user, retr.ts) if u in first_ranker)
    assert len(retr) + len(ranker) + len(test) <= dataset.summary()["interactions"]
    assert dataset.summary()["split"] == dataset.split


def test_leave_last_out_fallback_holds_out_each_users_last_event(dataset):
    events = dataset.all_train
    retr, ranker, test = leave_last_out(events, 2)
    assert len(test) == len(np.unique(events.user))
    assert len(ranker) == 2 * len(test)
    last = {}
    for u, ts in zip(events.user.tolist(), events.ts.tolist()):
        last[u] = max(ts, last.get(u, ts))
    assert all(last[u] == ts for u, ts in zip(test.user.tolist(), test.ts.tolist()))
    assert len(retr) + len(ranker) + len(test) == len(events)


def test_each_user_item_pair_occurs_once(dataset):
    allev = dataset.all_train
    pairs = np.concatenate([allev.user, dataset.test.user]) * dataset.n_items + np.concatenate(
        [allev.item, dataset.test.item])
    assert len(np.unique(pairs)) == len(pairs)


def test_catalogue_attributes(dataset):
    assert dataset.item_category.min() >= 0 and dataset.item_category.max() < dataset.n_categories
    assert dataset.item_price_bucket.min() >= 0 and dataset.item_price_bucket.max() <= 9


def test_session_intent_raises_true_utility(dataset):
    w = dataset.world
    items = np.arange(50)
    users = np.zeros(50, dtype=int)
    same = w.utility(users, items, w.item_category[items], np.zeros(50))
    other = w.utility(users, items, (w.item_category[items] + 1) % dataset.n_categories, np.zeros(50))
    np.testing.assert_allclose(same - other, w.intent_bonus)


def test_real_config_asks_for_1000_candidates():
    assert Config().candidates_per_user == 1000
    assert Config.smoke().candidates_per_user < 1000
