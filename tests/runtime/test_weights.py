"""LRC520: weights that never change, from the detector's edge cases to a real run."""

from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime.check import check_training
from pytest_lrcheck.runtime.detectors.weights import MIN_STEPS, weights_never_change
from pytest_lrcheck.runtime.probes import WeightChange

KERNELS = ("dense/kernel", "dense/bias", "head/kernel", "head/bias")


def change(unchanged: tuple[str, ...], trainable=KERNELS, steps=200) -> WeightChange:
    return WeightChange(tuple(trainable), unchanged, frozen=0, steps=steps)


def test_nothing_trainable_is_reported_with_the_frozen_count():
    found = weights_never_change(WeightChange((), (), frozen=4, steps=200))
    assert found is not None and found.code == "LRC520"
    assert "no trainable weights (4 frozen" in found.message


def test_every_weight_still_is_reported():
    found = weights_never_change(change(KERNELS))
    assert found is not None and "none of the model's 4 trainable weights changed" in found.message


def test_a_rate_below_float32_precision_is_left_to_the_range_test():
    # Every update of Adam(1e-9) rounds away: the rate is too low, gradients do arrive.
    assert weights_never_change(change(KERNELS), learning_rate=1e-9) is None
    # A rate of 0, or one that can move a weight, keeps the finding.
    assert weights_never_change(change(KERNELS), learning_rate=0.0) is not None
    assert weights_never_change(change(KERNELS), learning_rate=1e-3) is not None
    assert weights_never_change(change(("head/kernel",)), learning_rate=1e-9) is None
    # Nothing to train stays nothing to train, whatever the rate.
    assert weights_never_change(WeightChange((), (), 4, 200), learning_rate=1e-9) is not None


def test_an_untouched_kernel_is_named_while_the_rest_trained():
    found = weights_never_change(change(("head/kernel",)))
    assert found is not None and "(head/kernel)" in found.message
    assert found.evidence["unchanged"] == 1 and found.confidence < 0.95


def test_silent_when_everything_moved_or_only_biases_stayed_or_the_run_was_short():
    assert weights_never_change(change(())) is None
    assert weights_never_change(change(("dense/bias", "head/bias"))) is None
    assert weights_never_change(change(KERNELS, steps=MIN_STEPS - 1)) is None
    assert weights_never_change(None) is None


@pytest.mark.tensorflow
def test_a_branch_the_gradient_never_reaches_is_found(keras, scaled_digits):
    x, y = scaled_digits
    keras.utils.set_random_seed(0)
    inputs = keras.Input((8, 8))
    flat = keras.layers.Flatten()(inputs)
    hidden = keras.layers.Dense(32, activation="relu", name="cut_off")(flat)
    # The hidden layer's output reaches the loss only through stop_gradient: it never learns.
    blocked = keras.layers.Lambda(keras.ops.stop_gradient)(hidden)
    outputs = keras.layers.Dense(10, activation="softmax", name="head")(blocked)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.SGD(1e-5), loss="categorical_crossentropy")
    before = [w.copy() for w in model.get_weights()]
    report = check_training(model, x, y, steps=60)
    assert not report.healthy
    found = next(s for s in report.symptoms if s.code == "LRC520")
    assert "cut_off/kernel" in found.message and "head/kernel" not in found.message
    for old, new in zip(before, model.get_weights(), strict=True):
        np.testing.assert_array_equal(old, new)
