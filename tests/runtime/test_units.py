"""The detectors that read a network's units (no TensorFlow needed)."""

from __future__ import annotations

import math

from pytest_lrcheck.runtime.detectors import units
from pytest_lrcheck.runtime.detectors.reference import UNKNOWN, for_classes
from pytest_lrcheck.runtime.probes import LayerActivity

TEN = for_classes(10)


def tanh(name: str, saturated: float) -> LayerActivity:
    return LayerActivity(name, "tanh", dead_fraction=0.0, saturated_fraction=saturated)


def test_a_saturated_layer_and_a_loss_near_chance_is_a_stalled_run():
    activity = [tanh("hidden", 1.0)]
    end = 0.93 * math.log(10)  # LRC503 alone would pass this: it is below 0.97x chance
    symptom = units.stalled_by_saturation(activity, end, TEN)
    assert symptom is not None and symptom.code == "LRC515"
    assert symptom.evidence["layer"] == "hidden"
    assert "100% of the tanh outputs of layer 'hidden'" in symptom.message
    assert "0.93x the constant-guess loss" in symptom.message
    assert "scale the inputs" in symptom.message


def test_no_stall_when_the_net_learns_despite_saturation_or_is_barely_saturated():
    assert units.stalled_by_saturation([tanh("hidden", 1.0)], 0.7 * math.log(10), TEN) is None
    assert units.stalled_by_saturation([tanh("hidden", 0.85)], math.log(10), TEN) is None
    relu = LayerActivity("hidden", "relu", dead_fraction=1.0, saturated_fraction=0.0)
    assert units.stalled_by_saturation([relu], math.log(10), TEN) is None
    assert units.stalled_by_saturation([tanh("hidden", 1.0)], 2.3, UNKNOWN) is None


def test_the_worst_layer_is_named():
    activity = [tanh("first", 0.95), tanh("second", 1.0)]
    symptom = units.stalled_by_saturation(activity, math.log(10), TEN)
    assert symptom is not None and symptom.evidence["layer"] == "second"
    explained = units.saturated(activity)
    assert explained is not None and explained.evidence["layer"] == "second"
    assert "where the gradient is near 0" in explained.message


def test_a_gradient_norm_that_turns_nan_is_named_with_its_finite_start():
    found = units.exploding([2.0, 3.0, 4.0, 1e6, float("nan"), float("nan")])
    assert found is not None and found.code == "LRC509"
    assert "became NaN at step 4 (it started at 3)" in found.message


def test_a_gradient_norm_that_is_not_finite_from_the_start_claims_no_start():
    found = units.exploding([float("inf"), float("nan")])
    assert found is not None
    assert "became Inf at step 0;" in found.message and "started at" not in found.message


def test_a_gradient_norm_that_grows_a_thousandfold_explodes_and_a_steady_one_does_not():
    assert units.exploding([1.0, 1.0, 1.0, 10.0, 1e4]) is not None
    assert units.exploding([1.0, 1.2, 0.9, 1.1, 1.0]) is None


def test_gradient_growth_is_read_from_the_norms_before_the_peak():
    # a first step's gradient, then none (rows of a clipped loss pass no gradient): no growth
    assert units.exploding([1.81, 0.0, 0.0, 0.0, 0.0]) is None
    assert units.exploding([0.0, 0.0, 0.0, 5.0, 5.0]) is None  # from nothing, not from small
    found = units.exploding([0.001, 0.002, 0.001, 0.0, 50.0])
    assert found is not None and found.evidence["start"] == 0.001
    assert found.evidence["step"] == 4
