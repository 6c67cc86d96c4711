"""Causes found by retraining: LRC506, LRC512, LRC513 and LRC514."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pytest_lrcheck.runtime.detectors.curve import judge_curve
from pytest_lrcheck.runtime.detectors.reference import LossReference
from pytest_lrcheck.runtime.lr_range import TOO_HIGH, TOO_LOW, LRRangeResult
from pytest_lrcheck.runtime.report import Symptom, make_symptom

# Loss level (median of the second half) at the configured rate over the level at a tenth
# of it.  When steps are too large for the inputs, the loss grows with the step: the first
# report's net measured 2.5-4.9 at 0.01 and 6-9.6 at 0.03; healthy nets 0.14-0.98.
SCALES = 2.0
# Trained on one batch for 100 steps at a third of the range test's best rate, an MLP on
# digits cuts its loss by 99% (random labels too); an L2 penalty of 10 or a sigmoid output
# for targets near 100 cannot halve it.
OVERFIT_LEFT = 0.5
# The same batches from the same weights at half the rate end at this share of the run's loss
# level, or lower, with a healthy curve: the steps were too large.  Halving the rate of a
# healthy run slows it (its level rises); an unstable SGD with momentum fell to 0.43x, a CNN
# at Adam 0.1 to 0.5x, a GRU at Adam 1 to 0.69x.
HEALS = 0.75
# Where the run's own curve looked healthy, the gain must also count against the constant
# guess: a fast healthy run (SGD at 0.5 on digits, ending at 0.07x the guess) may do a little
# better at half the rate; the failed runs above gained 0.19-0.3 of the guess's loss.
CLEAR_GAIN = 0.1


def too_high(configured: float, result: LRRangeResult) -> Symptom | None:
    stable = result.largest_stable
    if stable is None or configured <= TOO_HIGH * stable:
        return None
    ratio = configured / stable
    suggested = result.suggested if result.suggested is not None else stable / 10
    return make_symptom(
        "LRC512",
        f"learning rate {configured:.3g} is {ratio:.0f}x above the largest stable rate the "
        f"range test found ({stable:.2g}); use about {suggested:.2g}",
        {
            "learning_rate": configured,
            "largest_stable": stable,
            "suggested": result.suggested,
            "ratio": ratio,
        },
        min(0.9, 0.6 + 0.1 * np.log10(ratio)),
    )


def too_low(configured: float, result: LRRangeResult) -> Symptom | None:
    suggested = result.suggested
    if suggested is None and result.learned and result.min_loss_lr is not None:
        # The sweep's loss fell, though less than a suggestion asks: a tenth of the rate
        # that reached its lowest loss is still the fastai rule's rate.
        suggested = result.min_loss_lr / 10
    if suggested is None or configured >= suggested / TOO_LOW:
        return None
    ratio = suggested / configured
    return make_symptom(
        "LRC513",
        f"learning rate {configured:.2g} is {ratio:.0f}x below the rate the range test "
        f"suggests ({suggested:.2g}): the weights barely move; use about {suggested:.2g}",
        {"learning_rate": configured, "suggested": suggested, "ratio": ratio},
        min(0.9, 0.6 + 0.1 * np.log10(ratio)),
    )


def scales_with_rate(
    configured: float,
    losses: Sequence[float],
    lower: Sequence[float],
    reference: LossReference,
) -> Symptom | None:
    high, low = _level(losses), _level(lower)
    if high is None or low is None or low <= 0:
        return None
    ratio = high / low
    floor = reference.constant if reference.constant is not None else 0.0
    if ratio < SCALES or high <= 2 * floor:
        return None
    return make_symptom(
        "LRC506",
        f"the loss level scales with the learning rate: {high:.3g} at {configured:.3g} vs "
        f"{low:.3g} at {configured / 10:.3g} ({ratio:.1f}x for 10x); each step throws the "
        "outputs so far that the loss measures the step size: scale the inputs and lower "
        "the learning rate",
        {
            "learning_rate": configured,
            "loss_level": high,
            "lower_rate": configured / 10,
            "lower_rate_loss_level": low,
            "ratio": ratio,
        },
        min(0.85, 0.5 + 0.1 * ratio),
    )


def lower_rate_heals(
    configured: float,
    lower_rate: float,
    losses: Sequence[float],
    lower: Sequence[float],
    reference: LossReference,
) -> Symptom | None:
    """LRC512 when a rerun at ``lower_rate`` (same weights, same batches) trains healthily (or
    ends far below the constant guess, `LEARNED`) and ends clearly lower than the run did over
    as many steps (a run that went non-finite ends higher than any finite level)."""
    low = _level(lower)
    if low is None or not (_learned(low, reference) or not judge_curve(lower, reference)):
        return None
    high = _level(losses[: len(lower)]) if all(np.isfinite(losses)) else float("inf")
    if high is None or low > HEALS * high:
        return None
    level = "non-finite" if not np.isfinite(high) else f"{high:.3g}"
    return make_symptom(
        "LRC512",
        f"at {lower_rate:.2g} the same run (same weights, same batches) learns, its loss "
        f"level {low:.3g} against {level} at {configured:.3g}: the steps are too large; "
        f"lower the learning rate to about {lower_rate:.2g} or below",
        {
            "learning_rate": configured,
            "healthy_at": lower_rate,
            "loss_level": high,
            "lower_rate_loss_level": low,
        },
        0.8,
    )


# A rerun whose level ends under this share of the constant guess learned, whatever the shape
# of its curve: on a 95/5 task a run of batches without the rare class makes the smoothed
# curve dip tenfold and "blow up" back, at any rate.
LEARNED = 0.5


def _learned(level: float, reference: LossReference) -> bool:
    constant = reference.constant
    return bool(constant and constant > 0 and level <= LEARNED * constant)


def clear_gain(healed: Symptom, reference: LossReference) -> bool:
    """Whether a `lower_rate_heals` finding gained at least `CLEAR_GAIN` of the constant
    guess's loss (a run that went non-finite always did); never without that reference."""
    constant = reference.constant
    if not constant or constant <= 0:
        return False
    high, low = healed.evidence["loss_level"], healed.evidence["lower_rate_loss_level"]
    return bool(high - low >= CLEAR_GAIN * constant)


