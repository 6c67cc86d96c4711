"""LRC521: a layer that computes NaN or inf at the starting weights, from the detector to a
real model's check."""

from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime.detectors.non_finite import layer_not_finite
from pytest_lrcheck.runtime.report import NonFiniteOrigin


def test_the_layer_is_named_with_its_class():
    found = layer_not_finite(NonFiniteOrigin(0, "output", "log_features", "Lambda"))
    assert found is not None and found.code == "LRC521"
    assert "layer 'log_features' (Lambda)" in found.message
    assert found.evidence == {"layer": "log_features", "class": "Lambda"}


def test_a_subclassed_models_own_call_is_named():
    found = layer_not_finite(NonFiniteOrigin(0, "call", "net", "Net"))
    assert found is not None and "Net.call outputs NaN or inf" in found.message


@pytest.mark.parametrize(
    "origin",
    [
        None,
        # Later than the first step: a step made the inputs that broke it.
        NonFiniteOrigin(3, "output", "log_features", "Lambda"),
        # Weights that overflow, the loss itself, the data: not the layer's own operation.
        NonFiniteOrigin(0, "overflow", "dense", "Dense"),
        NonFiniteOrigin(0, "loss"),
        NonFiniteOrigin(0, "data"),
    ],
)
def test_silent_unless_an_operation_of_the_model_made_it_at_the_start(origin):
    assert layer_not_finite(origin) is None


@pytest.mark.tensorflow
@pytest.mark.parametrize("guarded", [False, True])
def test_a_check_names_the_layer_whose_log_meets_zero(keras, guarded):
    from pytest_lrcheck import check_training

    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 16)).astype("float32")
    y = (x[:, 0] > 0).astype("int32")
    keras.utils.set_random_seed(0)
    shift = 1.0 if guarded else 0.0
    model = keras.Sequential(
        [
            keras.Input((16,)),
            keras.layers.Dense(16, activation="relu", name="hidden"),
            keras.layers.Lambda(lambda t: keras.ops.log(t + shift), name="log_features"),
            keras.layers.Dense(2, activation="softmax", name="head"),
        ]
    )
    model.compile("adam", "sparse_categorical_crossentropy")
    report = check_training(model, x, y, steps=40)
    codes = [cause.code for cause in report.causes]
    if guarded:
        assert "LRC521" not in codes
    else:
        assert codes[0] == "LRC521", report.explain()
        assert "layer 'log_features' (Lambda)" in report.causes[0].message
