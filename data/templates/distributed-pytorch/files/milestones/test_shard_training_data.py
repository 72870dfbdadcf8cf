"""Exercise shard-training-data: ``make_train_loader`` in trainer.py.

Each rank must read a disjoint shard that, over all ranks, covers the training set; shards are
padded to equal length (or DDP deadlocks); ``set_epoch`` reshuffles, identically on every rank.
Run: python -m pytest milestones/test_shard_training_data.py
"""
import torch
from torch.utils.data import TensorDataset

from {{package}}.trainer import make_train_loader


def indexed(n):
    """A dataset whose label is the sample's index, so a loader tells which samples it read."""
    return TensorDataset(torch.zeros(n, 2), torch.arange(n))


def read(loader):
    return [int(i) for _, y in loader for i in y]


def shards(n, world_size, batch_size=4, seed=0, epoch=0):
    out = []
    for rank in range(world_size):
        loader, sampler = make_train_loader(indexed(n), rank, world_size, batch_size, seed)
        sampler.set_epoch(epoch)
        out.append(read(loader))
    return out


def test_shards_are_disjoint_and_cover_the_data():
    a, b = shards(40, 2)
    assert len(a) == len(b) == 20, f"each of 2 ranks should read 20 of 40 samples, not {len(a)} and {len(b)}"
    assert set(a).isdisjoint(b), "two ranks read the same samples: give DistributedSampler the rank and world size"
    assert set(a) | set(b) == set(range(40))


def test_four_ranks_and_the_batch_size():
    parts = shards(64, 4, batch_size=8)
    assert [len(p) for p in parts] == [16] * 4
    assert set().union(*map(set, parts)) == set(range(64))
    loader, _ = make_train_loader(indexed(64), 0, 4, 8, seed=0)
    assert [len(y) for _, y in loader] == [8, 8], "16 samples per rank in batches of 8"


def test_uneven_shards_are_padded_to_equal_length():
    parts = shards(10, 4)
    assert [len(p) for p in parts] == [3, 3, 3, 3], "pad the shards (drop_last=False) so every rank takes the same steps"
    assert set().union(*map(set, parts)) == set(range(10))


def test_set_epoch_reshuffles_the_same_way_on_every_rank():
    first, second = shards(100, 2, epoch=0), shards(100, 2, epoch=1)
    assert first[0] != second[0], "the order should change with the epoch (shuffle, and use set_epoch)"
    assert set(second[0]).isdisjoint(second[1]), "every rank must shuffle with the same seed and epoch"
    assert shards(100, 2, epoch=1) == second, "the same seed and epoch give the same order"
    assert shards(100, 2, seed=1, epoch=1)[0] != second[0], "the seed changes the order"
