"""The same causes on the other kinds of model users write: subclassed, functional, several
inputs and outputs, embeddings, RNNs, BatchNorm, mixed precision, custom ``train_step``,
frozen layers, regressions, and activation/loss pairs that train but mislead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tests.zoo import Case, HeldOut, entries_layers, entries_models, feeds, nets, seeded
from tests.zoo import data as zoo_data
from tests.zoo.nets import optimizer

from .scenario import Scenario


def _case(model: Any, parts: zoo_data.Split, kind: str = "classes") -> Case:
    return Case(model, feeds.arrays(parts), HeldOut(parts.x_test, parts.y_test, kind))


def _recompiled(case: Case, opt: Any) -> Case:
    """A zoo case compiled again with another optimizer (same loss, same weights)."""
    case.model.compile(optimizer=opt, loss=case.model.loss)
    return case


def _with_rate(
    build: Callable[[int], Case], name: str, rate: float, **options: Any
) -> Callable[[int], Case]:
    def rebuild(seed: int) -> Case:
        case = build(seed)
        return _recompiled(case, optimizer(name, rate, **options))

    return rebuild


def train_step_too_low(seed: int) -> Case:
    case = entries_models.custom_train_step(seed)
    case.model.compile(optimizer=optimizer("SGD", 1e-5))
    return case


def _frozen(build: Callable[[int], Case]) -> Callable[[int], Case]:
    def rebuild(seed: int) -> Case:
        case = build(seed)
        case.model.trainable = False
        case.model.compile(optimizer=optimizer("Adam", 1e-3), loss=case.model.loss)
        return case

    return rebuild


def functional_dead_relu(seed: int) -> Case:
    k = seeded(seed)
    model = nets.functional_mlp(64, 10, bias_initializer=k.initializers.Constant(-10.0))
    return _case(model, zoo_data.digits())


def functional_vanishing(seed: int) -> Case:
    seeded(seed)
    model = nets.functional_mlp(
        64, 10, hidden=(32,) * 10, activation="sigmoid", opt=optimizer("SGD", 0.01)
    )
    return _case(model, zoo_data.digits())


def _regression(scale_x: float = 1.0, scale_y: float = 1.0, offset_y: float = 0.0) -> Any:
    parts = zoo_data.regression()
    return zoo_data.Split(
        parts.x * scale_x,
        parts.y * scale_y + offset_y,
        parts.x_test * scale_x,
        parts.y_test * scale_y + offset_y,
    )


def target_scale_sgd(seed: int) -> Case:
    seeded(seed)
    model = nets.regressor(opt=optimizer("SGD", 0.01))
    return _case(model, _regression(scale_y=2e4, offset_y=1e5), "regression")


def unscaled_regression(seed: int) -> Case:
    seeded(seed)
    return _case(nets.regressor(opt=optimizer("SGD", 0.01)), _regression(scale_x=300), "regression")


def sigmoid_regression(seed: int) -> Case:
    seeded(seed)
    model = nets.regressor(output_activation="sigmoid")
    return _case(model, _regression(scale_y=50, offset_y=100), "regression")


def constant_target(seed: int) -> Case:
    seeded(seed)
    parts = zoo_data.regression()
    return _case(
        nets.regressor(),
        zoo_data.Split(parts.x, parts.y * 0 + 3, parts.x_test, parts.y_test * 0 + 3),
        "regression",
    )


def all_ones_binary(seed: int) -> Case:
    seeded(seed)
    parts = zoo_data.blobs()
    ones = zoo_data.Split(parts.x, np.ones_like(parts.y), parts.x_test, np.ones_like(parts.y_test))
    model = nets.mlp((8,), 1, output_activation="sigmoid", loss="binary_crossentropy")
    return _case(model, ones, "binary")


def softmax_as_logits(seed: int) -> Case:
    k = seeded(seed)
    loss = k.losses.SparseCategoricalCrossentropy(from_logits=True)
    return _case(nets.mlp((64,), 10, loss=loss), zoo_data.digits())


def logits_as_probabilities(seed: int) -> Case:
    seeded(seed)
    model = nets.mlp((64,), 10, output_activation=None)
    return _case(model, zoo_data.digits(), "logits")


def softmax_mse(seed: int) -> Case:
    seeded(seed)
    model = nets.mlp((64,), 10, loss="mse")
    return _case(model, zoo_data.digits(onehot=True))


def imbalanced_collapse(seed: int) -> Case:
    seeded(seed)
    model = nets.mlp(
        (20,),
        1,
        output_activation="sigmoid",
        loss="binary_crossentropy",
        opt=optimizer("Adam", 0.5),
    )
    return _case(model, zoo_data.imbalanced(), "binary")


def schedule_too_high(seed: int) -> Case:
    k = seeded(seed)
    schedule = k.optimizers.schedules.ExponentialDecay(20.0, 100, 0.9)
    return _case(nets.mlp((64,), 10, opt=optimizer("SGD", schedule)), zoo_data.digits())


def functional_strong_l2(seed: int) -> Case:
    k = seeded(seed)
    model = nets.functional_mlp(64, 10, kernel_regularizer=k.regularizers.L2(10.0))
    return _case(model, zoo_data.digits())


def functional_wide_initializer(seed: int) -> Case:
    """Scaled inputs, an output layer initialized 50x too wide, written with the functional
    API: the first logits are extreme, and a careful rate never undoes it."""
    k = seeded(seed)
    inputs = k.Input((64,))
    hidden = k.layers.Dense(32, activation="relu")(inputs)
    wide = k.initializers.RandomNormal(stddev=50.0)
    outputs = k.layers.Dense(10, activation="softmax", kernel_initializer=wide)(hidden)
    model = k.Model(inputs, outputs)
    model.compile(optimizer=optimizer("SGD", 1e-3), loss="sparse_categorical_crossentropy")
    return _case(model, zoo_data.digits())


def cnn_sgd_momentum(seed: int) -> Case:
    seeded(seed)
    model = nets.cnn(opt=optimizer("SGD", 0.5, momentum=0.9))
    return _case(model, zoo_data.digits(shape="channels"))


def _kind(name: str, cause: str, build: Any, kind: str, **kw: Any) -> Scenario:
    source = kw.pop("source", "model kinds")
    return Scenario(name, cause, kw.pop("verdict", "fail"), build, kind, source, **kw)


_M, _L = entries_models, entries_layers
TF = frozenset({"tensorflow"})

SCENARIOS = (
    _kind(
        "subclassed-sgd-20", "LRC512", _with_rate(_M.subclassed_kwargs, "SGD", 20.0), "subclassed"
    ),
    _kind(
        "subclassed-no-kwargs-sgd-1e-5",
        "LRC513",
        _with_rate(_M.subclassed_no_kwargs, "SGD", 1e-5),
        "subclassed-no-kwargs",
    ),
    _kind("functional-adam-1", "LRC512", _with_rate(_M.functional, "Adam", 1.0), "functional"),
    _kind(
        "multi-input-dict-sgd-1e-5",
        "LRC513",
        _with_rate(_M.multi_input_dict, "SGD", 1e-5),
        "multi-input-dict",
    ),
    _kind(
        "multi-output-dict-adam-1",
        "LRC512",
        _with_rate(_M.multi_output_dict_outputs, "Adam", 1.0),
        "multi-output-dict-outputs",
    ),
    _kind(
        "multi-output-list-sgd-1e-5",
        "LRC513",
        _with_rate(_M.multi_output_list_y, "SGD", 1e-5),
        "multi-output-list-y",
    ),
    _kind("embedding-adam-1e-9", "LRC513", _with_rate(_L.embedding, "Adam", 1e-9), "embedding"),
    _kind("embedding-adam-1", "LRC512", _with_rate(_L.embedding, "Adam", 1.0), "embedding"),
    _kind("lstm-sgd-1e-5", "LRC513", _with_rate(_L.lstm, "SGD", 1e-5), "rnn"),
    _kind("gru-adam-1", "LRC512", _with_rate(_L.gru, "Adam", 1.0), "rnn"),
    _kind("batchnorm-sgd-1e-5", "LRC513", _with_rate(_L.batchnorm, "SGD", 1e-5), "batchnorm"),
    _kind(
        "normalization-sgd-1e-5",
        "LRC513",
        _with_rate(_L.normalization, "SGD", 1e-5),
        "normalization",
    ),
    _kind(
        "mixed-precision-adam-1",
        "LRC512",
        _with_rate(_L.mixed_precision, "Adam", 1.0),
        "mixed-precision",
    ),
    _kind("train-step-sgd-1e-5", "LRC513", train_step_too_low, "custom-train-step"),
    _kind("functional-dead-relu", "LRC507", functional_dead_relu, "functional"),
    _kind("functional-vanishing", "LRC508", functional_vanishing, "functional"),
    # Weights that never change: LRC520.
    _kind("frozen-functional", "frozen", _L.frozen_all, "frozen-all", source="model kinds; LRC520"),
    _kind("frozen-sequential", "frozen", _frozen(_M.sequential), "frozen-all"),
    _kind("frozen-subclassed", "frozen", _frozen(_M.subclassed_kwargs), "subclassed"),
    _kind("target-scale-sgd", "target-scale", target_scale_sgd, "sequential"),
    _kind("regression-raw-inputs", "LRC511", unscaled_regression, "sequential"),
    _kind("sigmoid-regression", "LRC516", sigmoid_regression, "sequential"),
    _kind("constant-target", "constant-targets", constant_target, "sequential", verdict="warn"),
    _kind("all-ones-binary", "one-class-labels", all_ones_binary, "sequential", verdict="warn"),
    _kind("softmax-as-logits", "LRC516", softmax_as_logits, "sequential", verdict="warn"),
    _kind("logits-as-probabilities", "LRC516", logits_as_probabilities, "sequential"),
    _kind("softmax-mse", "LRC516", softmax_mse, "sequential", verdict="warn"),
    # A collapse is what happened; a lower rate that trains healthily names why (LRC512).
    _kind(
        "imbalanced-adam-0.5",
        "collapse",
        imbalanced_collapse,
        "sequential",
        accepts=("LRC512",),
    ),
    _kind("sgd-schedule-from-20", "LRC512", schedule_too_high, "sequential"),
    # Thin classes, on more kinds of model: a regularizer, an initializer, unstable steps.
    _kind("functional-strong-l2", "LRC514", functional_strong_l2, "functional"),
    _kind("functional-wide-initializer", "LRC510", functional_wide_initializer, "functional"),
    _kind("cnn-sgd-momentum-unstable", "LRC512", cnn_sgd_momentum, "sequential"),
    _kind("lstm-adam-1", "LRC512", _with_rate(_L.lstm, "Adam", 1.0), "rnn"),
)
