"""The verdict: read the per-step loss curve (LRC501-LRC505).

Everything here works from batch losses alone, so `check_training`, `check_step` and the fit
watcher judge the same way.  Thresholds come from `benchmarks/calibrate_symptoms.py` (155
seeded runs: 16 healthy set-ups and 15 sick ones, 5 seeds each); each catalog document says
why its threshold sits where it does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pytest_lrcheck.runtime.detectors.reference import UNKNOWN, LossReference
from pytest_lrcheck.runtime.report import Symptom, make_symptom

MIN_STEPS = 10  # fewer finite steps than this cannot show a trend
BLOW_UP = 10.0  # smoothed loss over its running minimum: healthy runs reached 5.5
RISE = 1.5  # the loss ends this many times higher than it began
BEAT_REFERENCE = 0.97  # end below 97% of the constant-guess loss: healthy runs ended <= 0.94
MIN_DROP = 0.10  # without a reference: the loss must fall by 10%...
MIN_DROP_Z = 3.0  # ...and by three standard errors of the batch noise
SWING = 20.0  # p90/p10 of second-half batch losses; healthy runs reached 7.8
# A classifier whose second-half batches score both far above and far below the constant
# guess overshoots whatever the ratio: healthy runs' p90 stayed <= 1.03x chance, raw-pixel
# runs reached 2.3-74x (their p10 sits near 0, or at 0.24x where the ratio is only 16).
OVERSHOOT = (0.5, 2.0)  # p10 at most, p90 at least, as multiples of the constant guess
STUCK_BAND = (0.9, 1.25)  # end loss / constant-guess loss while stuck at chance
# Under JAX and PyTorch, Keras computes a softmax's cross-entropy from probabilities clipped
# to [1e-7, 1 - 1e-7]: a wrong row costs at most -log(1e-7) = 16.1, so a blow-up that reaches
# 1e5 under TensorFlow (which reads the logits) stops at a few times the constant guess there,
# and the clipped rows pass no gradient back.  A classifier's smoothed loss this many times
# the constant guess, and its best so far, is a blow-up on any backend: healthy calibration
# runs stayed within 1.03x of the guess once they had reached it.
SATURATED = 3.0
STUCK_FLAT = 0.03  # and it no longer falls: less than 3% over the second half
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
LOWER_RATE = "lower the learning rate and "


@dataclass(frozen=True)
class CurveStats:
    n: int
    initial: float
    early: float
    end: float
    window: int
    smoothed: tuple[float, ...]
    best: float
    rebound: float
    rebound_step: int
    rebound_from: float
    rebound_to: float
    swing: float
    swing_low: float
    swing_high: float
    second_half_drop: float
    recent_drop: float
    drop_z: float
    identical: bool


def smooth(losses: Sequence[float] | np.ndarray, window: int) -> np.ndarray:
    """Causal rolling median: spikes of single batches do not move it, blow-ups do."""
    values = np.asarray(losses, dtype=np.float64)
    # The check looks at its curve every few steps as it trains: the full windows at once
    # (the same medians, one NumPy call) keep those looks from costing a tenth of the run.
    head = [np.median(values[: i + 1]) for i in range(min(window - 1, values.size))]
    full = (
        np.median(np.lib.stride_tricks.sliding_window_view(values, window), axis=-1)
        if values.size >= window
        else np.empty(0)
    )
    return np.concatenate([np.asarray(head, dtype=np.float64), full])


def smoothing_window(n: int) -> int:
    """The rolling median's window for a curve of ``n`` steps: a twentieth of the run."""
    return max(3, n // 20)


def end_and_second_half_drop(values: np.ndarray) -> tuple[float, float]:
    """The curve's end (median of its last fifth) and the share of the level at its middle
    that the second half still gained."""
    n = values.size
    middle = float(np.median(values[n // 2 : n // 2 + max(3, n // 4)]))
    end = float(np.median(values[-max(10, n // 5) :]))
    return end, (middle - end) / abs(middle) if middle else 0.0


def curve_stats(losses: Sequence[float]) -> CurveStats | None:
    """Statistics of a finite loss curve; None when it is too short to judge."""
    values = np.asarray(losses, dtype=np.float64)
    n = values.size
    if n < MIN_STEPS or not np.isfinite(values).all():
        return None
    window = smoothing_window(n)
    smoothed = smooth(values, window)
    running_min = np.minimum.accumulate(smoothed)
    # A rebound only counts against a minimum the curve has reached: guard tiny denominators.
    floor = max(1e-12, 1e-6 * float(np.abs(values).max()))
    ratios = smoothed / np.maximum(running_min, floor)
    step = int(np.argmax(ratios))
    second = values[n // 2 :]
    low, high = float(np.percentile(second, 10)), float(np.percentile(second, 90))
    swing = _detrended_swing(second) or high / max(low, floor)
    quarter = max(3, n // 4)
    first_q, last_q = values[:quarter], values[-quarter:]
    noise = math.sqrt((first_q.var() + last_q.var()) / quarter) or 1e-12
    third_q = float(np.median(values[-2 * quarter : -quarter]))
    last_q_median = float(np.median(last_q))
    end, second_half_drop = end_and_second_half_drop(values)
    return CurveStats(
        n=n,
        initial=float(values[0]),
        early=float(np.median(values[:window])),
        end=end,
        window=window,
        smoothed=tuple(float(v) for v in smoothed),
        best=float(running_min[-1]),
        rebound=float(ratios[step]),
        rebound_step=step,
        rebound_from=float(running_min[step]),
        rebound_to=float(smoothed[step]),
        swing=swing,
        swing_low=low,
        swing_high=high,
        second_half_drop=second_half_drop,
        recent_drop=(third_q - last_q_median) / abs(third_q) if third_q else 0.0,
        drop_z=float((first_q.mean() - last_q.mean()) / noise),
        identical=bool(np.all(values == values[0])),
    )


def _detrended_swing(second: np.ndarray) -> float | None:
    """p90/p10 of the second half's batch losses around their trend in log space: a loss
    still falling exponentially spans decades without any batch overshooting (a healthy
    embedding classifier went 0.18 -> 0.004), while steps that overshoot scatter the batches
    around whatever trend there is.  None when a loss is not positive (no log space)."""
    if second.size < MIN_STEPS or not (second > 0).all():
        return None
    logs = np.log(second)
    steps = np.arange(second.size, dtype=np.float64)
    slope, intercept = np.polyfit(steps, logs, 1)
    # Only a falling trend is taken out: a rising one is divergence's to judge.
    residuals = logs - (intercept + slope * steps) if slope < 0 else logs
    return float(np.exp(np.percentile(residuals, 90) - np.percentile(residuals, 10)))


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
            last = f" (last finite loss {_fmt(finite[-1])})" if finite else ""
            return make_symptom(
                "LRC501",
                f"loss became {_fmt(value)} at step {step}{last}; lower the learning rate, "
                "scale the inputs, or clip gradients (e.g. clipnorm=1.0)",
                {"step": step, "value": value, "last_finite": finite[-1] if finite else None},
                0.95,
            )
    return None


def diverging(stats: CurveStats, reference: LossReference) -> Symptom | None:
    if stats.rebound >= BLOW_UP or _saturated_blow_up(stats, reference):
        step = _blow_up_step(stats, reference)
        return make_symptom(
            "LRC502",
            f"loss blew up at step {step}: the smoothed loss rose "
            f"{stats.rebound:.0f}x above its best so far ({_fmt(stats.rebound_from)} -> "
            f"{_fmt(stats.rebound_to)}){_confidently_wrong(stats.rebound_to, reference)}; "
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
            f"smoothed loss rose from {_fmt(stats.early)} to {_fmt(stats.end)} over "
            f"{stats.n} steps "
            "instead of falling; lower the learning rate",
            {"start": stats.early, "end": stats.end, "best": stats.best},
            0.75,
        )
    return None


def _saturated_blow_up(stats: CurveStats, reference: LossReference) -> bool:
    """A classifier's loss thrown from at most about the constant guess to `SATURATED` times
    it (and its best so far): the bounded blow-up of a clipped cross-entropy."""
    constant = reference.constant
    if not constant or constant <= 0 or not reference.chance_level:
        return False
    return (
        stats.rebound >= SATURATED
        and stats.rebound_to >= SATURATED * constant
        and stats.rebound_from <= STUCK_BAND[1] * constant
    )


def _blow_up_step(stats: CurveStats, reference: LossReference) -> int:
    """The first step at which the smoothed loss met a blow-up: the largest rebound can come
    much later, on a loss that has sat at its ceiling since (a clipped cross-entropy)."""
    smoothed = np.asarray(stats.smoothed)
    best = np.maximum(np.minimum.accumulate(smoothed), 1e-12)
    ratio = smoothed / best
    hit = ratio >= BLOW_UP
    constant = reference.constant
    if constant and constant > 0 and reference.chance_level:
        hit |= (
            (ratio >= SATURATED)
            & (smoothed >= SATURATED * constant)
            & (best <= STUCK_BAND[1] * constant)
        )
    return int(np.argmax(hit)) if hit.any() else stats.rebound_step


def _confidently_wrong(loss: float, reference: LossReference) -> str:
    """The clause saying a classifier's loss is far above the constant guess, or nothing."""
    constant = reference.constant
    if not reference.chance_level or not constant or constant <= 0:
        return ""
    if loss < SATURATED * constant:
        return ""
    return (
        f", {loss / constant:.1f}x the {_fmt(constant)} of a constant guess: the outputs "
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
        f"loss is stuck {level} chance level: smoothed {_fmt(stats.end)} vs "
        f"{_fmt(reference.constant)} for "
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
        f"batch loss swings between {_fmt(stats.swing_low)} and {_fmt(stats.swing_high)} "
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
        f"(smoothed {_fmt(stats.end)} vs {_fmt(constant)}, {ratio:.2f}x); "
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
        f"the loss ends at {ratio:.2f}x the constant guess (smoothed {_fmt(stats.end)} vs "
        f"{_fmt(constant)}) but is still falling steeply, its last quarter "
        f"{100 * stats.recent_drop:.0f}% under the one before: {stats.n} steps were too few "
        "to show that it beats the guess; train longer before trusting it",
        {"end": stats.end, "constant_guess_loss": constant, "recent_drop": stats.recent_drop},
        0.4,
    )


def not_decreasing(stats: CurveStats, reference: LossReference) -> Symptom | None:
    if stats.identical:
        return make_symptom(
            "LRC503",
            f"loss is exactly {_fmt(stats.end)} at every one of {stats.n} steps: no gradient "
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
                f"{_fmt(stats.end)} vs {_fmt(reference.constant)}, {ratio:.2f}x): the outputs "
                "are confidently wrong (saturated); check the inputs' scale, the "
                "initializers and the output activation"
            )
        else:
            text = (
                f"loss is no better than a constant guess after {stats.n} steps "
                f"(smoothed {_fmt(stats.end)} vs {_fmt(reference.constant)}, {ratio:.2f}x); "
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
        f"loss {moved} in {stats.n} steps (smoothed {_fmt(stats.early)} "
        f"-> {_fmt(stats.end)}); {RAISE_RATE}check that gradients reach the weights, or "
        "train longer",
        {"start": stats.early, "end": stats.end, "drop": drop, "z": stats.drop_z},
        0.6,
    )


def _fmt(value: float | None) -> str:
    if value is None:
        return "none"
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Inf" if value > 0 else "-Inf"
    return f"{value:.3g}"
