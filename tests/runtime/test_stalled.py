"""Curves that look healthy but stalled, and what a rerun at a lower rate says about them:
the detectors `not_decreasing.stalled`, `not_decreasing.barely_beats_constant`,
`learning_rate.lower_rate_heals` and `learning_rate.clear_gain`, and the detrended swing of
LRC505 (no TensorFlow needed)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pytest_lrcheck.runtime.detectors import (
    curve,
    curve_stats,
    learning_rate,
    not_decreasing,
    stopping,
)
from pytest_lrcheck.runtime.detectors.reference import UNKNOWN, for_classes
from tests.runtime.fake_session import facts

TEN = for_classes(10)


def noisy(values: np.ndarray, seed: int = 0, scale: float = 0.05) -> list[float]:
    rng = np.random.default_rng(seed)
    return list(values * (1 + scale * rng.standard_normal(values.size)))


@pytest.mark.parametrize("seed", range(3))
def test_an_exponential_fall_over_decades_is_not_oscillation(seed):
    # A healthy embedding classifier: near 0.7 for 100 steps, then down to 0.003.
    steps = np.arange(200)
    trend = 0.7 / (1 + np.exp((steps - 110) / 12)) + 0.003
    rng = np.random.default_rng(seed)
    losses = list(trend * np.exp(0.3 * rng.standard_normal(200)))
    raw = np.asarray(losses[100:])
    assert np.percentile(raw, 90) / np.percentile(raw, 10) >= curve.SWING  # raw ratio alarms
    assert np.percentile(raw, 90) - np.percentile(raw, 10) >= 0.25 * math.log(2)
    assert "LRC505" not in [s.code for s in curve.judge_curve(losses, for_classes(2))]


def test_batches_scattered_around_a_falling_trend_still_oscillate():
    rng = np.random.default_rng(1)
    trend = np.geomspace(3.0, 0.3, 200)
    losses = list(trend * np.exp(rng.uniform(-2.5, 2.5, 200)))
    assert "LRC505" in [s.code for s in curve.judge_curve(losses, TEN)]


def test_a_second_half_that_gains_little_is_stalled_only_in_a_full_run():
    flat = curve_stats.curve_stats(noisy(np.full(200, 1.0)))
    falling = curve_stats.curve_stats(noisy(1.8 * np.exp(-np.arange(200) / 80) + 0.2))
    assert flat is not None and falling is not None
    assert not_decreasing.stalled(flat) and not not_decreasing.stalled(falling)
    short = curve_stats.curve_stats(noisy(np.full(not_decreasing.SHORT_RUN - 1, 1.0)))
    assert short is not None and not not_decreasing.stalled(short)


@pytest.mark.parametrize(
    ("level", "barely"),
    [(0.93, True), (0.85, True), (0.5, False), (0.99, False)],
)
def test_barely_beating_the_constant_guess_is_a_band_under_it(level, barely):
    stats = curve_stats.curve_stats(noisy(np.full(200, level * math.log(10)), scale=0.01))
    assert stats is not None
    found = not_decreasing.barely_beats_constant(stats, TEN)
    assert (found is not None) == barely
    if found is not None:
        assert found.code == "LRC503" and f"{level:.2f}x" in found.message
    assert not_decreasing.barely_beats_constant(stats, UNKNOWN) is None


def test_a_curve_still_falling_does_not_barely_beat_the_guess():
    stats = curve_stats.curve_stats(noisy(np.geomspace(3.0, 2.0, 200), scale=0.01))
    assert stats is not None and stats.second_half_drop >= not_decreasing.STILL_FALLING
    assert not_decreasing.barely_beats_constant(stats, TEN) is None


def test_a_lower_rate_that_trains_clearly_better_says_the_rate_is_too_high():
    run = noisy(np.concatenate([np.geomspace(2.3, 0.7, 30), np.full(170, 1.1)]))
    lower = noisy(np.geomspace(2.3, 0.3, 100), seed=1)
    found = learning_rate.lower_rate_heals(0.6, 0.3, run, lower, TEN)
    assert found is not None and found.code == "LRC512"
    assert found.evidence["healthy_at"] == 0.3
    assert "at 0.3 the same run (same weights, same batches) learns" in found.message
    assert learning_rate.clear_gain(found, TEN)
    assert not learning_rate.clear_gain(found, UNKNOWN)


def test_a_lower_rate_that_only_trains_slower_says_nothing():
    run = noisy(np.geomspace(2.3, 0.2, 200))
    slower = noisy(np.geomspace(2.3, 0.6, 100), seed=1)
    assert learning_rate.lower_rate_heals(1e-3, 5e-4, run, slower, TEN) is None
    # A lower rate whose own curve is unhealthy heals nothing, whatever its level.
    stuck = noisy(np.full(100, math.log(10)), seed=2)
    high = noisy(np.full(200, 9.0))
    assert learning_rate.lower_rate_heals(1.0, 0.5, high, stuck, TEN) is None


def test_a_lower_rate_far_below_the_guess_heals_whatever_its_curve_shape():
    # A 95/5 task: runs of batches without the rare class dip the smoothed curve tenfold.
    reference = for_classes(2)
    rng = np.random.default_rng(4)
    dips = np.where(rng.random(100) < 0.3, 0.3, 0.01) * np.geomspace(1.0, 0.5, 100)
    lower = list(dips)
    assert curve.judge_curve(lower, reference)  # its shape alone is not healthy
    run = noisy(np.full(60, 0.6))
    found = learning_rate.lower_rate_heals(0.5, 0.05, run, lower, reference)
    assert found is not None and found.code == "LRC512"


def test_a_run_gone_non_finite_is_healed_by_any_healthy_lower_rate():
    run = [2.3, 5.0, 80.0, math.inf]
    lower = noisy(np.geomspace(2.3, 0.3, 100))
    found = learning_rate.lower_rate_heals(1.0, 0.1, run, lower, TEN)
    assert found is not None and "non-finite" in found.message
    assert learning_rate.clear_gain(found, TEN)


def test_a_small_gain_of_a_fast_healthy_run_is_not_clear():
    run = noisy(np.concatenate([np.geomspace(2.3, 0.16, 100), np.full(100, 0.16)]))
    lower = noisy(np.geomspace(2.3, 0.1, 100), seed=3)
    found = learning_rate.lower_rate_heals(0.5, 0.25, run, lower, TEN)
    assert found is None or not learning_rate.clear_gain(found, TEN)


def test_a_loss_sat_at_the_guess_over_half_of_a_hundred_steps_is_a_collapse_suspect():
    at_chance = noisy(np.full(stopping.COLLAPSE_STEPS, math.log(10)), scale=0.02)
    assert stopping.collapsing(at_chance, TEN)
    assert not stopping.collapsing(at_chance[:-5], TEN)  # not yet a hundred steps
    assert not stopping.collapsing(at_chance, UNKNOWN)  # no constant guess to sit at
    # Fell from chance in the second half, or sits clearly under it: not collapsed.
    leaving = noisy(np.concatenate([np.full(50, 2.3), np.geomspace(2.3, 1.2, 50)]), scale=0.02)
    assert not stopping.collapsing(leaving, TEN)
    assert not stopping.collapsing(noisy(np.full(100, 0.8 * math.log(10)), scale=0.02), TEN)


def test_training_stops_at_a_collapse_only_when_the_predictions_are_constant():
    from types import SimpleNamespace

    from pytest_lrcheck.runtime.verdict import stop_when_certain

    at_chance = noisy(np.full(stopping.COLLAPSE_STEPS, math.log(10)), scale=0.02)
    outputs = {"same": np.tile([0.1] * 10, (8, 1)), "varied": np.eye(10)[:8]}

    def session(kind):
        trainer = SimpleNamespace(predict_outputs=lambda x: (outputs[kind],))
        return SimpleNamespace(reference=TEN, trainer=trainer, probe=(None, None), facts=facts())

    assert stop_when_certain(session("same"))(at_chance)
    assert not stop_when_certain(session("varied"))(at_chance)
    falling = noisy(1.8 * np.exp(-np.arange(100) / 40) + 0.2)
    assert not stop_when_certain(session("same"))(falling)
