"""The one change to try first: read from the evidence, and the same numbers as the messages."""

from __future__ import annotations

import re

import numpy as np
import pytest

from pytest_lrcheck.runtime.advice import ADVICE, STANDARDIZE_X, Context, first_change
from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES
from pytest_lrcheck.runtime.detectors import data, learning_rate, targets
from pytest_lrcheck.runtime.lr_range import LRRangeResult
from pytest_lrcheck.runtime.report import NonFiniteOrigin, TrainingReport, make_symptom


def _range(suggested, stable):
    return LRRangeResult(
        suggested=suggested,
        largest_stable=stable,
        lrs=(1e-4, 1e-3, 1e-2),
        losses=(2.0, 1.0, 9.0),
        smoothed=(2.0, 1.0, 9.0),
        blew_up=True,
        base_loss=2.3,
    )


def test_every_symptom_code_has_its_change():
    assert set(ADVICE) == set(SYMPTOM_NAMES)


def test_the_rate_advised_is_the_one_the_message_quotes():
    for suggested in (0.00264, None):  # without a suggestion: a tenth of the largest stable
        symptom = learning_rate.too_high(1.0, _range(suggested, 0.0616))
        context = Context({"LRC512": symptom.evidence}, learning_rate=1.0)
        change = first_change("LRC512", symptom.evidence, context)
        rate = re.search(r"about (\S+)", change).group(1)
        assert change.startswith("set the learning rate to about")
        assert f"use about {rate}" in symptom.message


def test_a_too_low_rate_is_raised_to_the_range_tests_suggestion():
    symptom = learning_rate.too_low(1e-5, _range(0.0379, 1.0))
    change = first_change("LRC513", symptom.evidence, Context({"LRC513": symptom.evidence}))
    assert change == "set the learning rate to about 0.038"
    assert "use about 0.038" in symptom.message


def test_without_a_range_test_the_rate_moves_tenfold_from_the_configured_one():
    assert first_change("LRC502", {}, Context({}, learning_rate=0.5)) == (
        "lower the learning rate 10x, to 0.05"
    )
    assert first_change("LRC502", {}, Context({})) == "lower the learning rate 10x"
    assert first_change("LRC503", {"start": 2.3, "end": 2.3}, Context({}, 1e-5)) == (
        "raise the learning rate 10x, to 0.0001"
    )


def test_a_flat_loss_is_never_told_to_raise_a_rate_a_cause_says_to_lower():
    lowered = Context({"LRC506": {"lower_rate": 0.001}}, learning_rate=0.01)
    change = first_change("LRC503", {"start": 2.3, "end": 2.3}, lowered)
    assert change == "set the learning rate to about 0.001"


def test_pixels_are_divided_by_255_and_other_inputs_standardized():
    facts = type("Facts", (), {"input_scaling_layer": None, "embedding_input": False})()
    pixels = data.unscaled_inputs(data.input_scale(np.arange(256.0).reshape(16, 16)), facts)
    assert "divide by 255" in pixels.message
    assert first_change("LRC511", pixels.evidence, Context({})).startswith("divide x by 255")
    table = np.random.default_rng(0).normal(1000.0, 300.0, size=(64, 4))
    raw = data.unscaled_inputs(data.input_scale(table), facts)
    assert first_change("LRC511", raw.evidence, Context({})) == STANDARDIZE_X


def test_unscaled_targets_are_standardized_with_their_own_numbers():
    y = np.random.default_rng(0).normal(152.0, 77.0, size=(400, 1))
    symptom = targets.unscaled_targets(y, "mean_squared_error")
    change = first_change("LRC519", symptom.evidence, Context({}))
    mean, std = f"{symptom.evidence['mean']:.3g}", f"{symptom.evidence['std']:.3g}"
    assert change.startswith(f"standardize y: y = (y - {mean}) / {std}")
    assert mean in symptom.message and std in symptom.message


@pytest.mark.parametrize(
    ("activation", "loss", "units", "change"),
    [
        ("softmax", "binary_crossentropy", 1, "use activation='sigmoid' on the last layer"),
        ("sigmoid", "categorical_crossentropy", 10, "use activation='softmax' on the last layer"),
    ],
)
def test_a_mismatch_names_the_activation_to_use(activation, loss, units, change):
    evidence = {"output_activation": activation, "loss": loss, "from_logits": False}
    evidence["output_units"] = units
    assert first_change("LRC516", evidence, Context({})) == change


def test_a_mismatch_read_from_the_outputs_takes_the_fix_its_message_quotes():
    evidence = {"loss_from_outputs": 6.93, "training_loss": 0.27, "ties_at_one": 0.0}
    message = "softmax over one unit is always 1.0: ...; use activation='sigmoid' for binary"
    change = first_change("LRC516", evidence, Context({}), message)
    assert change == "use activation='sigmoid' for binary"


