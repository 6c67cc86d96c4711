"""The verdict detectors on synthetic loss curves (no TensorFlow needed)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pytest_lrcheck.runtime.detectors import curve, curve_stats, not_decreasing
from pytest_lrcheck.runtime.detectors.reference import UNKNOWN, for_classes, reference_for

SIX = for_classes(6)


def noisy(values: np.ndarray, seed: int = 0, scale: float = 0.05) -> list[float]:
    rng = np.random.default_rng(seed)
    return list(values * (1 + scale * rng.standard_normal(values.size)))


def healthy_curve(n: int = 200, seed: int = 0) -> list[float]:
    return noisy(1.8 * np.exp(-np.arange(n) / 80) + 0.2, seed)


def codes(losses, reference=UNKNOWN, constant=None):
    return [s.code for s in curve.judge_curve(losses, reference, constant)]


@pytest.mark.parametrize("seed", range(5))
def test_a_noisy_falling_curve_is_healthy(seed):
    losses = healthy_curve(seed=seed)
    assert codes(losses) == []
    assert codes(losses, SIX) == []


def test_non_finite_loss_names_the_step_and_the_last_finite_value():
    losses = [2.0, 1.9, 40.0, math.inf, math.nan]
    (symptom,) = curve.judge_curve(losses, UNKNOWN)
    assert symptom.code == "LRC501"
    assert symptom.evidence["step"] == 3 and symptom.evidence["last_finite"] == 40.0
    assert "at step 3 (last finite loss 40)" in symptom.message
    assert curve.verdict_step(losses, "LRC501", UNKNOWN) == 3


def test_a_blow_up_is_divergence_even_when_the_loss_comes_back():
    # the second report: 1.78, a jump to 1312, then flat at ln 6
    losses = [1.78, 1312.0, 900.0, 400.0, *noisy(np.full(196, 1.85), scale=0.02)]
    found = codes(losses, SIX)
    assert "LRC502" in found
    assert "LRC504" in found  # without predictions: flat within 5% of ln 6
    blow_up = next(s for s in curve.judge_curve(losses, SIX) if s.code == "LRC502")
    assert blow_up.evidence["ratio"] >= curve.BLOW_UP


# Under JAX and PyTorch a softmax's cross-entropy is computed from clipped probabilities: a
# batch of 32 rows, k of them wrong with certainty, scores k/32 * -log(1e-7).
CEILING = -math.log(1e-7)


def clipped(wrong_rows: np.ndarray, batch: int = 32) -> list[float]:
    return list(CEILING * wrong_rows / batch)


def test_a_blow_up_to_the_clipped_ceiling_is_divergence_from_the_step_it_happened():
    rng = np.random.default_rng(0)
    losses = [1.89, *clipped(rng.integers(24, 30, 199))]  # 13-15: 7-8x ln 6, never 10x
    found = curve.judge_curve(losses, SIX)
    blow_up = next(s for s in found if s.code == "LRC502")
    assert blow_up.evidence["step"] == 1
    assert blow_up.evidence["ratio"] < curve.BLOW_UP
    assert "the outputs are confidently wrong" in blow_up.message
    # the same curve with every prediction one class is that collapse too
    collapsed = codes(losses, SIX, constant=True)
    assert collapsed[:2] == ["LRC502", "LRC504"] and "LRC503" not in collapsed
    stuck = next(s for s in curve.judge_curve(losses, SIX, True) if s.code == "LRC504")
    assert "stuck above chance level" in stuck.message and "with certainty" in stuck.message
    # varied predictions: not a collapse
    assert "LRC504" not in codes(losses, SIX, constant=False)


def test_a_classifier_far_above_the_guess_from_its_first_step_is_confidently_wrong():
    rng = np.random.default_rng(1)
    losses = clipped(rng.integers(22, 31, 200))  # saturated outputs from the start
    (symptom,) = curve.judge_curve(losses, for_classes(10))
    assert symptom.code == "LRC503"
    assert (
        "confidently wrong" in symptom.message and not_decreasing.RAISE_RATE not in symptom.message
    )


def test_a_classifier_that_starts_far_above_the_guess_and_learns_is_healthy():
    # raw inputs that a good optimizer copes with: a first loss of 15, then down to 0.3
    steps = np.arange(200)
    losses = noisy(15 * np.exp(-steps / 8) + 0.3 + 0.05 * np.exp(-steps / 60), scale=0.1)
    assert codes(losses, for_classes(10)) == []
    assert codes(losses, for_classes(10), constant=False) == []


def test_a_rise_to_under_three_times_the_guess_is_no_saturated_blow_up():
    # from ln 6 down to 1.0, then up to 4.5: 4.5x its best but 2.5x the guess
    losses = noisy(np.r_[np.linspace(1.79, 1.0, 60), np.full(140, 4.5)], scale=0.02)
    found = curve.judge_curve(losses, SIX)
    assert [s.code for s in found][:1] == ["LRC502"]
    assert "rose from" in found[0].message and "confidently" not in found[0].message
    # at 3.2x the guess it is one
    high = noisy(np.r_[np.linspace(1.79, 1.0, 60), np.full(140, 3.2 * SIX.constant)], scale=0.02)
    (blow_up, *_) = curve.judge_curve(high, SIX)
    assert (
        blow_up.evidence["step"] == 65
    )  # the window's median crosses 5 steps in and "confidently wrong" in blow_up.message


def test_a_steadily_rising_loss_is_diverging():
    losses = noisy(np.linspace(1.0, 3.0, 200))
    (symptom,) = curve.judge_curve(losses, UNKNOWN)
    assert symptom.code == "LRC502" and "rose from" in symptom.message


def test_stuck_at_chance_needs_constant_predictions_when_they_are_known():
    flat = noisy(np.full(200, math.log(6) * 1.03), scale=0.02)
    assert codes(flat, SIX, constant=True) == ["LRC504"]
    # the same curve with varied predictions: not stuck, but not learning either
    assert codes(flat, SIX, constant=False) == ["LRC503"]


def test_batch_losses_swinging_over_decades_are_oscillating():
    rng = np.random.default_rng(0)
    losses = list(np.exp(rng.uniform(np.log(0.05), np.log(60.0), 200)))
    found = curve.judge_curve(losses, for_classes(10))
    assert "LRC505" in [s.code for s in found]


def test_no_better_than_a_constant_guess_is_not_decreasing():
    losses = noisy(np.full(200, 2.3))
    (symptom,) = curve.judge_curve(losses, for_classes(10), False)
    assert symptom.code == "LRC503" and "constant guess" in symptom.message


@pytest.mark.parametrize("n", [16, 30, not_decreasing.SHORT_RUN - 1])
def test_a_short_run_still_falling_fast_toward_chance_is_not_yet_a_verdict(n):
    # A two-epoch fit from a poor start: 4.84 -> 1.94 (ln 4 = 1.39) and still falling.
    losses = noisy(np.geomspace(4.84, 1.94, n), scale=0.02)
    assert codes(losses, for_classes(4)) == []


def test_a_full_run_still_worse_than_chance_is_not_decreasing_even_if_falling():
    losses = noisy(np.geomspace(4.84, 1.94, 200), scale=0.02)
    assert codes(losses, for_classes(4)) == ["LRC503"]


def test_a_loss_that_fell_to_chance_and_stays_there_is_not_decreasing():
    start = np.geomspace(4.84, math.log(4), 50)
    losses = noisy(np.concatenate([start, np.full(150, math.log(4))]), scale=0.02)
    assert codes(losses, for_classes(4), False) == ["LRC503"]


def test_a_rising_loss_is_said_to_rise_not_to_fall_by_a_negative_amount():
    (symptom,) = curve.judge_curve(noisy(np.linspace(2.0, 2.3, 200), scale=0.01), UNKNOWN)
    assert symptom.code == "LRC503" and "loss rose 1" in symptom.message
    assert "fell only -" not in symptom.message


def test_without_a_reference_the_loss_must_fall_by_a_clear_margin():
    assert codes(noisy(np.linspace(5.0, 4.8, 200))) == ["LRC503"]  # 4% is noise-level
    assert codes(noisy(np.linspace(5.0, 3.0, 200))) == []


def test_bit_identical_losses_mean_no_gradient():
    (symptom,) = curve.judge_curve([0.6931] * 50, UNKNOWN)
    assert symptom.code == "LRC503" and "exactly" in symptom.message


def test_a_pretrained_model_that_no_longer_improves_is_healthy():
    # far below the constant-guess loss from the first step: already trained
    assert codes(noisy(np.full(200, 0.05)), for_classes(10), False) == []


def test_too_short_curves_are_not_judged():
    assert codes([2.3] * (curve_stats.MIN_STEPS - 1), for_classes(10)) == []


def test_verdict_step_is_where_the_verdict_stopped_changing():
    losses = list(healthy_curve(100)) + list(np.full(100, 60.0))
    step = curve.verdict_step(losses, "LRC502", UNKNOWN)
    assert 100 <= step <= 115


def test_reference_losses():
    onehot = np.eye(3)[[0, 0, 1, 2]]
    ref = reference_for("categorical_crossentropy", onehot)
    prior = np.array([0.5, 0.25, 0.25])
    assert ref.constant == pytest.approx(-(prior * np.log(prior)).sum())
    assert ref.uniform == pytest.approx(math.log(3)) and ref.n_classes == 3
    sparse = reference_for("sparse_categorical_crossentropy", np.array([0, 1]), n_classes=5)
    assert sparse.uniform == pytest.approx(math.log(5)) and sparse.constant == pytest.approx(
        math.log(2)
    )
    mse = reference_for("mean_squared_error", np.array([[1.0], [3.0]]))
    assert mse.constant == pytest.approx(1.0) and mse.second_moment == pytest.approx(5.0)
    assert not reference_for("huber", np.array([1.0])).known
    assert not reference_for(None, np.array([1.0])).known


def test_a_classifier_whose_late_batches_straddle_chance_is_oscillating():
    # The LRC505 example on seed 2: batches from 0.55 to 8.9 around ln 10 = 2.3, ratio 16.
    rng = np.random.default_rng(2)
    late = np.exp(rng.uniform(np.log(0.4), np.log(10.0), 100))
    losses = list(np.concatenate([np.geomspace(180.0, 3.0, 100), late]))
    stats = curve_stats.curve_stats(losses)
    assert stats.swing < curve.SWING  # the ratio alone would let it pass
    assert "LRC505" in codes(losses, for_classes(10))


def test_batches_below_twice_chance_or_a_regression_are_not_overshooting():
    rng = np.random.default_rng(3)
    # A healthy, noisy end: p90 just under twice the constant guess.
    calm = np.exp(rng.uniform(np.log(0.4), np.log(4.4), 100))
    losses = list(np.concatenate([np.geomspace(2.3, 1.0, 100), calm]))
    assert "LRC505" not in codes(losses, for_classes(10))
    # The same straddling swing around a regression's target variance is left to the ratio.
    wide = np.exp(rng.uniform(np.log(0.4), np.log(10.0), 100))
    regression = reference_for("mean_squared_error", np.array([[0.0], [3.0], [-3.0], [0.5]]))
    losses = list(np.concatenate([np.geomspace(20.0, 3.0, 100), wide]))
    assert curve_stats.curve_stats(losses).swing < curve.SWING
    assert "LRC505" not in codes(losses, regression)


def test_training_stops_only_at_a_divergence_far_past_recovery():
    from pytest_lrcheck.runtime.detectors.stopping import CERTAINTY_STRIDE, certain

    falling = list(np.linspace(2.3, 0.3, 60))
    assert not any(certain(falling[:n]) for n in range(1, 61))
    # A 30x blow-up is a verdict (LRC502) but one a run could still come back from.
    spike = [1.0] * 20 + [30.0] * 20
    assert not any(certain(spike[:n]) for n in range(1, 41))
    # Far past 100x, but back down since: the run goes on.
    recovered = [1.0] * 20 + [1e4] * 30 + [2.0] * 30
    assert not any(certain(recovered[:n]) for n in range(61, 81))
    blown = [1.0] * 20 + [1e4] * 60
    stops = [n for n in range(1, 81) if certain(blown[:n])]
    assert stops and stops[0] % CERTAINTY_STRIDE == 0 and not_decreasing.SHORT_RUN <= stops[0] <= 60
    assert "LRC502" in {s.code for s in curve.judge_curve(blown[: stops[0]], UNKNOWN)}


def test_a_run_still_falling_steeply_near_the_guess_is_cut_short_not_failed():
    # a 95/5 task from a poor first loss: 0.97 down to 1.14x the guess, a fifth lower each
    # quarter of the run (measured on JAX)
    skewed = reference_for("binary_crossentropy", np.r_[np.zeros(950), np.ones(50)])
    steps = np.arange(200)
    losses = noisy(0.77 * np.exp(-steps / 55) + 0.2, scale=0.05)
    stats = curve_stats.curve_stats(losses)
    assert stats is not None and 1.0 < stats.end / skewed.constant < 1.25
    assert codes(losses, skewed) == []
    warning = not_decreasing.cut_short(stats, skewed)
    assert warning is not None and warning.code == "LRC503"
    assert "still falling steeply" in warning.message and "train longer" in warning.message
    # the same level reached early and then flat is a loss that does not decrease
    flat = noisy(np.r_[0.77 * np.exp(-steps[:60] / 10) + 0.23, np.full(140, 0.23)], scale=0.05)
    assert codes(flat, skewed) == ["LRC503"]
    assert not_decreasing.cut_short(curve_stats.curve_stats(flat), skewed) is None
