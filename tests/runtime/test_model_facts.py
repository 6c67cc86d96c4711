from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime.detectors.mismatch import config_mismatch
from pytest_lrcheck.runtime.model_facts import read_model_facts

pytestmark = pytest.mark.tensorflow


def _model(keras, out_act, units=10, loss="categorical_crossentropy", first=None, lr=0.01):
    layers = [keras.Input((8, 8))]
    if first is not None:
        layers.append(first)
    layers += [
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(8, activation="tanh"),
        keras.layers.Dense(units, activation=out_act),
        keras.layers.Dropout(0.1),
    ]
    model = keras.Sequential(layers)
    model.compile(optimizer=keras.optimizers.SGD(lr), loss=loss)
    return model


def test_facts_of_the_first_reports_model(keras):
    model = _model(keras, "sigmoid")
    facts = read_model_facts(model)
    relu, tanh = model.layers[1].name, model.layers[2].name
    assert facts.output_activation == "sigmoid"  # read past the Dropout
    assert (facts.output_units, facts.n_classes, facts.is_classifier) == (10, 10, True)
    assert facts.loss == "categorical_crossentropy" and not facts.from_logits
    assert (facts.optimizer, facts.learning_rate, facts.lr_schedule) == ("SGD", 0.01, False)
    assert facts.relu_layers == (relu,) and facts.saturating_layers == (tanh,)
    assert facts.input_scaling_layer is None and not facts.embedding_input


def test_loss_objects_aliases_schedules_and_scaling_layers(keras):
    model = _model(
        keras,
        None,
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        first=keras.layers.Rescaling(1 / 255),
    )
    model.compile(
        optimizer=keras.optimizers.Adam(keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)),
        loss=model.loss,
    )
    facts = read_model_facts(model)
    assert facts.output_activation == "linear" and facts.from_logits
    assert facts.learning_rate == pytest.approx(0.1) and facts.lr_schedule
    assert facts.input_scaling_layer is not None
    mse = _model(keras, None, units=1, loss="mse")
    assert read_model_facts(mse).loss == "mean_squared_error"
    assert read_model_facts(mse).output_rank == 2
    assert not read_model_facts(mse).is_classifier


@pytest.mark.parametrize(
    ("out_act", "units", "loss", "logits", "problem"),
    [
        ("sigmoid", 10, "categorical_crossentropy", False, "sigmoid output under"),
        ("softmax", 1, "binary_crossentropy", False, "softmax over a single output unit"),
        ("softmax", 1, "categorical_crossentropy", False, "over a single output unit"),
        (None, 10, "categorical_crossentropy", False, "linear output under"),
        ("softmax", 10, "categorical_crossentropy", True, "expects raw logits"),
        ("relu", 1, "binary_crossentropy", False, "relu output under binary_crossentropy"),
        ("softmax", 10, "mse", False, "softmax output trained with mean_squared_error"),
        ("softmax", 10, "categorical_crossentropy", False, None),
        ("sigmoid", 1, "binary_crossentropy", False, None),
        (None, 10, "categorical_crossentropy", True, None),
    ],
)
def test_activation_loss_pairs(keras, out_act, units, loss, logits, problem):
    if logits:
        loss = keras.losses.CategoricalCrossentropy(from_logits=True)
    found = config_mismatch(read_model_facts(_model(keras, out_act, units, loss)))
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found[0]


def test_sigmoid_regression_is_a_mismatch_only_for_targets_outside_zero_one(keras):
    facts = read_model_facts(_model(keras, "sigmoid", units=1, loss="mse"))
    assert config_mismatch(facts, np.array([0.1, 0.9])) is None
    problem, fix = config_mismatch(facts, np.array([50.0, 150.0]))
    assert "targets span [50, 150]" in problem and "linear output" in fix


def test_a_warm_up_schedule_reports_its_peak_rate_not_its_starting_zero(keras):
    model = _model(keras, "softmax")
    warm_up = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=1000, warmup_target=3e-3, warmup_steps=100
    )
    model.compile(optimizer=keras.optimizers.Adam(warm_up), loss="categorical_crossentropy")
    facts = read_model_facts(model)
    assert facts.lr_schedule and facts.learning_rate == pytest.approx(3e-3)
