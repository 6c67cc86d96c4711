"""Small model makers shared by the zoo's entries and the failure calibration set.

Each takes the knobs the scenarios vary (optimizer, activations, initializers) and returns a
compiled model; the caller seeds first (`tests.zoo.case.seeded`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.zoo.case import keras


def optimizer(name: str, rate: Any, **options: Any) -> Any:
    """``keras.optimizers.<name>(rate, ...)``: ``rate`` may be a schedule."""
    return getattr(keras().optimizers, name)(learning_rate=rate, **options)


def mlp(
    input_shape: Sequence[int],
    outputs: int,
    *,
    hidden: Sequence[int] = (32,),
    activation: str | None = "relu",
    output_activation: str | None = "softmax",
    loss: Any = "sparse_categorical_crossentropy",
    opt: Any = None,
    metrics: Sequence[Any] = (),
    **dense: Any,
) -> Any:
    """A Sequential stack of Dense layers (Flatten first for image-shaped input)."""
    k = keras()
    stack: list[Any] = [k.Input(tuple(input_shape))]
    if len(input_shape) > 1:
        stack.append(k.layers.Flatten())
    stack += [k.layers.Dense(units, activation=activation, **dense) for units in hidden]
    stack.append(k.layers.Dense(outputs, activation=output_activation))
    model = k.Sequential(stack)
    model.compile(
        optimizer=opt if opt is not None else optimizer("Adam", 1e-3),
        loss=loss,
        metrics=list(metrics),
    )
    return model


def functional_mlp(
    features: int,
    outputs: int,
    *,
    hidden: Sequence[int] = (32,),
    activation: str = "relu",
    output_activation: str | None = "softmax",
    loss: Any = "sparse_categorical_crossentropy",
    opt: Any = None,
    **dense: Any,
) -> Any:
    """The same stack written with the functional API."""
    k = keras()
    inputs = k.Input((features,), name="features")
    z = inputs
    for units in hidden:
        z = k.layers.Dense(units, activation=activation, **dense)(z)
    model = k.Model(inputs, k.layers.Dense(outputs, activation=output_activation)(z))
    model.compile(optimizer=opt if opt is not None else optimizer("Adam", 1e-3), loss=loss)
    return model


def cnn(
    classes: int = 10,
    *,
    opt: Any = None,
    filters: int = 8,
    loss: Any = "sparse_categorical_crossentropy",
) -> Any:
    """A small convolutional classifier for (8, 8, 1) images."""
    k = keras()
    model = k.Sequential(
        [
            k.Input((8, 8, 1)),
            k.layers.Conv2D(filters, 3, activation="relu", padding="same"),
            k.layers.MaxPooling2D(),
            k.layers.Conv2D(2 * filters, 3, activation="relu"),
            k.layers.Flatten(),
            k.layers.Dense(classes, activation="softmax"),
        ]
    )
    model.compile(optimizer=opt if opt is not None else optimizer("Adam", 1e-3), loss=loss)
    return model


def embedding_classifier(
    *, length: int = 20, vocabulary: int = 50, opt: Any = None, dtype: str = "int32"
) -> Any:
    """Word ids -> Embedding -> max-pooling -> a binary decision (the reproducers' model)."""
    k = keras()
    model = k.Sequential(
        [
            k.Input((length,), dtype=dtype),
            k.layers.Embedding(vocabulary, 16),
            k.layers.GlobalMaxPooling1D(),
            k.layers.Dense(16, activation="relu"),
            k.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=opt if opt is not None else optimizer("Adam", 3e-3), loss="binary_crossentropy"
    )
    return model


def recurrent(cell: str, *, layers: int = 1, units: int = 8, opt: Any = None) -> Any:
    """An LSTM or GRU stack over (12, 1) sequences -> a binary decision."""
    k = keras()
    kind = getattr(k.layers, cell)
    stack: list[Any] = [k.Input((12, 1))]
    stack += [kind(units, return_sequences=i < layers - 1) for i in range(layers)]
    stack.append(k.layers.Dense(1, activation="sigmoid"))
    model = k.Sequential(stack)
    model.compile(
        optimizer=opt if opt is not None else optimizer("Adam", 3e-3), loss="binary_crossentropy"
    )
    return model


def regressor(features: int = 10, *, output_activation: str | None = None, opt: Any = None) -> Any:
    """Dense(32, relu) -> one output under mean squared error."""
    return mlp(
        (features,),
        1,
        output_activation=output_activation,
        loss="mse",
        opt=opt if opt is not None else optimizer("Adam", 1e-3),
    )


def two_headed(
    *, opt: Any = None, loss: Any = None, loss_weights: Any = None, dict_outputs: bool = False
) -> Any:
    """Digits -> a 10-way digit head and a binary "digit >= 5" head (the reproducer's model).

    ``dict_outputs`` builds the outputs as a dict (``{"digit": ..., "big": ...}``) instead
    of a list.
    """
    k = keras()
    inputs = k.Input((64,), name="pixels")
    z = k.layers.Dense(32, activation="relu")(inputs)
    digit = k.layers.Dense(10, activation="softmax", name="digit")(z)
    big = k.layers.Dense(1, activation="sigmoid", name="big")(z)
    outputs = {"digit": digit, "big": big} if dict_outputs else [digit, big]
    model = k.Model(inputs, outputs)
    model.compile(
        optimizer=opt if opt is not None else optimizer("Adam", 3e-3),
        loss=loss
        if loss is not None
        else {"digit": "sparse_categorical_crossentropy", "big": "binary_crossentropy"},
        loss_weights=loss_weights,
    )
    return model


def two_inputs(*, named: bool, opt: Any = None) -> Any:
    """Digits split in two halves (top rows, bottom rows), each through its own branch.

    ``named`` builds the inputs as a dict keyed by name, so ``fit`` takes a dict of arrays;
    otherwise they are a list and ``fit`` takes a list.
    """
    k = keras()
    top = k.Input((32,), name="top" if named else None)
    bottom = k.Input((32,), name="bottom" if named else None)
    z = k.layers.Concatenate()(
        [k.layers.Dense(16, activation="relu")(top), k.layers.Dense(16, activation="relu")(bottom)]
    )
    inputs = {"top": top, "bottom": bottom} if named else [top, bottom]
    model = k.Model(inputs, k.layers.Dense(10, activation="softmax")(z))
    model.compile(
        optimizer=opt if opt is not None else optimizer("Adam", 1e-3),
        loss="sparse_categorical_crossentropy",
    )
    return model
