"""The Keras behaviour that LRC302 and LRC401-LRC404 describe, checked on the installed Keras.

The rule documents make claims about what Keras does with these mistakes; these tests keep the
claims true as Keras changes.  Each trains a few steps on generated data, seeded.  TensorFlow is
imported by a fixture, so collecting the lint tests stays cheap; ``-m "not tensorflow"`` skips
them.
"""

from __future__ import annotations

import warnings
from types import ModuleType

import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow

RNG = np.random.default_rng(0)
X = RNG.random((64, 8)).astype("float32")
Y = RNG.integers(0, 3, size=64)


@pytest.fixture(scope="module")
def keras() -> ModuleType:
    pytest.importorskip("tensorflow")
    return pytest.importorskip("keras")


def _train(keras: ModuleType, *layers: object) -> object:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8,)), *layers])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
    model.fit(X, Y, epochs=3, batch_size=16, verbose=0)
    return model


def test_keras_3_rejects_lr_and_ignores_decay(keras: ModuleType):  # LRC302
    if int(keras.__version__.split(".")[0]) < 3:
        pytest.skip("Keras 2 accepts both")
    with pytest.raises(ValueError, match="Argument\\(s\\) not recognized"):
        keras.optimizers.SGD(lr=0.01)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        optimizer = keras.optimizers.SGD(learning_rate=0.01, decay=0.5)
    assert any("decay" in str(w.message) for w in caught)
    assert float(optimizer.learning_rate) == pytest.approx(0.01)


def test_inverse_time_decay_computes_what_decay_did(keras: ModuleType):  # LRC302
    schedule = keras.optimizers.schedules.InverseTimeDecay(0.01, decay_steps=1, decay_rate=1e-3)
    for step in (0, 10, 1000):
        assert float(schedule(step)) == pytest.approx(0.01 / (1 + 1e-3 * step))


def test_two_linear_dense_layers_are_one_linear_map(keras: ModuleType):  # LRC401
    model = _train(keras, keras.layers.Dense(16), keras.layers.Dense(3))
    (w1, b1), (w2, b2) = (layer.get_weights() for layer in model.layers)
    merged = X @ (w1 @ w2) + (b1 @ w2 + b2)
    assert np.allclose(model.predict(X, verbose=0), merged, atol=1e-5)


def test_dense_without_flatten_outputs_one_prediction_per_position(keras: ModuleType):  # LRC402
    layers = keras.layers
    model = keras.Sequential(
        [keras.Input((12, 12, 1)), layers.Conv2D(4, 3), layers.MaxPooling2D(), layers.Dense(3)]
    )
    assert tuple(model.output_shape) == (None, 5, 5, 3)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    images = RNG.random((16, 12, 12, 1)).astype("float32")
    with pytest.raises(ValueError):
        model.fit(images, Y[:16], epochs=1, verbose=0)


def test_zero_kernel_under_relu_never_learns(keras: ModuleType):  # LRC403
    model = _train(
        keras,
        keras.layers.Dense(16, activation="relu", kernel_initializer="zeros"),
        keras.layers.Dense(3, activation="softmax"),
    )
    kernel, bias = model.layers[0].get_weights()
    assert not kernel.any() and not bias.any()


def _distinct_units(kernel: np.ndarray) -> bool:
    return bool(np.abs(kernel - kernel[:, :1]).max() > 1e-6)


def test_constant_layers_in_a_row_keep_the_units_equal(keras: ModuleType):  # LRC403
    model = _train(
        keras,
        keras.layers.Dense(16, activation="tanh", kernel_initializer="ones"),
        keras.layers.Dense(3, activation="softmax", kernel_initializer="zeros"),
    )
    assert not _distinct_units(model.layers[0].get_weights()[0])


def test_a_random_next_layer_breaks_the_symmetry(keras: ModuleType):  # LRC403 stays silent
    model = _train(
        keras,
        keras.layers.Dense(16, activation="tanh", kernel_initializer="zeros"),
        keras.layers.Dense(3, activation="softmax"),
    )
    assert _distinct_units(model.layers[0].get_weights()[0])


def test_argmax_without_axis(keras: ModuleType):  # LRC404
    scores = np.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]], dtype="float32")
    assert int(np.argmax(scores)) == 1  # an index into the flattened batch
    assert int(keras.ops.convert_to_numpy(keras.ops.argmax(scores))) == 1
    import tensorflow as tf

    assert tf.argmax(scores).numpy().tolist() == [1, 0]  # per class: the best sample
