"""The Keras behaviour that LRC102-LRC104 and LRC109 describe, checked on the installed Keras.

The rule documents make claims about what Keras does with these mistakes (their "Keras versions"
sections); these tests keep the claims true as Keras changes.  TensorFlow is imported by a
fixture, so collecting the lint tests stays cheap; ``-m "not tensorflow"`` skips them.
"""

from __future__ import annotations

import math
import warnings
from types import ModuleType

import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow

LOGITS = np.array([[2.0, -1.0, 0.5], [0.1, 0.3, -2.0]], dtype="float32")
ONE_HOT = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype="float32")


@pytest.fixture(scope="module")
def keras() -> ModuleType:
    pytest.importorskip("tensorflow")
    return pytest.importorskip("keras")


@pytest.fixture(scope="module")
def tf(keras: ModuleType) -> ModuleType:
    """TensorFlow, for the claims about the TensorFlow backend's cached logits."""
    if keras.backend.backend() != "tensorflow":
        pytest.skip("cached logits are a TensorFlow-backend feature")
    import tensorflow

    return tensorflow


def numbers(keras: ModuleType, tensor: object) -> np.ndarray:
    return np.asarray(keras.ops.convert_to_numpy(tensor))


def test_single_unit_softmax_outputs_one_and_warns(keras: ModuleType):  # LRC102
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="softmax")])
    samples = np.random.default_rng(0).normal(size=(16, 4)).astype("float32")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outputs = model.predict(samples, verbose=0)
    assert np.all(outputs == 1.0)
    assert any("has size 1" in str(w.message) for w in caught)
    labels = np.ones((16, 1), dtype="float32")
    loss = keras.losses.categorical_crossentropy(labels, model(samples))
    assert np.allclose(numbers(keras, loss), 0.0)


def test_binary_crossentropy_uses_the_logits_cached_on_a_softmax_output(
    keras: ModuleType, tf: ModuleType
):  # LRC102, LRC103
    probabilities = keras.activations.softmax(tf.constant(LOGITS))
    cached = keras.losses.binary_crossentropy(ONE_HOT, probabilities)
    as_sigmoid_logits = keras.losses.binary_crossentropy(ONE_HOT, LOGITS, from_logits=True)
    as_probabilities = keras.losses.binary_crossentropy(ONE_HOT, probabilities.numpy())
    assert np.allclose(numbers(keras, cached), numbers(keras, as_sigmoid_logits))
    assert not np.allclose(numbers(keras, cached), numbers(keras, as_probabilities))


def test_from_logits_true_after_softmax_is_undone_with_a_warning(
    keras: ModuleType, tf: ModuleType
):  # LRC104
    probabilities = keras.activations.softmax(tf.constant(LOGITS))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mismatched = keras.losses.categorical_crossentropy(ONE_HOT, probabilities, from_logits=True)
    right = numbers(keras, keras.losses.categorical_crossentropy(ONE_HOT, LOGITS, from_logits=True))
    assert np.allclose(numbers(keras, mismatched), right)
    assert any("received `from_logits=True`" in str(w.message) for w in caught)
    # Without the cached logits (plain probabilities, as on other backends) it squashes twice.
    squashed = keras.losses.categorical_crossentropy(
        ONE_HOT, probabilities.numpy(), from_logits=True
    )
    assert np.all(numbers(keras, squashed) > right)


@pytest.mark.parametrize("classes", [3, 10])
def test_double_softmax_ceiling_and_loss_floor(keras: ModuleType, classes: int):  # LRC109
    certain = np.eye(classes, dtype="float32")[:1] * 50.0
    twice = keras.activations.softmax(keras.activations.softmax(certain))
    ceiling = math.e / (math.e + classes - 1)
    assert float(np.max(numbers(keras, twice))) == pytest.approx(ceiling, rel=1e-4)
    loss = keras.losses.categorical_crossentropy(np.eye(classes, dtype="float32")[:1], twice)
    assert float(numbers(keras, loss)[0]) == pytest.approx(-math.log(ceiling), rel=1e-4)


def test_a_softmax_layer_after_a_softmax_is_not_undone_by_cached_logits(
    keras: ModuleType, tf: ModuleType
):  # LRC109
    inputs = keras.Input((3,))
    twice = keras.layers.Softmax()(keras.layers.Activation("softmax")(inputs))
    model = keras.Model(inputs, twice)
    loss = numbers(keras, keras.losses.categorical_crossentropy(ONE_HOT, model(LOGITS)))
    once = numbers(keras, keras.losses.categorical_crossentropy(ONE_HOT, LOGITS, from_logits=True))
    assert np.all(loss > once)