def note_lower_rate_heals(symptoms: list[Symptom], lower_rate: float) -> None:
    """Add to LRC512's evidence that a tenth of the rate trained healthily."""
    for index, symptom in enumerate(symptoms):
        if symptom.code == "LRC512":
            evidence = dict(symptom.evidence, healthy_at=lower_rate)
            symptoms[index] = make_symptom(
                "LRC512",
                f"{symptom.message}; at {lower_rate:.2g} the same run is healthy",
                evidence,
                min(1.0, symptom.confidence + 0.05),
            )


# A weight penalty at least this share of the data loss weighs in on every step: an L2 of 10
# on an MLP's kernels; the usual 1e-4-1e-2 penalties stay far under it.
PENALTY_SHARE = 0.1


def penalty_weighs(penalty: float | None, data_loss: float) -> bool:
    """Whether the regularizers' part of the loss is large beside the data's part."""
    return penalty is not None and data_loss > 0 and penalty >= PENALTY_SHARE * data_loss


def cannot_overfit(
    losses: Sequence[float], rate: float, penalty: float | None = None
) -> Symptom | None:
    values = np.asarray(losses, dtype=np.float64)
    if values.size < 10:
        return None
    start = float(values[0])
    end = float(np.median(values[-10:])) if np.isfinite(values[-10:]).all() else float("inf")
    if start <= 0 or end <= OVERFIT_LEFT * start:
        return None
    evidence = {"steps": int(values.size), "learning_rate": rate, "start": start, "end": end}
    if penalty is not None and penalty_weighs(penalty, end):
        evidence["penalty"] = penalty
        where = (
            f"the weight penalty ({penalty:.3g}) is {penalty / end:.1f}x the data loss: weaken "
            "the regularizers (kernel_regularizer, activity_regularizer)"
        )
    else:
        where = "look for too strong regularization, frozen layers, or outputs that cannot "
        where += "reach the targets"
    return make_symptom(
        "LRC514",
        f"trained {values.size} steps on one batch at learning rate {rate:.2g}, the loss only "
        f"went from {start:.3g} to {end:.3g}: the model cannot fit even a few samples; {where}",
        evidence,
        0.75,
    )


def _level(losses: Sequence[float]) -> float | None:
    values = np.asarray(losses, dtype=np.float64)
    if values.size < 10 or not np.isfinite(values).all():
        return None
    return float(np.median(values[values.size // 2 :]))
