"""Milestone wide-crosses: the wide part's crossed features index one shared table without collisions."""
import itertools

import numpy as np
import pytest
import torch

from {{package}}.data import N_HOUR_BUCKETS as H, N_PRICE_BUCKETS as P
from {{package}}.ranking import WideAndDeep, cross_features

C = 3  # categories in these small examples
BLOCKS = [(0, C * C), (C * C, 2 * P), (C * C + 2 * P, C * C), (2 * C * C + 2 * P, H * C)]  # (start, size) per column


def _all_combinations():
    grid = np.array(list(itertools.product(range(C), range(C), range(2), range(P), range(C), range(H))))
    icat, signal, device, pb, top, hb = grid.T
    return dict(item_cat=icat, signal=signal, device=device, price_bucket=pb, top_cat=top, hour_bucket=hb)


def _cross(**cols):
    return np.asarray(cross_features(C, cols["item_cat"], cols["signal"], cols["device"], cols["price_bucket"],
                                     cols["top_cat"], cols["hour_bucket"]))


def test_one_row_by_hand():
    # item category 2, signal 1, mobile, price bucket 7, user's top category 0, hour bucket 4
    got = _cross(item_cat=np.array([2]), signal=np.array([1]), device=np.array([1]), price_bucket=np.array([7]),
                 top_cat=np.array([0]), hour_bucket=np.array([4]))
    assert got.shape == (1, 4), f"expected one row of 4 crossed indices, got shape {got.shape}"
    for col, (start, size) in enumerate(BLOCKS):
        assert start <= got[0, col] < start + size, (
            f"column {col} = {got[0, col]} is outside its block [{start}, {start + size})")


def test_every_pair_gets_its_own_index_and_blocks_fill_the_table():
    cols = _all_combinations()
    wide = _cross(**cols)
    assert wide.shape == (len(cols["item_cat"]), 4)
    assert np.issubdtype(wide.dtype, np.integer), f"indices must be integers, got {wide.dtype}"
    pairs = [("signal", "item_cat"), ("device", "price_bucket"), ("top_cat", "item_cat"), ("hour_bucket", "item_cat")]
    for col, ((a, b), (start, size)) in enumerate(zip(pairs, BLOCKS)):
        index_of = {}
        for x, y, idx in zip(cols[a], cols[b], wide[:, col]):
            assert index_of.setdefault((x, y), idx) == idx, (
                f"column {col} ({a} x {b}) must depend only on ({a}, {b}): ({x}, {y}) got two indices")
        assert len(set(index_of.values())) == size, (
            f"column {col} ({a} x {b}): {size} pairs must get {size} different indices, got {len(set(index_of.values()))}")
        assert set(index_of.values()) == set(range(start, start + size)), (
            f"column {col} ({a} x {b}) must fill its block [{start}, {start + size}) of the shared table")


@pytest.mark.parametrize("n_categories", [1, 2, 5, 8])
def test_other_vocabulary_sizes_fill_their_blocks_too(n_categories):
    c = n_categories
    rng = np.random.default_rng(c)
    n = 4000
    cols = dict(item_cat=rng.integers(0, c, n), signal=rng.integers(0, c, n), device=rng.integers(0, 2, n),
                price_bucket=rng.integers(0, P, n), top_cat=rng.integers(0, c, n), hour_bucket=rng.integers(0, H, n))
    wide = np.asarray(cross_features(c, cols["item_cat"], cols["signal"], cols["device"], cols["price_bucket"],
                                     cols["top_cat"], cols["hour_bucket"]))
    blocks = [(0, c * c), (c * c, 2 * P), (c * c + 2 * P, c * c), (2 * c * c + 2 * P, H * c)]
    pairs = [("signal", "item_cat"), ("device", "price_bucket"), ("top_cat", "item_cat"), ("hour_bucket", "item_cat")]
    for col, ((a, b), (start, size)) in enumerate(zip(pairs, blocks)):
        seen = {}
        for x, y, idx in zip(cols[a], cols[b], wide[:, col]):
            assert start <= idx < start + size, f"C={c}: column {col} = {idx} is outside its block [{start}, {start + size})"
            assert seen.setdefault((x, y), idx) == idx, f"C={c}: column {col} gives ({x}, {y}) two indices"
        assert len(set(seen.values())) == len(seen), f"C={c}: column {col} ({a} x {b}) maps two pairs to one index"


def test_a_wide_only_model_learns_an_interaction_the_single_features_cannot_express():
    # label = 1 exactly when the session signal equals the item category: a pure cross effect
    rng = np.random.default_rng(0)
    n = 2000
    icat, signal = rng.integers(0, C, n), rng.integers(0, C, n)
    zeros = np.zeros(n, np.int64)
    wide = torch.as_tensor(_cross(item_cat=icat, signal=signal, device=zeros, price_bucket=zeros, top_cat=zeros,
                                  hour_bucket=zeros).astype(np.int64))
    y = torch.as_tensor((icat == signal).astype(np.float32))
    torch.manual_seed(0)
    model = WideAndDeep([C] * 6, 2 * C * C + 2 * P + H * C, n_dense=1, emb_dim=2, hidden=4)
    for p in model.deep.parameters():
        p.requires_grad_(False)
        p.data.zero_()
    opt = torch.optim.Adam([model.wide.weight], lr=0.3)
    cat = torch.zeros((n, 6), dtype=torch.long)
    dense = torch.zeros((n, 1))
    for _ in range(60):
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(cat, wide, dense), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    acc = float(((model(cat, wide, dense) > 0).float() == y).float().mean())
    assert acc > 0.99, f"the wide part alone should learn 'signal == item category' from the crosses, accuracy {acc:.3f}"
