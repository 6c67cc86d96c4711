"""The activation/loss pairing table: which pairs fit, why the others do not, what fixes them."""

from __future__ import annotations

import pytest

from pytest_lrcheck.keras_vocab import (
    ACTIVATIONS,
    LOSSES,
    Targets,
    loss_group,
    mismatches,
)

CCE, SCCE = "categorical_crossentropy", "sparse_categorical_crossentropy"
BCE, BFCE = "binary_crossentropy", "binary_focal_crossentropy"
CFCE, MSE = "categorical_focal_crossentropy", "mean_squared_error"


def kinds(activation: str | None, loss: str | None, **evidence: object) -> list[str]:
    evidence.setdefault("from_logits", False)
    return [m.kind for m in mismatches(activation, loss, **evidence)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("activation", "loss", "from_logits", "units", "expected"),
    [
        ("softmax", CCE, False, 10, []),
        ("softmax", SCCE, False, None, []),
        ("linear", CCE, True, 10, []),
        ("sigmoid", BCE, False, 1, []),
        ("hard_sigmoid", BFCE, False, 1, []),
        ("linear", BCE, True, 1, []),
        ("softmax", BCE, False, 2, []),  # two-unit softmax under BCE equals CCE: it trains right
        ("linear", MSE, False, 1, []),
        ("sigmoid", MSE, False, 1, []),  # regressing proportions: fine without evidence
        ("softmax", "kl_divergence", False, 10, []),
        ("softmax", CCE, False, 1, ["single_unit_categorical"]),
        ("linear", SCCE, True, 1, ["single_unit_categorical"]),
        ("sigmoid", CCE, False, 10, ["categorical_on_sigmoid"]),
        ("sigmoid", CFCE, False, None, ["categorical_on_sigmoid"]),
        ("hard_sigmoid", CCE, False, 10, ["categorical_without_softmax"]),
        ("linear", SCCE, False, 10, ["categorical_without_softmax"]),
        ("softmax", SCCE, True, 10, ["probabilities_as_logits"]),
        ("sigmoid", BCE, True, 1, ["probabilities_as_logits"]),
        ("softmax", BCE, False, 1, ["constant_softmax"]),
        ("softmax", BCE, True, 1, ["constant_softmax", "probabilities_as_logits"]),
        ("linear", BCE, False, 1, ["binary_without_sigmoid"]),
        ("relu", BFCE, False, 1, ["binary_without_sigmoid"]),
        ("softmax", BCE, False, 10, ["binary_on_softmax"]),
        ("softmax", BCE, False, None, []),  # how many outputs compete is not known
        ("softmax", MSE, False, 10, ["regression_on_softmax"]),
        ("softmax", "huber", False, None, ["regression_on_softmax"]),
        ("softmax", MSE, False, 1, ["constant_softmax"]),
        ("softmax", "hinge", False, 1, ["constant_softmax"]),
        ("softmax", None, None, 1, ["constant_softmax"]),
        ("softmax", "my_custom_loss", None, 1, ["constant_softmax"]),
    ],
)
def test_pairs(activation, loss, from_logits, units, expected):
    assert kinds(activation, loss, from_logits=from_logits, units=units) == expected


def test_unknown_evidence_holds_nothing_back_that_needs_it():
    # from_logits not known: only the mismatches that hold whatever it is.
    assert kinds("linear", CCE, from_logits=None, units=10) == []
    assert kinds("linear", CCE, from_logits=None, units=1) == ["single_unit_categorical"]
    # An activation the vocabulary does not know is no evidence of anything.
    assert kinds("my_activation", CCE, units=1) == []
    assert kinds(None, CCE, units=1) == []


def test_sigmoid_under_a_regression_loss_needs_evidence_about_the_targets():
    assert kinds("sigmoid", MSE, targets=Targets(class_labels=True)) == [
        "regression_on_class_labels"
    ]
    assert kinds("sigmoid", "mean_absolute_error", targets=Targets(low=0.0, high=1.0)) == []
    (found,) = mismatches("sigmoid", MSE, from_logits=False, targets=Targets(low=50.0, high=150.0))
    assert found.kind == "targets_out_of_reach"
    assert found.problem == "sigmoid output can only reach [0, 1] but the targets span [50, 150]"
    assert kinds("linear", MSE, targets=Targets(low=50.0, high=150.0)) == []


def test_the_problem_names_the_loss_and_the_activation():
    (found,) = mismatches("relu", BCE, from_logits=False, units=1)
    assert found.problem == "relu output under binary_crossentropy without from_logits=True"
    assert found.fix == "use activation='sigmoid', or pass from_logits=True"
    (found,) = mismatches("sigmoid", SCCE, from_logits=True, units=4)
    assert found.problem.startswith("sigmoid output under sparse_categorical_crossentropy(from")


ALL_PAIRS = [
    (activation, loss, from_logits, units)
    for activation in ACTIVATIONS
    for loss in (*LOSSES, None)
    for from_logits in (False, True, None)
    for units in (1, 2, 10, None)
]


@pytest.mark.parametrize("logits", [False, True, None])
def test_an_offered_activation_fits_the_loss(logits):
    """A fix that switches the output activation must give a pair with nothing left to fix."""
    for activation, loss, from_logits, units in ALL_PAIRS:
        if from_logits is not logits:
            continue
        for found in mismatches(activation, loss, from_logits=from_logits, units=units):
            if found.use_activation is None:
                continue
            after = mismatches(found.use_activation, loss, from_logits=from_logits, units=units)
            assert after == (), (activation, loss, from_logits, units, found.kind, after)


def test_every_pair_gets_at_most_one_mismatch_per_kind_and_groups_are_known():
    for activation, loss, from_logits, units in ALL_PAIRS:
        found = [m.kind for m in mismatches(activation, loss, from_logits=from_logits, units=units)]
        assert len(found) == len(set(found))
        if found and loss is not None:
            assert loss_group(loss) is not None
