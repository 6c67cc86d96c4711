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
