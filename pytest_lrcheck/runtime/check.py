"""`check_training` and `check_step`: train briefly, judge the loss curve, explain failures."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from pytest_lrcheck.runtime.detectors.curve import MIN_STEPS, judge_curve, verdict_step
from pytest_lrcheck.runtime.detectors.mismatch import config_mismatch, outputs_contradict_loss
from pytest_lrcheck.runtime.detectors.reference import UNKNOWN, for_classes
from pytest_lrcheck.runtime.probes import summarize_predictions
from pytest_lrcheck.runtime.report import Symptom, TrainingReport
from pytest_lrcheck.runtime.validate import check_options

VALIDATION_POINTS = 10


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
    clone: bool = True,
) -> TrainingReport:
    """Train ``model`` for ``steps`` batches of ``x``/``y`` and judge its loss curve.

    By default a clone with the same weights and a fresh optimizer of the same config
    trains, so the model and its optimizer state are untouched (``clone=False`` trains the
    model itself).  ``x`` may be a tf.data.Dataset of (x, y) batches.  Global random state,
    floatx and the dtype policy are restored afterwards.
    """
    from pytest_lrcheck.runtime.diagnose import diagnose, rank
    from pytest_lrcheck.runtime.session import open_session

    with open_session(
        model,
        x,
        y,
        steps=steps,
        batch_size=batch_size,
        seed=seed,
        max_seconds=max_seconds,
        clone=clone,
    ) as session:
        validation = _validation(session, validation_data)
        trainer = session.trainer
        start = trainer.snapshot()
        val_losses: list[float] = []
        val_accuracy: list[float] = []
        run = trainer.run(
            iter(session.batches),
            steps,
            session.deadline,
            every=max(1, steps // VALIDATION_POINTS) if validation else None,
            on_every=(lambda: _evaluate(session, validation, val_losses, val_accuracy))
            if validation
            else None,
        )
        probe_x, probe_y = session.probe[0], session.probe[1]
        predictions = summarize_predictions(np.asarray(session.model(probe_x, training=False)))
        found = judge_curve(run.losses, session.reference, predictions.constant)
        finite = bool(run.losses) and math.isfinite(run.losses[-1])
        if finite and not found and config_mismatch(session.facts) is not None:
            # Only a mismatched pair can make the outputs disagree with the loss.
            probe_loss, _ = trainer.evaluate(probe_x, probe_y)
            contradiction = outputs_contradict_loss(session.facts, predictions, probe_y, probe_loss)
            found += [contradiction] if contradiction is not None else []
        inconclusive = run.budget_exceeded and run.steps_run < MIN_STEPS and not found
        notes: list[str] = []
        symptoms: tuple[Symptom, ...] = ()
        if found:
            diagnosis = diagnose(session, run, start, found, steps)
            symptoms, notes = rank(diagnosis.symptoms), diagnosis.notes
        return TrainingReport(
            healthy=not found and not inconclusive,
            symptoms=symptoms,
            losses=run.losses,
            val_losses=tuple(val_losses) if validation else None,
            val_accuracy=tuple(val_accuracy) if validation and val_accuracy else None,
            steps_run=run.steps_run,
            seconds=time.perf_counter() - session.started,
            budget_exceeded=run.budget_exceeded,
            steps_requested=steps,
            learning_rate=session.facts.learning_rate,
            seed=seed,
            verdict_step=_verdict_step(run.losses, found, session.reference),
            chance_loss=session.reference.constant if session.reference.n_classes else None,
            source="check_training",
            notes=tuple(notes),
        )


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
    the loss can be compared with chance level (balanced classes assumed).
    """
    from pytest_lrcheck.runtime.state import seeded

    if not callable(step):
        raise TypeError(f"step must be a callable returning the batch loss, got {type(step)!r}")
    check_options(steps=steps, seed=seed, max_seconds=max_seconds)
    if n_classes is not None and (
        isinstance(n_classes, bool) or not isinstance(n_classes, int) or n_classes < 2
    ):
        raise ValueError(f"n_classes must be an integer of at least 2, got {n_classes!r}")
    reference = for_classes(n_classes) if n_classes else UNKNOWN
    started = time.perf_counter()
    losses: list[float] = []
    over_budget = False
    with seeded(int(seed)):
        for index in range(steps):
            losses.append(_as_loss(step(), index))
            if not math.isfinite(losses[-1]):
                break
            if time.perf_counter() - started > max_seconds and index + 1 < steps:
                over_budget = True
                break
    found = judge_curve(losses, reference)
    inconclusive = over_budget and len(losses) < MIN_STEPS and not found
    return TrainingReport(
        healthy=not found and not inconclusive,
        symptoms=tuple(sorted(found, key=lambda s: -s.confidence)),
        losses=tuple(losses),
        steps_run=len(losses),
        seconds=time.perf_counter() - started,
        budget_exceeded=over_budget,
        steps_requested=steps,
        seed=seed,
        verdict_step=_verdict_step(tuple(losses), found, reference),
        chance_loss=reference.constant,
        source="check_step",
    )


def _as_loss(value: Any, index: int) -> float:
    if hasattr(value, "numpy"):
        value = value.numpy()
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


def _validation(session: Any, validation_data: Any) -> tuple[Any, Any] | None:
    if validation_data is None:
        return None
    from pytest_lrcheck.runtime.batches import DatasetBatches
    from pytest_lrcheck.runtime.validate import as_arrays, check_arrays, is_dataset

    if is_dataset(validation_data):
        rows = DatasetBatches(validation_data.take(1)).head(1)[0]
        return rows[0], rows[1]
    if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
        raise ValueError("validation_data must be an (x_val, y_val) pair or a tf.data.Dataset")
    n_inputs = len(getattr(session.model, "inputs", None) or [None])
    x_val = as_arrays(validation_data[0], "validation x", n_inputs)
    y_val = as_arrays(validation_data[1], "validation y")
    check_arrays(x_val, y_val)
    return x_val, y_val


def _evaluate(session: Any, validation: Any, losses: list[float], accuracy: list[float]) -> None:
    x_val, y_val = validation
    loss, predictions = session.trainer.evaluate(x_val, y_val)
    losses.append(loss)
    correct = _accuracy(session.facts, predictions, np.asarray(y_val))
    if correct is not None:
        accuracy.append(correct)


def _accuracy(facts: Any, predictions: np.ndarray, y: np.ndarray) -> float | None:
    if facts.loss == "categorical_crossentropy" and y.shape == predictions.shape:
        return float(np.mean(predictions.argmax(-1) == y.argmax(-1)))
    if facts.loss == "sparse_categorical_crossentropy":
        return float(np.mean(predictions.argmax(-1) == y.reshape(-1)))
    if facts.loss == "binary_crossentropy" and y.size == predictions.size:
        threshold = 0.0 if facts.from_logits else 0.5
        guess = (predictions.reshape(-1) > threshold).astype(np.float64)
        return float(np.mean(guess == y.reshape(-1)))
    return None


def _verdict_step(losses: Any, found: list[Symptom], reference: Any) -> int | None:
    verdicts = [
        s.code for s in found if s.code in ("LRC501", "LRC502", "LRC503", "LRC504", "LRC505")
    ]
    if not verdicts:
        return len(losses) - 1 if found and losses else None
    return min(verdict_step(losses, code, reference) for code in verdicts)
