"""Shared pieces of the plugin tests: tiny seeded Keras models for the inner test sessions."""

from __future__ import annotations

import importlib.util
import sys

import pytest

# Written into each pytester directory that trains, as ``lrmodels.py``: tiny models (Dense 8)
# on generated, seeded data, so each check takes well under a second on CPU.
LRMODELS = '''
import numpy as np
import keras


def blobs(n=256, classes=4, features=8, seed=0, scale=1.0):
    """Separable Gaussian blobs with one-hot labels; ``scale`` mimics raw 0-255 inputs."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(classes, features)) * 3.0
    labels = rng.integers(0, classes, size=n)
    x = (centers[labels] + rng.normal(size=(n, features))) * scale
    return x.astype("float32"), np.eye(classes, dtype="float32")[labels]


def classifier(learning_rate=1e-2, optimizer="adam", activation="softmax", classes=4, features=8):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((features,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(classes, activation=activation),
        ]
    )
    if optimizer == "adam":
        opt = keras.optimizers.Adam(learning_rate)
    else:
        opt = keras.optimizers.SGD(learning_rate)
    model.compile(optimizer=opt, loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def healthy():
    """Adam at 1e-2 from a poor start: a short fit ends near chance while still falling fast."""
    x, y = blobs()
    return classifier(1e-2), x, y


def half_fix():
    """Scaled inputs, but a sigmoid output under categorical cross-entropy: Keras 3 trains it
    from the pre-activations, so the loss falls and only a warning can tell."""
    x, y = blobs()
    return classifier(1e-2, activation="sigmoid"), x, y


def sorted_classes():
    """Blobs sorted by class: a fit with shuffle=False trains on one class after another."""
    x, y = blobs(n=512)
    order = np.argsort(y.argmax(axis=1), kind="stable")
    return classifier(1e-2), x[order], y[order]


def exploding():
    """Raw 0-255-sized inputs under plain SGD at a rate of 1: the loss blows up at once."""
    x, y = blobs(scale=255.0)
    return classifier(1.0, optimizer="sgd"), x, y
'''


@pytest.fixture
def lrmodels(pytester: pytest.Pytester) -> None:
    """Write ``lrmodels.py`` for the inner tests to import."""
    pytester.makepyfile(lrmodels=LRMODELS)


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@pytest.fixture(scope="session")
def keras_loaded() -> None:
    """Import Keras in this process before an in-process inner session trains.

    pytester restores ``sys.modules`` after each test; TensorFlow and NumPy cannot be imported
    a second time in one process, so they must be loaded before pytester's snapshot is taken
    (a session fixture is set up before any function-scoped one).  Subprocess tests check
    `installed` instead of importing.
    """
    pytest.importorskip("tensorflow")
    pytest.importorskip("keras")
    assert "keras" in sys.modules
