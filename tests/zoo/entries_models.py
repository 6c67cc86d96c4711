"""Zoo entries by way of writing the model: Sequential, functional, subclassed, custom
``train_step``, several inputs and several outputs.  All healthy, all on numpy arrays
(but one dict), all on every backend."""

from __future__ import annotations

from typing import Any

import numpy as np

from tests.zoo import data, feeds, nets
from tests.zoo.case import Case, Entry, HeldOut, seeded

CLASSES = "classes"
TWO_HEADS = {"digit": CLASSES, "big": "binary"}


def _digits_case(model: Any, parts: data.Split | None = None) -> Case:
    parts = parts or data.digits()
    return Case(model, feeds.arrays(parts), HeldOut(parts.x_test, parts.y_test, CLASSES))


def sequential(seed: int) -> Case:
    seeded(seed)
    return _digits_case(nets.mlp((64,), 10))


def functional(seed: int) -> Case:
    seeded(seed)
    return _digits_case(nets.functional_mlp(64, 10))


def cnn(seed: int) -> Case:
    seeded(seed)
    parts = data.digits(shape="channels")
    return _digits_case(nets.cnn(), parts)


def subclassed_kwargs(seed: int) -> Case:
    k = seeded(seed)
    from tests.zoo.user_code import TanhNet

    model = TanhNet(name="tanh_net")
    model.compile(optimizer=k.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return _digits_case(model)


def subclassed_no_kwargs(seed: int) -> Case:
    k = seeded(seed)
    from tests.zoo.user_code import PlainNet

    model = PlainNet()
    model.compile(optimizer=k.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return _digits_case(model)


def custom_train_step(seed: int) -> Case:
    k = seeded(seed)
    from tests.zoo.user_code import StepNet

    model = StepNet()
    model.compile(optimizer=k.optimizers.Adam(1e-3))
    return _digits_case(model)


def _halves(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(n, 64) digits -> their top four pixel rows and their bottom four."""
    return x[:, :32], x[:, 32:]


def multi_input_list(seed: int) -> Case:
    seeded(seed)
    parts = data.digits()
    model = nets.two_inputs(named=False)
    return Case(
        model,
        feeds.structured(list(_halves(parts.x)), parts.y, parts.n),
        HeldOut(list(_halves(parts.x_test)), parts.y_test, CLASSES),
    )


def multi_input_dict(seed: int) -> Case:
    seeded(seed)
    parts = data.digits()
    top, bottom = _halves(parts.x)
    test_top, test_bottom = _halves(parts.x_test)
    return Case(
        nets.two_inputs(named=True),
        feeds.structured({"top": top, "bottom": bottom}, parts.y, parts.n),
        HeldOut({"top": test_top, "bottom": test_bottom}, parts.y_test, CLASSES),
    )


def _two_head_targets(parts: data.Split) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    big = (parts.y >= 5).astype("float32")
    big_test = (parts.y_test >= 5).astype("float32")
    return {"digit": parts.y, "big": big}, {"digit": parts.y_test, "big": big_test}


def multi_output_list_y(seed: int) -> Case:
    """The reproducer's model: list outputs, a loss dict, loss_weights, and a list y."""
    seeded(seed)
    parts = data.digits()
    train, test = _two_head_targets(parts)
    model = nets.two_headed(loss_weights={"digit": 1.0, "big": 0.5})
    return Case(
        model,
        feeds.structured(parts.x, [train["digit"], train["big"]], parts.n),
        HeldOut(parts.x_test, test, TWO_HEADS),
    )


def multi_output_dict_y(seed: int) -> Case:
    seeded(seed)
    parts = data.digits()
    train, test = _two_head_targets(parts)
    model = nets.two_headed(loss_weights={"digit": 1.0, "big": 0.5})
    return Case(
        model,
        feeds.structured(parts.x, train, parts.n),
        HeldOut(parts.x_test, test, TWO_HEADS),
    )


def multi_output_dict_outputs(seed: int) -> Case:
    seeded(seed)
    parts = data.digits()
    train, test = _two_head_targets(parts)
    model = nets.two_headed(dict_outputs=True)
    return Case(
        model,
        feeds.structured(parts.x, train, parts.n),
        HeldOut(parts.x_test, test, TWO_HEADS),
    )


def multi_output_loss_list(seed: int) -> Case:
    """A loss list and a loss_weights list, matched to the outputs by position."""
    seeded(seed)
    parts = data.digits()
    train, test = _two_head_targets(parts)
    model = nets.two_headed(
        loss=["sparse_categorical_crossentropy", "binary_crossentropy"], loss_weights=[1.0, 0.3]
    )
    return Case(
        model,
        feeds.structured(parts.x, [train["digit"], train["big"]], parts.n),
        HeldOut(parts.x_test, test, TWO_HEADS),
    )


ENTRIES = (
    Entry("sequential", "sequential", "arrays", sequential),
    Entry("functional", "functional", "arrays", functional),
    Entry("cnn", "sequential", "arrays", cnn),
    Entry("subclassed-kwargs", "subclassed", "arrays", subclassed_kwargs),
    Entry(
        "subclassed-no-kwargs",
        "subclassed-no-kwargs",
        "arrays",
        subclassed_no_kwargs,
        note="its __init__ takes no arguments: Keras cannot rebuild it from its config",
    ),
    Entry(
        "custom-train-step",
        "custom-train-step",
        "arrays",
        custom_train_step,
        note="compiled with only an optimizer; the loss is computed in train_step",
    ),
    Entry("multi-input-list", "multi-input-list", "arrays", multi_input_list),
    Entry("multi-input-dict", "multi-input-dict", "dict", multi_input_dict),
    Entry("multi-output-list-y", "multi-output-list-y", "arrays", multi_output_list_y),
    Entry("multi-output-dict-y", "multi-output-dict-y", "dict", multi_output_dict_y),
    Entry(
        "multi-output-dict-outputs", "multi-output-dict-outputs", "dict", multi_output_dict_outputs
    ),
    Entry("multi-output-loss-list", "multi-output-loss-weights", "arrays", multi_output_loss_list),
)
