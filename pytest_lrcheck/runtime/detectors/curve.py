"""The verdict: read the per-step loss curve (LRC501-LRC505; LRC503 in `not_decreasing`,
the statistics in `curve_stats`).

Everything here works from batch losses alone, so `check_training`, `check_step` and the fit
watcher judge the same way.  Thresholds come from `benchmarks/calibrate_symptoms.py` (155
seeded runs: 16 healthy set-ups and 15 sick ones, 5 seeds each); each catalog document says
why its threshold sits where it does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from pytest_lrcheck.runtime.detectors.curve_stats import (
    MIN_STEPS,
    SATURATED,
    STUCK_BAND,
    CurveStats,
    curve_stats,
    fmt,
)
from pytest_lrcheck.runtime.detectors.not_decreasing import not_decreasing
from pytest_lrcheck.runtime.detectors.reference import UNKNOWN, LossReference
from pytest_lrcheck.runtime.report import Symptom, make_symptom

BLOW_UP = 10.0  # smoothed loss over its running minimum: healthy runs reached 5.5
RISE = 1.5  # the loss ends this many times higher than it began
SWING = 20.0  # p90/p10 of second-half batch losses; healthy runs reached 7.8
# A classifier whose second-half batches score both far above and far below the constant
# guess overshoots whatever the ratio: healthy runs' p90 stayed <= 1.03x chance, raw-pixel
# runs reached 2.3-74x (their p10 sits near 0, or at 0.24x where the ratio is only 16).
OVERSHOOT = (0.5, 2.0)  # p10 at most, p90 at least, as multiples of the constant guess
STUCK_FLAT = 0.03  # and it no longer falls: less than 3% over the second half
LOWER_RATE = "lower the learning rate and "


def judge_curve(
    losses: Sequence[float],
    reference: LossReference,
    predictions_constant: bool | None = None,
    collapsed_outputs: Sequence[str] = (),
) -> list[Symptom]:
    """The loss-curve symptoms of a run, most severe first; empty for a healthy curve.
    ``collapsed_outputs`` names the outputs of a model with several whose predictions made
    ``predictions_constant`` (`probes.collapsed_outputs`)."""
    if reference.constant is not None and reference.constant <= 0:
        # Labels of one class: a constant guess is perfect, so it is no yardstick
        # (`detectors.labels` warns about the labels themselves).
        reference = UNKNOWN
    found = not_finite(losses)
    if found is not None:
        return [found]
    stats = curve_stats(losses)
    if stats is None:
        return []
    diverged = diverging(stats, reference)
    stuck = stuck_at_chance(stats, reference, predictions_constant, collapsed_outputs)
    symptoms = [diverged, stuck, oscillating(stats, reference)]
    # A loss that ends above where it began is divergence; "not decreasing" adds nothing.
    if stuck is None and not (diverged is not None and stats.end >= stats.early):
        symptoms.append(not_decreasing(stats, reference))
    return [s for s in symptoms if s is not None]


def verdict_step(
    losses: Sequence[float], code: str, reference: LossReference, stride: int = 5
) -> int:
    """The step after which judging the curve so far always found ``code``."""
    n = len(losses)
    if code == "LRC501":
        return next(i for i, v in enumerate(losses) if not math.isfinite(v))
    verdict = n - 1
    for stop in range(n, MIN_STEPS - 1, -stride):
        prefix = losses[:stop]
        if code not in {s.code for s in judge_curve(prefix, reference)}:
            break
        verdict = stop - 1
    return verdict


def not_finite(losses: Sequence[float]) -> Symptom | None:
    for step, value in enumerate(losses):
        if not math.isfinite(value):
            finite = [v for v in losses[:step] if math.isfinite(v)]
            last = f" (last finite loss {fmt(finite[-1])})" if finite else ""
            return make_symptom(
                "LRC501",
                f"loss became {fmt(value)} at step {step}{last}; lower the learning rate, "
                "scale the inputs, or clip gradients (e.g. clipnorm=1.0)",
                {"step": step, "value": value, "last_finite": finite[-1] if finite else None},
                0.95,
            )
    return None


def diverging(stats: CurveStats, reference: LossReference) -> Symptom | None:
    saturated = _saturated(stats, reference)
    if stats.rebound >= BLOW_UP or saturated.any():
        step = _blow_up_step(stats, saturated)
        return make_symptom(
            "LRC502",
            f"loss blew up at step {step}: the smoothed loss rose "
            f"{stats.rebound:.0f}x above its best so far ({fmt(stats.rebound_from)} -> "
            f"{fmt(stats.rebound_to)}){_confidently_wrong(stats.rebound_to, reference)}; "
            "lower the learning rate",
            {
                "step": step,
                "best_before": stats.rebound_from,
                "peak": stats.rebound_to,
                "ratio": stats.rebound,
            },
            0.8,
        )
    if stats.end >= RISE * stats.early and stats.end > 2 * stats.best:
        return make_symptom(
            "LRC502",
            f"smoothed loss rose from {fmt(stats.early)} to {fmt(stats.end)} over "
            f"{stats.n} steps "
            "instead of falling; lower the learning rate",
            {"start": stats.early, "end": stats.end, "best": stats.best},
            0.75,
        )
    return None


def _saturated(stats: CurveStats, reference: LossReference) -> np.ndarray:
    """Per step, whether a classifier's smoothed loss has been thrown from at most about the
    constant guess to `SATURATED` times it and its best so far: the bounded blow-up of a
    clipped cross-entropy.  All False without a chance level."""
    smoothed = np.asarray(stats.smoothed)
    constant = reference.constant
    if not constant or constant <= 0 or not reference.chance_level:
        return np.zeros(smoothed.size, dtype=bool)
    best = np.maximum(np.minimum.accumulate(smoothed), 1e-12)
    return (
        (smoothed / best >= SATURATED)
        & (smoothed >= SATURATED * constant)
        & (best <= STUCK_BAND[1] * constant)
    )


def _blow_up_step(stats: CurveStats, saturated: np.ndarray) -> int:
    """The first step at which the smoothed loss met a blow-up: the largest rebound can come
    much later, on a loss that has sat at its ceiling since (a clipped cross-entropy)."""
    smoothed = np.asarray(stats.smoothed)
    hit = smoothed / np.maximum(np.minimum.accumulate(smoothed), 1e-12) >= BLOW_UP
    hit |= saturated
    return int(np.argmax(hit)) if hit.any() else stats.rebound_step


def _confidently_wrong(loss: float, reference: LossReference) -> str:
    """The clause saying a classifier's loss is far above the constant guess, or nothing."""
    constant = reference.constant
    if not reference.chance_level or not constant or constant <= 0:
        return ""
    if loss < SATURATED * constant:
        return ""
    return (
        f", {loss / constant:.1f}x the {fmt(constant)} of a constant guess: the outputs "
        "are confidently wrong"
    )


