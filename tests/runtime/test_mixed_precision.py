"""Mixed precision: the optimizer's loss scale shows neither in the range test nor in the
gradients the diagnosis reads."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pytest_lrcheck.runtime.gradients import global_norm, loss_gradients
from pytest_lrcheck.runtime.lr_range import assess_learning_rate, lr_range
from pytest_lrcheck.runtime.probes import layer_gradients

pytestmark = pytest.mark.tensorflow


def build(keras, policy: str):
    keras.config.set_dtype_policy(policy)
    try:
        keras.utils.set_random_seed(0)
        model = keras.Sequential(
            [
                keras.Input((64,)),
                keras.layers.Dense(32, activation="relu"),
                keras.layers.Dense(10),
                keras.layers.Activation("softmax", dtype="float32"),
            ]
        )
        model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    finally:
        keras.config.set_dtype_policy("float32")
    return model


@pytest.fixture
def flat_digits(digits):
    return (digits.data / 16.0).astype("float32"), digits.target


def test_the_range_test_of_a_mixed_precision_model_matches_its_float32_twin(keras, flat_digits):
    mixed = lr_range(build(keras, "mixed_float16"), *flat_digits, steps=100)
    plain = lr_range(build(keras, "float32"), *flat_digits, steps=100)
    assert mixed.suggested is not None and plain.suggested is not None
    assert plain.suggested / 3 <= mixed.suggested <= plain.suggested * 3
    assert mixed.largest_stable is not None and mixed.largest_stable > 1e-3
    assert assess_learning_rate(build(keras, "mixed_float16"), *flat_digits, steps=100).ok


def test_gradients_are_of_the_unscaled_loss(keras, flat_digits):
    x, y = flat_digits
    mixed, plain = build(keras, "mixed_float16"), build(keras, "float32")
    mixed.set_weights(plain.get_weights())
    scaled = global_norm(loss_gradients(mixed, x[:64], y[:64]))
    unscaled = global_norm(loss_gradients(plain, x[:64], y[:64]))
    assert math.isfinite(scaled)
    # float16 activations round a little; the loss scale (2**15) would multiply it.
    assert scaled == pytest.approx(unscaled, rel=0.05)
    norms = layer_gradients(mixed, x[:64], y[:64])
    assert len(norms) == 2 and all(np.isfinite(g.grad_norm) for g in norms)
