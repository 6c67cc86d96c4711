"""The one verdict path: rank the symptoms, find the verdict step, build the `TrainingReport`.

`check_training`, `check_step` and `LossWatcher` all end in `conclude`, so a report means the
same whichever of them wrote it.  The verdict itself rests on the loss curve
(`detectors.curve`), which every kind of check has.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pytest_lrcheck.runtime.codes import VERDICT_CODES
from pytest_lrcheck.runtime.detectors import curve
from pytest_lrcheck.runtime.detectors.reference import LossReference
from pytest_lrcheck.runtime.report import Symptom, TrainingReport


def rank(symptoms: Iterable[Symptom]) -> tuple[Symptom, ...]:
    """Most likely cause first; ties keep the order the evidence was gathered in."""
    return tuple(sorted(symptoms, key=lambda symptom: -symptom.confidence))


def decided_at(
    losses: Sequence[float], found: Sequence[Symptom], reference: LossReference
) -> int | None:
    """The step from which the curve showed the verdict for good; the last step when only the
    trained model showed it; None for a healthy run."""
    codes = [symptom.code for symptom in found if symptom.code in VERDICT_CODES]
    if not codes:
        return len(losses) - 1 if found and losses else None
    return min(curve.verdict_step(losses, code, reference) for code in codes)


def conclude(
    losses: Sequence[float],
    found: Sequence[Symptom],
    reference: LossReference,
    *,
    source: str,
    seconds: float,
    causes: Sequence[Symptom] | None = None,
    over_budget: bool = False,
    notes: Sequence[str] = (),
    steps_requested: int | None = None,
    learning_rate: float | None = None,
    seed: int | None = None,
    val_losses: Sequence[float] | None = None,
    val_accuracy: Sequence[float] | None = None,
) -> TrainingReport:
    """The report of a check whose verdict rests on ``found`` (empty: healthy).

    ``causes`` are the verdict's symptoms with what the diagnosis added to explain them
    (``found`` alone by default); they are ranked here.  A run the time budget cut before
    `curve.MIN_STEPS` steps, with nothing found, is inconclusive: not healthy, and no causes.
    """
    inconclusive = over_budget and len(losses) < curve.MIN_STEPS and not found
    return TrainingReport(
        healthy=not found and not inconclusive,
        symptoms=rank(found if causes is None else causes) if found else (),
        losses=tuple(losses),
        val_losses=None if val_losses is None else tuple(val_losses),
        val_accuracy=None if val_accuracy is None else tuple(val_accuracy),
        steps_run=len(losses),
        seconds=seconds,
        budget_exceeded=over_budget,
        steps_requested=steps_requested,
        learning_rate=learning_rate,
        seed=seed,
        verdict_step=decided_at(losses, found, reference),
        chance_loss=reference.constant if reference.n_classes else None,
        source=source,
        notes=tuple(notes),
    )
