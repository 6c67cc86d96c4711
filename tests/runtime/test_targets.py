"""LRC519: regression targets far from unit scale."""

from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime.detectors.targets import UNSCALED_TARGETS, unscaled_targets


def test_targets_in_the_hundreds_of_thousands_are_named_with_their_scale():
    y = np.random.default_rng(0).normal(4e5, 1e5, size=(500, 1))
    symptom = unscaled_targets(y, "mean_squared_error")
    assert symptom is not None and symptom.code == "LRC519"
    assert "mean 3.97e+05" in symptom.message and "standardize" in symptom.message
    assert symptom.evidence["std"] == pytest.approx(1e5, rel=0.1)


@pytest.mark.parametrize(
    ("y", "loss"),
    [
        (np.random.default_rng(0).normal(0, 1, 500), "mean_squared_error"),  # standardized
        (np.full(500, UNSCALED_TARGETS / 2), "mean_absolute_error"),  # below the threshold
        (np.arange(500) % 10, "sparse_categorical_crossentropy"),  # class ids, not targets
        (np.full(500, 4e5), None),  # a loss we cannot read
        (np.array([np.nan, 1e6]), "mean_squared_error"),  # NaN is refused elsewhere
    ],
)
def test_scaled_targets_other_losses_and_unreadable_targets_stay_silent(y, loss):
    assert unscaled_targets(y, loss) is None


def test_a_large_mean_alone_is_enough():
    assert unscaled_targets(np.full(50, 250.0) + np.arange(50) * 0.01, "huber") is not None
