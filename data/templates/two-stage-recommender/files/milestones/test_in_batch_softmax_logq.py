"""Milestone in-batch-softmax-logq: the two-tower model's loss, checked against values worked out by hand."""
import math

import pytest
import torch

from {{package}}.retrieval import in_batch_softmax_loss

E = math.e


def _eye(n):
    return torch.eye(n, dtype=torch.float32)


def test_two_pairs_without_correction():
    # users = items = unit vectors e1, e2; temperature 1: logits [[1, 0], [0, 1]], each row loses log(1 + 1/e)
    loss = in_batch_softmax_loss(_eye(2), _eye(2), torch.tensor([0, 1]), temperature=1.0)
    assert float(loss) == pytest.approx(math.log(1 + 1 / E), abs=1e-5), (
        f"expected log(1 + 1/e) = {math.log(1 + 1 / E):.5f} for two orthogonal aligned pairs, got {float(loss):.5f}")


def test_temperature_divides_the_logits():
    loss = in_batch_softmax_loss(_eye(2), _eye(2), torch.tensor([0, 1]), temperature=0.5)
    assert float(loss) == pytest.approx(math.log(1 + E ** -2), abs=1e-5), (
        f"with temperature 0.5 the logits are [[2, 0], [0, 2]]: expected {math.log(1 + E ** -2):.5f}, got {float(loss):.5f}")


def test_logq_correction_subtracts_log_q_of_each_column():
    # users 2*e1 and e2, items e1 and e2: logits [[2, 0], [0, 1]]. Item 0 is popular (q = 0.75),
    # item 1 rare (q = 0.25). Corrected row 0: [2 - log .75, -log .25] -> loss log(1 + 3/e^2);
    # row 1: [-log .75, 1 - log .25] -> loss log(1 + 1/(3e)).
    users = torch.tensor([[2.0, 0.0], [0.0, 1.0]])
    log_q = torch.log(torch.tensor([0.75, 0.25]))
    loss = in_batch_softmax_loss(users, _eye(2), torch.tensor([0, 1]), temperature=1.0, log_q=log_q)
    expected = (math.log(1 + 3 / E ** 2) + math.log(1 + 1 / (3 * E))) / 2
    added = (math.log(1 + 1 / (3 * E ** 2)) + math.log(1 + 3 / E)) / 2
    assert float(loss) != pytest.approx(added, abs=1e-4), "log q must be SUBTRACTED from the logits, not added"
    assert float(loss) == pytest.approx(expected, abs=1e-5), (
        f"expected {expected:.5f} with the logQ correction (subtract log q_j from column j), got {float(loss):.5f}")


def test_the_correction_is_relative_to_popularity():
    users = items = _eye(2)
    ids = torch.tensor([0, 1])
    plain = float(in_batch_softmax_loss(users, items, ids, 1.0))
    uniform = float(in_batch_softmax_loss(users, items, ids, 1.0, log_q=torch.log(torch.tensor([0.5, 0.5]))))
    scaled = float(in_batch_softmax_loss(users, items, ids, 1.0, log_q=torch.log(torch.tensor([0.3, 0.1]))))
    unscaled = float(in_batch_softmax_loss(users, items, ids, 1.0, log_q=torch.log(torch.tensor([0.75, 0.25]))))
    assert uniform == pytest.approx(plain, abs=1e-5), "a uniform q shifts every logit of a row equally: the loss must not change"
    assert scaled == pytest.approx(unscaled, abs=1e-5), "q and 0.4*q differ by a constant per row: the loss must not change"
    assert unscaled != pytest.approx(plain, abs=1e-3), "log_q must change the loss when q is not uniform"
    assert unscaled > plain, (
        "here the popular item (q = 0.75) is the positive of row 0 and only a negative for row 1: the "
        "correction makes row 0 harder (+0.43) and row 1 easier (-0.20), so the mean loss must go up")


def test_in_batch_duplicates_of_the_positive_are_masked():
    # rows 0 and 1 clicked the same item 7: each is not the other's negative.
    v = torch.tensor([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    loss = in_batch_softmax_loss(v, v, torch.tensor([7, 7, 9]), temperature=1.0)
    expected = (2 * math.log(1 + 1 / E) + math.log(1 + 2 / E)) / 3
    unmasked = (2 * math.log(2 + 1 / E) + math.log(1 + 2 / E)) / 3
    assert float(loss) != pytest.approx(unmasked, abs=1e-4), "the duplicate of the positive is still counted as a negative"
    assert float(loss) == pytest.approx(expected, abs=1e-5), f"expected {expected:.5f}, got {float(loss):.5f}"


def _reference(u, it, ids, t, log_q):
    total = 0.0
    for i in range(len(ids)):
        logits = [float(u[i] @ it[j]) / t - (float(log_q[j]) if log_q is not None else 0.0) for j in range(len(ids))]
        keep = [j for j in range(len(ids)) if j == i or int(ids[j]) != int(ids[i])]
        m = max(logits[j] for j in keep)
        total += -(logits[i] - m - math.log(sum(math.exp(logits[j] - m) for j in keep)))
    return total / len(ids)


def test_matches_a_loop_over_rows_on_random_batches_and_trains():
    g = torch.Generator().manual_seed(0)
    for trial in range(3):
        u = torch.nn.functional.normalize(torch.randn(6, 4, generator=g), dim=-1).requires_grad_()
        it = torch.nn.functional.normalize(torch.randn(6, 4, generator=g), dim=-1)
        ids = torch.tensor([3, 1, 3, 2, 5, 1])
        log_q = torch.log(torch.rand(6, generator=g) + 0.05)
        loss = in_batch_softmax_loss(u, it, ids, 0.2, log_q)
        assert float(loss) == pytest.approx(_reference(u.detach(), it, ids, 0.2, log_q), rel=1e-4, abs=1e-5)
        loss.backward()
        assert u.grad is not None and torch.isfinite(u.grad).all() and u.grad.abs().sum() > 0, (
            "the loss must be differentiable with respect to the user vectors")
