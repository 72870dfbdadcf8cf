"""Exercise calibrate-with-temperature: fit_temperature in {{package}}/temperature.py.

    python -m pytest milestones/test_calibrate_with_temperature.py
"""
import random

import numpy as np
import pytest

from {{package}}.temperature import fit_temperature, nll, softmax


def calibrated_logits(n=4000, classes=2, seed=0):
    """Logits z and labels drawn from softmax(z): z is perfectly calibrated (T = 1)."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0.0, 2.0, size=(n, classes))
    p = softmax(z)
    labels = np.array([rng.choice(classes, p=row) for row in p])
    return z, labels


@pytest.mark.parametrize("scale", [2.5, 0.5])
def test_recovers_the_temperature_that_was_applied(scale):
    z, labels = calibrated_logits()
    logits = scale * z  # scale 2.5: over-confident, 0.5: under-confident; T = scale undoes it
    fitted = fit_temperature(logits, labels)
    assert fitted is not None and fitted > 0, f"fit_temperature must return a positive number, got {fitted!r}"
    assert fitted == pytest.approx(scale, rel=0.1), \
        f"the logits were {scale} x calibrated logits, so the fitted T should be about {scale}; got {fitted:.3f}"


def test_fitted_temperature_minimises_validation_nll():
    z, labels = calibrated_logits(classes=3, seed=1)
    logits = 3.0 * z
    t = fit_temperature(logits, labels)
    best = nll(logits, labels, t)
    for other in (1.0, 0.8 * t, 1.25 * t):
        assert best <= nll(logits, labels, other) + 1e-6, f"T = {other:.3f} has a lower NLL than the fitted T = {t:.3f}"


def test_calibrated_logits_keep_temperature_near_one():
    z, labels = calibrated_logits(seed=2)
    assert fit_temperature(z, labels) == pytest.approx(1.0, abs=0.12)


def test_argmax_and_so_accuracy_do_not_change():
    z, labels = calibrated_logits(seed=3)
    t = fit_temperature(4 * z, labels)
    assert (softmax(4 * z, t).argmax(1) == (4 * z).argmax(1)).all()


@pytest.mark.parametrize("spread, true_t", [(4.0, 1.0), (1.0, 0.25)])
def test_fits_the_labels_not_the_spread_of_the_logits(spread, true_t):
    """The labels decide T: logits of the same spread can need very different temperatures."""
    rng = np.random.default_rng(4)
    z = rng.normal(0.0, spread, size=(4000, 3))
    p = softmax(z, true_t)
    labels = np.array([rng.choice(3, p=row) for row in p])
    fitted = fit_temperature(z, labels)
    assert fitted == pytest.approx(true_t, rel=0.15), (
        f"labels drawn from softmax(logits / {true_t}), so the fitted T should be about {true_t}; got {fitted:.3f}"
    )


def test_random_cases_reach_the_minimum():
    """Random logits and labels (the seed is in the message): no nearby T has a lower NLL."""
    seed = random.SystemRandom().randrange(2**31)
    rng = np.random.default_rng(seed)
    for _ in range(3):
        classes = int(rng.integers(2, 6))
        true_t = rng.uniform(0.3, 3.0)
        # logits / true_t have a spread of 1 to 4: informative labels, so the best T lies well inside [0.05, 20]
        z = rng.normal(0.0, true_t * rng.uniform(1.0, 4.0), size=(int(rng.integers(200, 1000)), classes))
        p = softmax(z, true_t)
        labels = np.array([rng.choice(classes, p=row) for row in p])
        t = fit_temperature(z, labels)
        assert t is not None and t > 0, f"seed {seed}: fit_temperature must return a positive number, got {t!r}"
        for other in (0.97 * t, 1.03 * t):
            assert nll(z, labels, t) <= nll(z, labels, other) + 1e-9, (
                f"seed {seed}: T = {other:.4f} has a lower validation NLL than the fitted T = {t:.4f}"
            )
