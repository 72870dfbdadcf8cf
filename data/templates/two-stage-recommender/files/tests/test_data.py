import numpy as np

from {{package}}.config import Config
from {{package}}.data import generate


def test_generation_is_seeded(dataset, smoke_cfg):
    again = generate(smoke_cfg)
    np.testing.assert_array_equal(dataset.test.item, again.test.item)
    np.testing.assert_array_equal(dataset.retrieval_train.item, again.retrieval_train.item)
    other = generate(smoke_cfg.replace(seed=smoke_cfg.seed + 1))
    assert not np.array_equal(dataset.item_category, other.item_category)


def test_split_is_in_time_order_per_user(dataset, smoke_cfg):
    test, ranker, retr = dataset.test, dataset.ranker_train, dataset.retrieval_train
    assert len(test) == dataset.n_users and len(np.unique(test.user)) == dataset.n_users
    assert len(ranker) == dataset.n_users * smoke_cfg.ranker_events_per_user
    last_test = dict(zip(test.user, test.ts))
    assert all(ts < last_test[u] for u, ts in zip(ranker.user, ranker.ts))
    first_ranker = {}
    for u, ts in zip(ranker.user, ranker.ts):
        first_ranker[u] = min(ts, first_ranker.get(u, ts))
    assert all(ts < first_ranker[u] for u, ts in zip(retr.user, retr.ts))


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
