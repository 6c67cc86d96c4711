"""`check_training` and `check_step`: train briefly, judge the loss curve, explain failures."""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from pytest_lrcheck.runtime.budget import Budget, BudgetSpent
from pytest_lrcheck.runtime.detectors.curve import judge_curve
from pytest_lrcheck.runtime.detectors.reference import UNKNOWN, for_classes
from pytest_lrcheck.runtime.determinism import uncontrolled_randomness
from pytest_lrcheck.runtime.diagnose import Diagnosis, diagnose
from pytest_lrcheck.runtime.evidence import Evidence
from pytest_lrcheck.runtime.held_out import evaluate, read_validation_data
from pytest_lrcheck.runtime.loop import RunRecord
from pytest_lrcheck.runtime.nan_origin import locate
from pytest_lrcheck.runtime.report import NonFiniteOrigin, Symptom, TrainingReport
from pytest_lrcheck.runtime.session import Session, open_session
from pytest_lrcheck.runtime.state import seeded
from pytest_lrcheck.runtime.validate import check_options
from pytest_lrcheck.runtime.verdict import caution, conclude, judge, stop_when_certain

VALIDATION_POINTS = 10
Validation = tuple[Any, ...]


@dataclass
class _Progress:
    """What a check has found so far.  The training fills it in the worker; the caller reads
    it when the worker is done, or at the deadline when it stops waiting."""

    record: RunRecord = field(default_factory=RunRecord)
    val_losses: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    found: list[Symptom] | None = None  # the verdict's symptoms, once judged
    warnings: tuple[Symptom, ...] = ()  # a healthy run's warnings
    diagnosis: Diagnosis | None = None  # under way, once the verdict is unhealthy
    non_finite: NonFiniteOrigin | None = None  # where a non-finite loss started
    stage: str = "the training run"


def check_training(
    model: Any,
    x: Any,
    y: Any = None,
    *,
    steps: int = 200,
    batch_size: int = 32,
    validation_data: Any = None,
    seed: int = 0,
    max_seconds: float = 60.0,
    sample_weight: Any = None,
    class_weight: Any = None,
    clone: bool | None = None,
) -> TrainingReport:
    """Train ``model`` for ``steps`` batches of ``x``/``y`` and judge its loss curve.

    The model trains through its own train step and is then put back bit for bit: weights,
    non-trainable state, optimizer and metric variables (see `runtime.model_state`).  ``x``
    may be a tf.data.Dataset of (x, y) batches.  Global random state, floatx and the dtype
    policy are restored afterwards.  ``sample_weight``, ``class_weight`` and a third item of
    ``validation_data`` weigh the loss as in ``fit``.  ``clone`` is accepted for older callers
    and ignored: the model is always left as it was.  ``max_seconds`` bounds the whole
    check: see `pytest_lrcheck.runtime.budget` for what exactly it guarantees.
    """
    if clone is not None:
        warnings.warn(
            "check_training(clone=...) is ignored: the check trains the model itself and puts "
            "every variable back afterwards",
            DeprecationWarning,
            stacklevel=2,
        )
    with open_session(
        model,
        x,
        y,
        steps=steps,
        batch_size=batch_size,
        seed=seed,
        max_seconds=max_seconds,
        sample_weight=sample_weight,
        class_weight=class_weight,
    ) as session:
        validation = read_validation_data(session, validation_data)
        # What no seed of the check controls is named, so a rerun that differs is explained.
        uncontrolled = uncontrolled_randomness(x, int(seed))
        progress = _Progress()
        try:
            session.budget.run(lambda: _train_and_judge(session, progress, steps, validation))
            cut = False
        except BudgetSpent:
            cut = True
        report = _report(session, progress, steps, seed, cut, validation is not None)
        return replace(report, notes=(*report.notes, *uncontrolled)) if uncontrolled else report


def _train_and_judge(
    session: Session, progress: _Progress, steps: int, validation: Validation | None
) -> None:
    try:
        _train(session, progress, steps, validation)
    finally:
        session.trainer.release_traces()


