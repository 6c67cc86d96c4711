"""Models with several outputs: facts, label checks and warnings per output, each naming it.

Built from the zoo's multi-output entries (list and dict outputs, loss dicts and lists,
``loss_weights``), whose plain ``fit`` learns.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from pytest_lrcheck.runtime.model_facts import read_model_facts
from pytest_lrcheck.runtime.validate import check_labels
from pytest_lrcheck.runtime.warnings_tier import warnings_for
from tests.zoo import by_name

pytestmark = pytest.mark.tensorflow

MULTI_OUTPUT = (
    "multi-output-list-y",
    "multi-output-dict-y",
    "multi-output-dict-outputs",
    "multi-output-loss-list",
)


@pytest.fixture(params=MULTI_OUTPUT)
def case(request, keras):
    return by_name(request.param).build(0)


def _warnings(facts, y):
    return warnings_for(facts, pairing=None, scale=None, y=y, ordered=None, order_source="")


def test_each_output_has_its_own_activation_units_and_loss(case):
    facts = read_model_facts(case.model)
    assert facts.loss is None  # no single loss speaks for the model
    outputs = dict(facts.outputs)
    assert set(outputs) == {"digit", "big"}
    digit, big = outputs["digit"], outputs["big"]
    assert (digit.output_activation, digit.output_units, digit.loss) == (
        "softmax",
        10,
        "sparse_categorical_crossentropy",
    )
    assert (big.output_activation, big.output_units, big.loss) == (
        "sigmoid",
        1,
        "binary_crossentropy",
    )
    assert digit.n_classes == 10 and big.output_rank == 2


def test_the_zoos_labels_pass_and_a_wrong_one_names_its_output(case):
    facts = read_model_facts(case.model)
    y = case.inputs.y
    check_labels(y, facts)
    assert _warnings(facts, y) == ()
    digit = y["digit"] if isinstance(y, dict) else y[0]
    swapped = {"digit": digit, "big": digit.astype("float32")}
    if not isinstance(y, dict):
        swapped = [swapped["digit"], swapped["big"]]
    with pytest.raises(ValueError, match=r"^output 'big': binary_crossentropy expects labels"):
        check_labels(swapped, facts)


def test_labels_of_one_class_are_warned_about_for_their_output(case):
    facts = read_model_facts(case.model)
    y = case.inputs.y
    if isinstance(y, dict):
        one_class = {**y, "big": np.ones_like(y["big"])}
        where = "y['big']"
    else:
        one_class = [y[0], np.ones_like(y[1])]
        where = "y[1]"
    found = _warnings(facts, one_class)
    assert [s.code for s in found] == ["LRC517"]
    assert found[0].message.startswith(f"output 'big': every label in {where} is class 1")


def test_a_mismatched_output_is_named_and_the_other_is_not(keras):
    from tests.zoo import nets

    keras.utils.set_random_seed(0)
    model = nets.two_headed()
    facts = read_model_facts(model)
    # The binary head as if it had no sigmoid: a relu under binary cross-entropy.
    relu_big = dataclasses.replace(dict(facts.outputs)["big"], output_activation="relu")
    facts = dataclasses.replace(
        facts, outputs=(("digit", dict(facts.outputs)["digit"]), ("big", relu_big))
    )
    found = _warnings(facts, None)
    assert [s.code for s in found] == ["LRC516"]
    assert found[0].message.startswith("output 'big': relu output under binary_crossentropy")


def test_a_single_output_model_has_no_per_output_facts(keras):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    model.compile("adam", "categorical_crossentropy")
    assert read_model_facts(model).outputs == ()
