"""Milestone time-split: split the click log at global moments in time, so nothing leaks from the future."""
import numpy as np
import pytest

from {{package}}.data import Events, time_split


def _log():
    # (user, item, ts), deliberately NOT sorted. User 0 is active late, user 1 early, user 2 only
    # before the ranker cut-off, user 3 only after the test cut-off.
    rows = [
        (0, 10, 0.95), (0, 11, 0.10), (0, 12, 0.85), (0, 13, 0.50), (0, 14, 0.97), (0, 15, 0.82),
        (1, 20, 0.20), (1, 21, 0.30), (1, 22, 0.40), (1, 23, 0.91), (1, 24, 0.99),
        (2, 30, 0.05), (2, 31, 0.60),
        (3, 40, 0.93), (3, 41, 0.92),
    ]
    u, i, t = (np.array(c) for c in zip(*rows))
    n = len(rows)
    return Events(user=u.astype(np.int64), item=i.astype(np.int64), ts=t.astype(float),
                  device=np.zeros(n, np.int64), hour=np.arange(n) % 24, intent=np.zeros(n, np.int64),
                  signal=np.zeros(n, np.int64))


def _pairs(ev):
    return sorted(zip(ev.user.tolist(), ev.item.tolist()))


def test_each_part_holds_the_right_events():
    retr, ranker, test = time_split(_log(), ranker_start=0.8, test_start=0.9)
    assert _pairs(test) == [(0, 10), (1, 23), (3, 41)], (
        f"test should hold each user's FIRST event at or after test_start, got {_pairs(test)}")
    assert _pairs(ranker) == [(0, 12), (0, 15)], f"ranker_train should hold the events in [ranker_start, test_start), got {_pairs(ranker)}"
    assert _pairs(retr) == [(0, 11), (0, 13), (1, 20), (1, 21), (1, 22), (2, 30), (2, 31)], (
        f"retrieval_train should hold every event before ranker_start, got {_pairs(retr)}")


def test_no_training_event_is_later_than_any_test_event():
    retr, ranker, test = time_split(_log(), ranker_start=0.8, test_start=0.9)
    assert len(test) > 0, "the test part is empty"
    latest_train = max(retr.ts.max(), ranker.ts.max())
    assert latest_train < test.ts.min(), (
        f"leakage: a training event at ts={latest_train} is later than a test event at ts={test.ts.min()}")
    assert retr.ts.max() < ranker.ts.min(), "retrieval_train must end before ranker_train starts"


def test_parts_are_sorted_by_user_then_time_and_keep_every_column():
    log = _log()
    for part in time_split(log, ranker_start=0.8, test_start=0.9):
        order = np.lexsort((part.ts, part.user))
        assert np.array_equal(order, np.arange(len(part))), "each part must be sorted by (user, ts)"
        for u, i, h in zip(part.user, part.item, part.hour):  # rows stay intact across columns
            j = int(np.flatnonzero((log.user == u) & (log.item == i))[0])
            assert h == log.hour[j], "columns got out of step: a row's hour belongs to another event"


def test_cut_offs_move_the_split():
    retr, ranker, test = time_split(_log(), ranker_start=0.3, test_start=0.55)
    assert _pairs(test) == [(0, 15), (1, 23), (2, 31), (3, 41)], f"got test {_pairs(test)}"
    assert _pairs(ranker) == [(0, 13), (1, 21), (1, 22)], f"got ranker_train {_pairs(ranker)}"
    assert len(retr) == 3


def test_on_the_generated_shop_every_user_is_split_at_the_same_moment():
    from {{package}}.config import Config
    from {{package}}.data import generate

    ds = generate(Config.smoke(n_users=200, n_items=300))
    assert ds.split.startswith("time_split"), f"generate() still uses the fallback split: {ds.split}"
    assert ds.all_train.ts.max() < ds.test.ts.min(), "a training event is later than a test event"
    assert len(np.unique(ds.test.user)) == len(ds.test), "one test event per user"
    assert 0.5 * ds.n_users < len(ds.test) <= ds.n_users
    share = len(ds.ranker_train) / ds.summary()["interactions"]
    assert share == pytest.approx(Config.smoke().ranker_fraction, abs=0.03)


def test_an_event_exactly_at_a_cut_off_belongs_to_the_later_part():
    log = _log()
    retr, ranker, test = time_split(log, ranker_start=0.5, test_start=0.95)
    assert (0, 13) in _pairs(ranker) and (0, 13) not in _pairs(retr), "ts == ranker_start (0.5) starts ranker_train"
    assert _pairs(test) == [(0, 10), (1, 24)], f"ts == test_start (0.95) is already a test event, got test {_pairs(test)}"


def _by_definition(log, ranker_start, test_start):
    rows = sorted(zip(log.user.tolist(), log.ts.tolist(), log.item.tolist()))
    retr = [r for r in rows if r[1] < ranker_start]
    ranker = [r for r in rows if ranker_start <= r[1] < test_start]
    test, seen = [], set()
    for r in rows:
        if r[1] >= test_start and r[0] not in seen:
            seen.add(r[0])
            test.append(r)
    return retr, ranker, test


@pytest.mark.parametrize("seed", range(6))
def test_random_logs(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(30, 300))
    ts = rng.permutation(n) / n  # distinct moments; the cut-offs below fall exactly on events
    log = Events(user=rng.integers(0, 12, n), item=rng.permutation(n).astype(np.int64), ts=ts,
                 device=rng.integers(0, 2, n), hour=rng.integers(0, 24, n), intent=np.zeros(n, np.int64),
                 signal=np.zeros(n, np.int64))
    ranker_start, test_start = sorted(rng.choice(ts, 2, replace=False))
    parts = time_split(log, float(ranker_start), float(test_start))
    for name, part, want in zip(("retrieval_train", "ranker_train", "test"), parts,
                                _by_definition(log, ranker_start, test_start)):
        got = list(zip(part.user.tolist(), part.ts.tolist(), part.item.tolist()))
        assert sorted(got) == want, f"{name} with cut-offs {ranker_start}, {test_start} on a random log of {n} events"