def _train(
    session: Session, progress: _Progress, steps: int, validation: Validation | None
) -> None:
    trainer = session.trainer
    start = trainer.snapshot()
    run = trainer.run(
        iter(session.batches),
        steps,
        every=max(1, steps // VALIDATION_POINTS) if validation else None,
        on_every=(
            (lambda: evaluate(session, validation, progress.val_losses, progress.val_accuracy))
            if validation
            else None
        ),
        record=progress.record,
        stop=stop_when_certain(session),  # at a verdict more steps cannot change
    )
    if run.losses and not math.isfinite(run.losses[-1]):
        progress.stage = "the search for where NaN/Inf started"
        progress.non_finite = locate(
            trainer,
            session.batches,
            start,
            run.losses,
            session.budget,
            progress.record.offending,
        )
    evidence = Evidence(session, run, start, steps, progress.non_finite)
    progress.stage = "the probes of the trained model"
    found = judge(evidence)
    progress.found = found
    if not found:
        progress.warnings = caution(evidence)
    if found:
        progress.stage = "the diagnosis"
        progress.diagnosis = Diagnosis(symptoms=list(found))
        diagnose(evidence, progress.diagnosis)


def _report(
    session: Session, progress: _Progress, steps: int, seed: int, cut: bool, validated: bool
) -> TrainingReport:
    """The report from what the check found, whole or cut short by the time budget."""
    run = progress.record.result(gradients=session.trainer.has_gradients)
    found = progress.found
    if found is None:  # cut before the verdict: judge the curve so far, without probes
        found = judge_curve(run.losses, session.reference)
    causes, notes = list(found), []
    if progress.diagnosis is not None:
        causes, notes = list(progress.diagnosis.symptoms), list(progress.diagnosis.notes)
    if cut:
        notes.append(f"the time budget ran out during {progress.stage}")
    count = len(progress.val_losses)
    report = conclude(
        run.losses,
        found,
        session.reference,
        source="check_training",
        seconds=time.perf_counter() - session.started,
        causes=causes,
        over_budget=cut or run.budget_exceeded,
        notes=notes,
        steps_requested=steps,
        learning_rate=session.facts.learning_rate,
        seed=seed,
        val_losses=progress.val_losses[:count] if validated else None,
        val_accuracy=(
            progress.val_accuracy[:count] if validated and progress.val_accuracy else None
        ),
        warnings=progress.warnings,
    )
    return replace(report, non_finite=progress.non_finite)


def check_step(
    step: Callable[[], Any],
    *,
    steps: int = 200,
    seed: int = 0,
    max_seconds: float = 60.0,
    n_classes: int | None = None,
) -> TrainingReport:
    """Judge a custom training loop: ``step()`` trains one batch and returns its loss.

    Only the loss curve is judged (LRC501-LRC505); pass ``n_classes`` for a classifier so
    the loss can be compared with chance level (balanced classes assumed).  No step starts
    when the slowest recent one says it would end after ``max_seconds``; a step that runs
    longer than predicted is waited for, since it trains the caller's own model.
    """
    if not callable(step):
        raise TypeError(f"step must be a callable returning the batch loss, got {type(step)!r}")
    check_options(steps=steps, seed=seed, max_seconds=max_seconds)
    if n_classes is not None and (
        isinstance(n_classes, bool) or not isinstance(n_classes, int) or n_classes < 2
    ):
        raise ValueError(f"n_classes must be an integer of at least 2, got {n_classes!r}")
    reference = for_classes(n_classes) if n_classes else UNKNOWN
    started = time.perf_counter()
    # The user's step trains the user's model: it runs here, never abandoned in a worker.
    budget = Budget(started + max_seconds, abandonable=False)
    losses: list[float] = []
    over_budget = False
    with seeded(int(seed)):
        for index in range(steps):
            began = time.perf_counter()
            if index and began + budget.step_cost() > budget.deadline:
                over_budget = True
                break
            losses.append(_as_loss(step(), index))
            budget.record_step(time.perf_counter() - began)
            if not math.isfinite(losses[-1]):
                break
    return conclude(
        losses,
        judge_curve(losses, reference),
        reference,
        source="check_step",
        seconds=time.perf_counter() - started,
        over_budget=over_budget,
        steps_requested=steps,
        seed=seed,
    )


def _as_loss(value: Any, index: int) -> float:
    if hasattr(value, "numpy"):
        value = value.numpy()
    array = None
    # None (a step that forgot its ``return``) and text would read as NaN: not a loss at all.
    if value is not None and not isinstance(value, (str, bytes)):
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            array = None
    if array is None or array.size != 1:
        raise TypeError(
            f"step() must return the batch loss as one number; step {index} returned "
            f"{type(value).__name__} {value!r:.60}"
        )
    return float(array.reshape(()))
