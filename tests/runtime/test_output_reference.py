"""The constant-guess reference of a model with several outputs: each output's, weighted by
its ``loss_weights`` entry and summed, as Keras sums the total loss it trains on.

The values are checked against a hand computation on the digits' labels; the checks then
train two-headed digit classifiers whose heads collapse to one class (LRC504, naming the
outputs), while the zoo's healthy multi-output models stay healthy and unwarned.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from pytest_lrcheck.runtime import keras_compat
from pytest_lrcheck.runtime.check import check_training
from pytest_lrcheck.runtime.detectors import curve
from pytest_lrcheck.runtime.detectors.reference import UNKNOWN, reference_of
from pytest_lrcheck.runtime.model_facts import read_model_facts
from tests.zoo import by_name, nets

pytestmark = pytest.mark.tensorflow

ROWS = 600
MULTI_OUTPUT = (
    "multi-output-list-y",
    "multi-output-dict-y",
    "multi-output-dict-outputs",
    "multi-output-loss-list",
)


def _digits() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pixels scaled to [0, 1], the digit, and whether it is 5 or more (as a column)."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    x = (bunch.data[:ROWS] / 16.0).astype("float32")
    target = bunch.target[:ROWS]
    return x, target, (target >= 5).astype("float32")[:, None]


def _entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def _by_hand(target: np.ndarray, big: np.ndarray) -> tuple[float, float]:
    """The constant guesses' losses of the digit head (the class prior's entropy) and of the
    binary head (the base rate's)."""
    rate = float(big.mean())
    return _entropy(np.bincount(target) / target.size), _entropy(np.array([rate, 1 - rate]))


@pytest.mark.parametrize(
    ("loss", "weights", "expected"),
    [
        (None, None, (1.0, 1.0)),
        (["sparse_categorical_crossentropy", "binary_crossentropy"], [1.0, 0.3], (1.0, 0.3)),
        (None, {"digit": 2.0, "big": 0.5}, (2.0, 0.5)),
    ],
    ids=["unweighted", "weights-list", "weights-dict"],
)
def test_two_classifier_heads_sum_their_constant_guesses_weighted(keras, loss, weights, expected):
    _, target, big = _digits()
    model = nets.two_headed(loss=loss, loss_weights=weights)
    reference = reference_of(read_model_facts(model), [target, big])
    digit, binary = _by_hand(target, big)
    w_digit, w_big = expected
    assert reference.constant == pytest.approx(w_digit * digit + w_big * binary, rel=1e-9)
    assert reference.uniform == pytest.approx(w_digit * math.log(10) + w_big * math.log(2))
    assert reference.chance_level and reference.outputs == ("digit", "big")
    assert reference.guess("constant") == "a constant guess on each of outputs 'digit', 'big'"
    assert reference.guess("uniform") == "a uniform guess on each of outputs 'digit', 'big'"


def test_labels_as_a_dict_give_the_same_reference_as_a_list(keras):
    _, target, big = _digits()
    facts = read_model_facts(nets.two_headed(dict_outputs=True))
    assert reference_of(facts, {"digit": target, "big": big}).constant == pytest.approx(
        sum(_by_hand(target, big))
    )


def _classifier_and_regressor(keras: Any) -> Any:
    """A softmax digit head under categorical cross-entropy beside a linear regression of the
    image's ink, the regression weighted 4."""
    inputs = keras.Input((64,), name="pixels")
    z = keras.layers.Dense(16, activation="relu")(inputs)
    digit = keras.layers.Dense(10, activation="softmax", name="digit")(z)
    ink = keras.layers.Dense(1, name="ink")(z)
    model = keras.Model(inputs, [digit, ink])
    model.compile(
        "adam",
        {"digit": "categorical_crossentropy", "ink": "mean_squared_error"},
        loss_weights={"digit": 1.0, "ink": 4.0},
    )
    return model


def test_a_regression_output_adds_its_variance_and_turns_the_chance_readings_off(keras):
    x, target, _ = _digits()
    ink = x.mean(axis=1, keepdims=True).astype(np.float64)
    facts = read_model_facts(_classifier_and_regressor(keras))
    reference = reference_of(facts, [keras.utils.to_categorical(target, 10), ink])
    digit = _entropy(np.bincount(target) / target.size)
    assert reference.constant == pytest.approx(digit + 4.0 * float(ink.var()), rel=1e-6)
    assert reference.uniform is None and not reference.chance_level
    # A flat curve at that guess with constant predictions: no better than the guess (LRC503),
    # but no chance level to be stuck at (LRC504) nor to overshoot (LRC505).
    rng = np.random.default_rng(0)
    flat = reference.constant * (1 + 0.01 * rng.standard_normal(200))
    assert [s.code for s in curve.judge_curve(list(flat), reference, True)] == ["LRC503"]


def test_an_unknown_loss_or_weight_leaves_the_reference_unknown(keras, monkeypatch):
    _, target, big = _digits()

    def own_loss(y_true: Any, y_pred: Any) -> Any:
        return keras.ops.mean(keras.ops.square(y_true - y_pred))

    custom = nets.two_headed(loss={"digit": "sparse_categorical_crossentropy", "big": own_loss})
    assert reference_of(read_model_facts(custom), [target, big]) is UNKNOWN

    def unreadable(model: Any) -> Any:
        raise LookupError("the compiled loss weights cannot be read")

    monkeypatch.setattr(keras_compat, "compiled_loss_weights", unreadable)
    facts = read_model_facts(nets.two_headed())
    assert [own.loss_weight for _, own in facts.outputs] == [None, None]
    assert reference_of(facts, [target, big]) is UNKNOWN


def _dead_hidden_layer(model: Any) -> None:
    """Every hidden unit outputs 0 whatever the input, and each head starts by favouring
    class 0: the heads can learn only the class prior, from far off."""
    hidden = model.get_layer(index=1)
    kernel, bias = hidden.get_weights()
    hidden.set_weights([np.zeros_like(kernel), np.full_like(bias, -1.0)])
    for name in ("digit", "big"):
        layer = model.get_layer(name)
        kernel, bias = layer.get_weights()
        bias = np.zeros_like(bias)
        bias[0] = 4.0
        layer.set_weights([kernel, bias])


def test_two_heads_that_learn_only_the_class_prior_are_stuck_at_chance(keras):
    x, target, big = _digits()
    keras.utils.set_random_seed(0)
    model = nets.two_headed(opt=keras.optimizers.Adam(0.05), loss_weights=[1.0, 0.5])
    _dead_hidden_layer(model)
    report = check_training(model, x, [target, big], steps=200, seed=0, max_seconds=60)
    assert not report.healthy
    stuck = report.symptoms[0]
    assert stuck.code == "LRC504"
    assert "a constant guess on each of outputs 'digit', 'big'" in stuck.message
    assert stuck.evidence["outputs"] == ["digit", "big"]
    assert stuck.evidence["collapsed_outputs"] == ["digit", "big"]
    digit, binary = _by_hand(target, big)
    assert report.chance_loss == pytest.approx(digit + 0.5 * binary, rel=1e-6)


def test_two_heads_collapsed_by_too_large_a_rate_fail_naming_the_outputs(keras):
    x, target, big = _digits()
    keras.utils.set_random_seed(0)
    model = nets.two_headed(opt=keras.optimizers.Adam(1.0), dict_outputs=True)
    labels = {"digit": target, "big": big}
    report = check_training(model, x, labels, steps=200, seed=0, max_seconds=60)
    codes = [symptom.code for symptom in report.symptoms]
    assert not report.healthy
    # On every backend both heads collapse onto one class (under JAX and torch, whose
    # cross-entropy clips the probabilities, with certainty, far above chance level).
    assert "LRC504" in codes, report.explain()
    (stuck,) = (symptom for symptom in report.symptoms if symptom.code == "LRC504")
    assert "on each of outputs 'big', 'digit'" in stuck.message
    assert stuck.evidence["chance_loss"] == report.chance_loss
    if keras.backend.backend() == "tensorflow":
        assert "LRC502" in codes


@pytest.mark.parametrize("name", MULTI_OUTPUT)
def test_the_zoos_multi_output_models_stay_healthy_against_their_reference(keras, name):
    case = by_name(name).build(0)
    inputs = case.inputs
    report = check_training(case.model, inputs.x, inputs.y, steps=200, seed=0, max_seconds=60)
    assert report.healthy and report.warnings == ()
    # The reference is known now: the report quotes its chance level, the weighted sum.
    assert report.chance_loss is not None and report.chance_loss > 0


def test_the_fit_watcher_reads_the_same_reference_from_the_labels_it_observed(keras):
    from pytest_lrcheck.runtime.watcher import LossWatcher

    x, target, big = _digits()
    keras.utils.set_random_seed(0)
    model = nets.two_headed(loss_weights=[1.0, 0.5])
    unseen, watcher = LossWatcher(), LossWatcher()
    watcher.observe_fit(x, [target, big], batch_size=32, shuffle=False)
    model.fit(x, [target, big], batch_size=32, epochs=1, verbose=0, callbacks=[unseen, watcher])
    digit, binary = _by_hand(target, big)
    assert watcher.report().chance_loss == pytest.approx(digit + 0.5 * binary, rel=1e-6)
    assert unseen.report().chance_loss is None  # without the labels there is no reference
