"""The vocabulary agrees with the installed Keras: names, classes, ``from_logits``, ranges.

Spellings that only older Keras accepts stay in the vocabulary (users still write them); they
are named here so that a new gap shows up as a failure.
"""

from __future__ import annotations

import inspect
from types import ModuleType

import numpy as np
import pytest

from pytest_lrcheck import keras_vocab as vocab

pytestmark = pytest.mark.tensorflow

# Keras 2 spellings that Keras 3 no longer resolves.
KERAS2_LOSS_ALIASES = {"huber_loss", "logcosh", "kullback_leibler_divergence"}
KERAS2_LAYERS = {"ThresholdedReLU"}
KERAS2_METRICS = {"accuracy"}  # the function keras.metrics.accuracy
# Keras 2's defaults, kept because LRC301's messages quote them; Keras 3 uses 0.001.
KERAS2_DEFAULT_RATES = {"Adamax", "Nadam"}


@pytest.fixture(scope="module")
def keras() -> ModuleType:
    pytest.importorskip("tensorflow")
    return pytest.importorskip("keras")


@pytest.mark.parametrize("loss", vocab.LOSSES.values(), ids=lambda loss: loss.name)
def test_every_loss_name_alias_and_class_is_that_keras_loss(keras: ModuleType, loss: vocab.Loss):
    for alias in (loss.name, *loss.aliases):
        if alias not in KERAS2_LOSS_ALIASES:
            assert keras.losses.get(alias).__name__ == loss.name, alias
    cls = getattr(keras.losses, loss.class_name)
    assert cls().fn.__name__ == loss.name
    assert ("from_logits" in inspect.signature(cls).parameters) == loss.takes_logits
    if loss.twin is not None:
        assert vocab.LOSSES[loss.twin].twin == loss.name
        assert vocab.LOSSES[loss.twin].expects == loss.expects


@pytest.mark.parametrize("spelled", sorted(vocab.ACTIVATION_STRINGS))
def test_every_activation_string_is_that_keras_activation_and_stays_in_its_range(
    keras: ModuleType, spelled: str
):
    name = vocab.ACTIVATION_STRINGS[spelled]
    function = keras.activations.get(spelled)
    assert function.__name__ == name
    x = np.random.default_rng(0).normal(scale=20.0, size=(64, 7)).astype("float32")
    y = np.asarray(function(x))
    info = vocab.ACTIVATIONS[name]
    assert info.low - 1e-6 <= y.min() and y.max() <= info.high + 1e-6


def test_every_layer_class_named_exists(keras: ModuleType):
    named = (
        set(vocab.ACTIVATION_LAYERS) | vocab.DENSE_LIKE | vocab.CONV_LAYERS | vocab.SPATIAL_LAYERS
        | vocab.PASSTHROUGH_LAYERS | vocab.RESHAPING_LAYERS | vocab.SCALING_LAYERS
        | vocab.RESIZING_LAYERS | vocab.INTEGER_INPUT_LAYERS | vocab.RECURRENT_LAYERS
    )  # fmt: skip
    missing = sorted(k for k in named - KERAS2_LAYERS if not hasattr(keras.layers, k))
    assert missing == []


def test_activation_layers_apply_the_activation_named(keras: ModuleType):
    x = np.linspace(-3, 3, 12, dtype="float32").reshape(2, 6)
    for kind, name in vocab.ACTIVATION_LAYERS.items():
        if name is None or name == "prelu" or kind in KERAS2_LAYERS:
            continue
        expected = np.asarray(keras.activations.get(name)(x))
        applied = np.asarray(getattr(keras.layers, kind)()(x))
        # The same function; a layer's default slope may differ (LeakyReLU: 0.3 against 0.2).
        assert np.allclose(applied[x >= 0], expected[x >= 0]), kind
        assert np.array_equal(np.sign(applied), np.sign(expected)), kind


def test_optimizers_and_their_default_rates(keras: ModuleType):
    for name, info in vocab.OPTIMIZERS.items():
        cls = getattr(keras.optimizers, name)
        if name in KERAS2_DEFAULT_RATES or name == "LossScaleOptimizer":
            continue
        assert inspect.signature(cls).parameters["learning_rate"].default == info.default_lr
    for spelled, name in vocab.OPTIMIZER_STRINGS.items():
        assert type(keras.optimizers.get(spelled)).__name__ == name


def test_metric_classes_exist(keras: ModuleType):
    assert [k for k in vocab.METRIC_CLASSES if k not in KERAS2_METRICS] == [
        k for k in vocab.METRIC_CLASSES if hasattr(keras.metrics, k)
    ]