def test_a_cause_brought_about_by_another_takes_its_change():
    rate = {"learning_rate": 1.0, "suggested": 0.0026, "largest_stable": 0.06}
    dead = {"layer": "dense_1", "dead_fraction": 1.0}
    alone = first_change("LRC507", dead, Context({"LRC507": dead}))
    assert alone == "use activation='leaky_relu' in layer 'dense_1'"
    behind_rate = first_change("LRC507", dead, Context({"LRC507": dead, "LRC512": rate}))
    assert behind_rate == "set the learning rate to about 0.0026"
    scale = {"max_abs": 255.0}
    saturated = {"layer": "dense", "saturated_fraction": 1.0}
    assert first_change("LRC515", saturated, Context({"LRC511": scale})).startswith(
        "divide x by 255"
    )


def test_an_extreme_first_loss_blames_the_inputs_when_they_are_unscaled_else_the_init():
    first = {"initial_loss": 5875.0, "expected": 2.3, "ratio": 2551.0}
    alone = first_change("LRC510", first, Context({"LRC510": first}))
    assert "kernel_initializer" in alone
    with_pixels = Context({"LRC510": first, "LRC511": {"max_abs": 255.0}})
    assert first_change("LRC510", first, with_pixels).startswith("divide x by 255")


def test_a_nan_names_the_layer_to_fix_when_its_origin_is_known():
    in_layer = Context({}, learning_rate=0.01, non_finite_layer="log", non_finite_where="output")
    assert first_change("LRC501", {}, in_layer).startswith("make layer 'log' safe")
    in_gradient = Context({}, non_finite_layer="hidden", non_finite_where="gradient")
    assert first_change("LRC501", {}, in_gradient).startswith(
        "make the operations after layer 'hidden' differentiable"
    )
    in_data = Context({}, learning_rate=0.01, non_finite_where="data")
    assert first_change("LRC501", {}, in_data).startswith("drop the rows holding NaN/Inf")
    # A layer with weights that overflowed, or the loss itself: the steps are too large.
    for where, layer in (("loss", None), ("overflow", "dense_1")):
        found = Context({}, learning_rate=0.01, non_finite_layer=layer, non_finite_where=where)
        assert first_change("LRC501", {}, found) == "lower the learning rate 10x, to 0.001"


def _report(*symptoms, **kw):
    return TrainingReport(
        healthy=False, symptoms=symptoms, losses=(1.8, 188.0, 1.9), steps_run=3, **kw
    )


def test_each_cause_ends_with_its_change_and_a_repeat_points_back():
    rate = make_symptom(
        "LRC512",
        "too high",
        {"learning_rate": 1.0, "suggested": 0.0026, "largest_stable": 0.06},
        0.8,
    )
    dead = make_symptom("LRC507", "dead", {"layer": "dense_1", "dead_fraction": 1.0}, 0.9)
    stuck = make_symptom("LRC504", "stuck", {}, 0.85)
    lines = _report(stuck, rate, dead, learning_rate=1.0).explain().splitlines()
    changes = [line.strip() for line in lines if "try first" in line]
    assert changes == [
        "try first: set the learning rate to about 0.0026",
        "try first: the same change as for cause 1",
    ]
    # Each change closes its own cause's lines.
    second = lines.index("    2. LRC507 dead-relu (confidence 0.90): dead")
    assert lines[second + 1].startswith("       evidence: layer=dense_1")
    assert lines[second + 2].startswith("       try first: ")


def test_a_verdict_that_is_a_cause_itself_gives_its_change_under_the_headline():
    mismatch = make_symptom(
        "LRC516",
        "softmax over one unit; use sigmoid",
        {"output_activation": "softmax", "loss": "binary_crossentropy", "output_units": 1},
        0.9,
    )
    lines = _report(mismatch).explain().splitlines()
    assert lines[0].startswith("training unhealthy: LRC516")
    assert "  try first: use activation='sigmoid' on the last layer" in lines
    assert "  likely causes: none found beyond the verdict" in lines


def test_the_nan_origin_is_shown_and_its_change_comes_before_the_causes():
    nan = make_symptom("LRC501", "loss became NaN at step 2", {"step": 2}, 0.95)
    exploding = make_symptom("LRC509", "grew", {"step": 2}, 0.8)
    origin = NonFiniteOrigin(2, "output", "log", "Lambda")
    text = _report(nan, exploding, non_finite=origin, learning_rate=0.01).explain()
    assert text.index("  try first: make layer 'log'") < text.index("    1. LRC509")
    plain = _report(nan, exploding, learning_rate=0.01).explain()
    assert plain.count("try first") == 1 and "clipnorm=1.0" in plain
    assert (
        "  NaN/Inf started at step 2, with the weights as they were before it: layer 'log' "
        "(Lambda) is the first to output NaN/Inf, from finite inputs"
    ) in text
    assert "  try first: make layer 'log' safe for its inputs" in text
