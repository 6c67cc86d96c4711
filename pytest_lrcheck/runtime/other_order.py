"""A second opinion on a loss that sat at the constant guess: the same start, another order.

Some models start on a plateau at the constant guess that training leaves after a number of
steps which depends on the order the batches come in: an embedding whose one telling word
must win a max-pooling, say, leaves it by step 200 under about half the orders.  One such run
is no evidence that the model cannot learn.  So a run that ends at the guess with nothing to
explain it is run once more from the same starting weights, at the same rate, with its
batches in another seeded order (`reruns.OTHER_ORDER`).  When that run clearly beats the
guess, the model trains and the check passes with a warning; when it also stalls, the
failure stands and says it held under two orders.  Datasets and generators bring their own
order, which the check does not choose: there the first run's verdict stands alone.
"""

from __future__ import annotations

from dataclasses import replace

from pytest_lrcheck.runtime.detectors import curve, not_decreasing
from pytest_lrcheck.runtime.detectors.curve_stats import curve_stats, fmt
from pytest_lrcheck.runtime.evidence import Evidence
from pytest_lrcheck.runtime.loop import RunResult
from pytest_lrcheck.runtime.report import Symptom, make_symptom
from pytest_lrcheck.runtime.reruns import OTHER_ORDER


def _end_ratio(run: RunResult, evidence: Evidence) -> float | None:
    """The rerun's smoothed end over the constant guess when its curve is healthy and ends
    clearly under the guess; else None."""
    constant = evidence.reference.constant
    stats = curve_stats(run.losses)
    if not constant or stats is None or curve.judge_curve(run.losses, evidence.reference):
        return None
    ratio = stats.end / constant
    return ratio if ratio < not_decreasing.BEAT_REFERENCE else None


def learns_under_another_order(evidence: Evidence) -> bool:
    """Whether the run, trained again from its start under another batch order, beats the
    constant guess (gathered here, once, when the time budget has room for it)."""
    if evidence.run.budget_exceeded or len(evidence.run.losses) < evidence.steps:
        return False  # a run cut short is judged as it is
    rerun = evidence.get(OTHER_ORDER)
    evidence.settle()
    return rerun is not None and _end_ratio(rerun, evidence) is not None


def stalled_twice(evidence: Evidence, stall: Symptom) -> Symptom:
    """The stall, saying so when the run under another order stalled too."""
    if evidence.peek(OTHER_ORDER) is None:  # not run, or not for this kind of batches
        return stall
    return replace(
        stall,
        message=f"{stall.message} (from the same start under another batch order too)",
        evidence={**stall.evidence, "other_order": "stalled"},
    )


def plateau_warning(evidence: Evidence) -> Symptom | None:
    """The warning for a run passed because another order left the plateau."""
    rerun = evidence.peek(OTHER_ORDER)
    ratio = None if rerun is None else _end_ratio(rerun, evidence)
    stats, constant = evidence.loss_curve, evidence.reference.constant
    if ratio is None or stats is None or not constant:
        return None
    return make_symptom(
        "LRC503",
        f"the loss sat at the constant guess for {stats.n} steps ({stats.end / constant:.2f}x, "
        f"smoothed), but from the same starting weights under another batch order it fell to "
        f"{ratio:.2f}x ({fmt(ratio * constant)} vs {fmt(constant)}): the model starts on a "
        "plateau that it leaves late under some orders; train longer, or a higher rate or "
        "another initializer leaves it sooner",
        {"stall_ratio": stats.end / constant, "other_order_ratio": ratio, "steps": stats.n},
        0.4,
    )