def stuck_at_chance(
    stats: CurveStats,
    reference: LossReference,
    predictions_constant: bool | None,
    collapsed_outputs: Sequence[str] = (),
) -> Symptom | None:
    if not reference.constant or not reference.chance_level:
        return None  # unknown, or labels a constant guess gets exactly right: no chance level
    low, high = STUCK_BAND
    ratio = stats.end / reference.constant
    # Every prediction the same class while the loss is above chance level is a collapse too:
    # onto the class prior, or (a clipped cross-entropy's rows passing no gradient) onto one
    # class predicted with certainty, whose loss stays far above the constant guess.
    if ratio < low or (ratio > high and predictions_constant is not True):
        return None
    if predictions_constant is False:
        return None
    # Without predictions to look at, only a flat loss right at the constant guess counts.
    if predictions_constant is None and (
        abs(ratio - 1) > 0.05 or stats.second_half_drop > STUCK_FLAT
    ):
        return None
    same = ", and every prediction is the same class" if predictions_constant else ""
    if same and collapsed_outputs:
        named = ", ".join(repr(name) for name in collapsed_outputs)
        same = f", and every prediction of output(s) {named} is the same class"
    if ratio > high:
        level, what = "above", "one class with certainty (the outputs are saturated)"
    else:
        level, what = "at", "the class prior"
    return make_symptom(
        "LRC504",
        f"loss is stuck {level} chance level: smoothed {fmt(stats.end)} vs "
        f"{fmt(reference.constant)} for "
        f"{reference.guess('constant')}{same}; the net predicts "
        f"{what}: {LOWER_RATE}look for dead or saturated units",
        {
            "end_loss": stats.end,
            "chance_loss": reference.constant,
            "n_classes": reference.n_classes,
            **({"outputs": list(reference.outputs)} if reference.outputs else {}),
            "predictions_constant": predictions_constant,
            **(
                {"collapsed_outputs": list(collapsed_outputs)} if same and collapsed_outputs else {}
            ),
        },
        0.85,
    )


def oscillating(stats: CurveStats, reference: LossReference) -> Symptom | None:
    scale = reference.constant if reference.constant is not None else stats.initial
    swings = stats.swing >= SWING and stats.swing_high - stats.swing_low >= 0.25 * abs(scale)
    if not (swings or _overshoots(stats, reference)):
        return None
    return make_symptom(
        "LRC505",
        f"batch loss swings between {fmt(stats.swing_low)} and {fmt(stats.swing_high)} "
        f"(10th-90th percentile) in the second half: steps overshoot; lower the learning "
        "rate or scale the inputs",
        {"p10": stats.swing_low, "p90": stats.swing_high, "ratio": stats.swing},
        0.7,
    )


def _overshoots(stats: CurveStats, reference: LossReference) -> bool:
    """Batches far worse and far better than a constant guess, late in a classifier's run.

    Only for classifiers: their constant-guess loss is a natural unit, while the batch loss of
    a regression on heavy-tailed targets can swing that way and still be healthy."""
    if not reference.chance_level or not reference.constant:
        return False
    low, high = OVERSHOOT
    return (
        stats.swing_low <= low * reference.constant
        and stats.swing_high >= high * reference.constant
    )
