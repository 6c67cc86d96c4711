"""LRC521: the first layer that computes NaN or inf, from the detector to a real model."""

from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime.detectors.non_finite import layer_not_finite


def test_the_layer_is_named_with_its_class():
    found = layer_not_finite(("log_features", "Lambda"))
    assert found is not None and found.code == "LRC521"
    assert "layer 'log_features' (Lambda)" in found.message
    assert found.evidence == {"layer": "log_features", "class": "Lambda"}


def test_silent_without_a_layer():
    assert layer_not_finite(None) is None


@pytest.mark.tensorflow
def test_the_first_non_finite_layer_of_a_model_is_found(keras):
    from pytest_lrcheck.runtime.non_finite import first_non_finite_layer

    x = np.linspace(-1.0, 1.0, 64 * 8, dtype="float32").reshape(8, 64)
    keras.utils.set_random_seed(0)
    hidden = keras.layers.Dense(16, activation="relu", name="hidden")
    model = keras.Sequential(
        [
            keras.Input((64,)),
            hidden,
            keras.layers.Lambda(lambda t: keras.ops.log(t), name="log_features"),
            keras.layers.Dense(3, name="head"),
        ]
    )
    assert first_non_finite_layer(model, x) == ("log_features", "Lambda")
    # Defined at 0: every layer finite.
    safe = keras.Sequential(
        [keras.Input((64,)), hidden, keras.layers.Lambda(lambda t: keras.ops.log(t + 1.0))]
    )
    assert first_non_finite_layer(safe, x) is None
