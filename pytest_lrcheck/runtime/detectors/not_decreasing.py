"""LRC503: a loss that does not get under the constant guess; and the closer looks that
`check_training` takes at a curve that stalled (`stalled`, `barely_beats_constant`) or was
cut short while still falling (`cut_short`, a warning)."""

from __future__ import annotations

import math

from pytest_lrcheck.runtime.detectors.curve_stats import SATURATED, STUCK_BAND, CurveStats, fmt
from pytest_lrcheck.runtime.detectors.reference import LossReference
from pytest_lrcheck.runtime.report import Symptom, make_symptom

BEAT_REFERENCE = 0.97  # end below 97% of the constant-guess loss: healthy runs ended <= 0.94
MIN_DROP = 0.10  # without a reference: the loss must fall by 10%...
MIN_DROP_Z = 3.0  # ...and by three standard errors of the batch noise
STILL_FALLING = 0.05  # last quarter 5% below the one before: the run stopped mid-descent
SHORT_RUN = 50  # ...which excuses ending above chance only in runs this short (a watched fit)
# A curve the rules above call healthy can hide a run that failed: `check_training` looks
# closer at one whose second half gained less than this share (healthy calibration runs
# gained 0.18-0.78; an unstable SGD with momentum rose, a CNN at Adam 0.1 gained 0.11)...
STALLED = 0.15
# ...and, when it also ends within this share of the constant guess (below BEAT_REFERENCE)
# and no longer falls (STILL_FALLING), it barely beat that guess: a GRU at Adam 1, an L2
# penalty of 10 and a 50x too wide initializer ended at 0.91-0.95.
BARELY = 0.8
# A run that ends near the constant guess (under the top of STUCK_BAND) while its loss still
# falls steeply, its last quarter this share under the one before and its second half more
# than STALLED, was cut short by its step count: it is warned about, not failed.  A 95/5 MLP
# from a poor first loss (0.97 where the guess scores 0.20) ended at 1.14x the guess, 20-24%
# lower each quarter; failing runs that end there are flat (LRC503) or one class (LRC504).
STEEP = 0.10
# Advice on the rate that only the diagnosis can back: `verdict.rank` keeps LRC503's "raise"
# only when the range test found the rate too low (LRC513) and nothing says lower it, and
# drops LRC504's "lower" when the range test found the rate too low.
RAISE_RATE = "raise the learning rate, "


def stalled(stats: CurveStats) -> bool:
    """Whether a full run's second half gained too little to take its curve on trust."""
    return stats.n >= SHORT_RUN and stats.second_half_drop < STALLED


def barely_beats_constant(stats: CurveStats, reference: LossReference) -> Symptom | None:
    """LRC503 for a curve that ends just under the constant guess and stays there: what
    `check_training` reports when more evidence says the run failed (`verdict.judge`)."""
    constant = reference.constant
    if not constant or constant <= 0 or stats.second_half_drop >= STILL_FALLING:
        return None
    ratio = stats.end / constant
    if not BARELY <= ratio < BEAT_REFERENCE:
        return None
    return make_symptom(
        "LRC503",
        f"loss barely beats a constant guess after {stats.n} steps and no longer falls "
        f"(smoothed {fmt(stats.end)} vs {fmt(constant)}, {ratio:.2f}x); "
        f"{RAISE_RATE}check the labels and the inputs",
        {"start": stats.early, "end": stats.end, "constant_guess_loss": constant, "ratio": ratio},
        0.55,
    )


def still_descending(stats: CurveStats, reference: LossReference) -> bool:
    """Whether a curve that ends near the constant guess is still falling steeply there
    (`STEEP`): too short a run to judge, not a stalled one."""
    constant = reference.constant
    if not constant or constant <= 0:
        return False
    return (
        stats.end < STUCK_BAND[1] * constant
        and stats.recent_drop >= STEEP
        and stats.second_half_drop >= STALLED
    )


def cut_short(stats: CurveStats, reference: LossReference) -> Symptom | None:
    """The warning for a run that ends at or above the constant guess while still falling
    steeply (`still_descending`): it has not shown that it learns more than the guess."""
    constant = reference.constant
    if not still_descending(stats, reference) or not constant:
        return None
    ratio = stats.end / constant
    if ratio < BEAT_REFERENCE:
        return None
    return make_symptom(
        "LRC503",
        f"the loss ends at {ratio:.2f}x the constant guess (smoothed {fmt(stats.end)} vs "
        f"{fmt(constant)}) but is still falling steeply, its last quarter "
        f"{100 * stats.recent_drop:.0f}% under the one before: {stats.n} steps were too few "
        "to show that it beats the guess; train longer before trusting it",
        {"end": stats.end, "constant_guess_loss": constant, "recent_drop": stats.recent_drop},
        0.4,
    )


def not_decreasing(stats: CurveStats, reference: LossReference) -> Symptom | None:
    if stats.identical:
        return make_symptom(
            "LRC503",
            f"loss is exactly {fmt(stats.end)} at every one of {stats.n} steps: no gradient "
            "reaches the weights; check for frozen layers, a constant output or a wrong loss",
            {"loss": stats.end, "steps": stats.n},
            0.9,
        )
    drop = (stats.early - stats.end) / abs(stats.early) if stats.early else 0.0
    falling = drop >= MIN_DROP and stats.drop_z >= MIN_DROP_Z
    if reference.constant is not None:
        if stats.end < BEAT_REFERENCE * reference.constant:
            return None
        # A run from a poor start can end near chance while it is still descending steeply:
        # that is a run cut short, not a loss that does not decrease.
        if falling and stats.recent_drop >= STILL_FALLING and stats.n < SHORT_RUN:
            return None
        if falling and still_descending(stats, reference):
            return None
        ratio = stats.end / reference.constant if reference.constant else math.inf
        if ratio >= SATURATED and reference.chance_level:
            # Far above the guess from the start: confidently wrong outputs, which training
            # longer or faster does not mend (a clipped cross-entropy barely moves them).
            text = (
                f"loss stays far above a constant guess over {stats.n} steps (smoothed "
                f"{fmt(stats.end)} vs {fmt(reference.constant)}, {ratio:.2f}x): the outputs "
                "are confidently wrong (saturated); check the inputs' scale, the "
                "initializers and the output activation"
            )
        else:
            text = (
                f"loss is no better than a constant guess after {stats.n} steps "
                f"(smoothed {fmt(stats.end)} vs {fmt(reference.constant)}, {ratio:.2f}x); "
                f"{RAISE_RATE}check the labels and the inputs, or train longer"
            )
        return make_symptom(
            "LRC503",
            text,
            {
                "start": stats.early,
                "end": stats.end,
                "constant_guess_loss": reference.constant,
                "ratio": ratio,
            },
            0.6 if ratio < 1.25 else 0.5,
        )
    if falling:
        return None
    moved = f"fell only {100 * drop:.0f}%" if drop >= 0 else f"rose {100 * -drop:.0f}%"
    return make_symptom(
        "LRC503",
        f"loss {moved} in {stats.n} steps (smoothed {fmt(stats.early)} "
        f"-> {fmt(stats.end)}); {RAISE_RATE}check that gradients reach the weights, or "
        "train longer",
        {"start": stats.early, "end": stats.end, "drop": drop, "z": stats.drop_z},
        0.6,
    )
