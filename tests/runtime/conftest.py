"""Shared data and model builders for the runtime tests: seeded, generated or bundled data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest


@pytest.fixture(scope="session")
def keras() -> Any:
    pytest.importorskip("tensorflow")
    import keras

    return keras


@pytest.fixture(scope="session")
def digits() -> Any:
    from sklearn.datasets import load_digits

    return load_digits()


@pytest.fixture(scope="session")
def scaled_digits(digits: Any, keras: Any) -> tuple[np.ndarray, np.ndarray]:
    x = (digits.images / 16.0).astype("float32")
    return x, keras.utils.to_categorical(digits.target, 10).astype("float32")


@pytest.fixture(scope="session")
def raw_digits(digits: Any, keras: Any) -> tuple[np.ndarray, np.ndarray]:
    """The first report's data: 8-bit pixel values 0-255, one-hot labels."""
    x = np.minimum(digits.images * 16, 255).astype("float32")
    return x, keras.utils.to_categorical(digits.target, 10).astype("float32")


@pytest.fixture(scope="session")
def six_digits(digits: Any, keras: Any) -> tuple[np.ndarray, np.ndarray]:
    """The second report's shape: six balanced classes, ~1080 samples, inputs in [0, 1]."""
    keep = digits.target < 6
    x = (digits.images[keep] / 16.0).astype("float32")
    return x, keras.utils.to_categorical(digits.target[keep], 6).astype("float32")


@pytest.fixture(scope="session")
def mlp(keras: Any) -> Callable[..., Any]:
    def build(
        hidden: tuple[int, ...] = (32,),
        classes: int = 10,
        optimizer: Any = None,
        activation: str = "relu",
        output: str = "softmax",
        loss: Any = "categorical_crossentropy",
        seed: int = 0,
        **dense: Any,
    ) -> Any:
        keras.utils.set_random_seed(seed)
        layers = [keras.Input((8, 8)), keras.layers.Flatten()]
        layers += [keras.layers.Dense(u, activation=activation, **dense) for u in hidden]
        layers.append(keras.layers.Dense(classes, activation=output))
        model = keras.Sequential(layers)
        model.compile(optimizer=optimizer or keras.optimizers.Adam(1e-3), loss=loss)
        return model

    return build


@pytest.fixture
def opaque_model(keras: Any) -> Any:
    """A compiled subclassed model that cannot be cloned: its ``get_config`` raises."""

    class Opaque(keras.Model):
        def __init__(self) -> None:
            super().__init__()
            self.dense = keras.layers.Dense(10, activation="softmax")

        def call(self, x: Any) -> Any:
            return self.dense(keras.ops.reshape(x, (-1, 64)))

        def get_config(self) -> Any:
            raise NotImplementedError

    model = Opaque()
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    return model
