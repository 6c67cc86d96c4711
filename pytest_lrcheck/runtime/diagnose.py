"""Explain an unhealthy run: gather evidence for each likely cause, cheapest first.

Reading the data, the model and the recorded gradients costs nothing; probing the trained
model costs one eager pass; the learning-rate range test, the run at a tenth of the rate and
the small-batch overfit test each retrain from the starting weights, and run only while the
time budget lasts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pytest_lrcheck.runtime.detectors import data, learning_rate, mismatch, units
from pytest_lrcheck.runtime.detectors.curve import judge_curve
from pytest_lrcheck.runtime.loop import RunResult, Snapshot
from pytest_lrcheck.runtime.lr_range import sweep
from pytest_lrcheck.runtime.probes import layer_activity, layer_gradients
from pytest_lrcheck.runtime.report import Symptom
from pytest_lrcheck.runtime.session import Session

RERUN_STEPS = 100
OVERFIT_STEPS = 100


@dataclass
class Diagnosis:
    symptoms: list[Symptom] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, symptom: Symptom | None) -> None:
        if symptom is not None and symptom.code not in {s.code for s in self.symptoms}:
            self.symptoms.append(symptom)


def diagnose(
    session: Session, run: RunResult, start: Snapshot, diagnosis: Diagnosis, steps: int
) -> None:
    """Add the evidence for each likely cause to ``diagnosis`` (which holds the verdict's
    symptoms), cheapest first, as far as the time budget allows."""
    facts, reference = session.facts, session.reference
    probe_x, probe_y = session.probe[0], session.probe[1]
    diagnosis.add(data.unscaled_inputs(data.input_scale(session.batches.sample_x()), facts))
    diagnosis.add(mismatch.mismatch_symptom(facts, session.labels))
    if run.losses:
        diagnosis.add(data.implausible_initial_loss(run.losses[0], reference))
    diagnosis.add(units.exploding(run.grad_norms))
    if _time_for(session, session.probe_cost(), diagnosis, "unit activity probe"):
        activity = layer_activity(session.model, probe_x)
        n_probe = int(np.shape(_first(probe_x))[0])
        diagnosis.add(units.dead_relu(activity, n_probe))
        diagnosis.add(units.saturated(activity))
    # A gradient needs a forward and a backward pass: about three forward passes.
    if "LRC507" not in {s.code for s in diagnosis.symptoms} and _time_for(
        session, 3 * session.probe_cost(), diagnosis, "gradient probe"
    ):
        diagnosis.add(units.vanishing(layer_gradients(session.model, probe_x, probe_y)))
    _reruns(session, run, start, steps, diagnosis)


def _reruns(
    session: Session, run: RunResult, start: Snapshot, steps: int, diagnosis: Diagnosis
) -> None:
    facts, trainer = session.facts, session.trainer
    rate = facts.learning_rate
    if not trainer.has_gradients or rate is None or facts.lr_schedule:
        diagnosis.notes.append(
            "learning-rate diagnostics skipped: they need a constant learning rate and "
            "Keras' default train_step"
        )
        return
    step = session.budget.step_cost()
    rerun_steps = min(steps, RERUN_STEPS)
    codes = {s.code for s in diagnosis.symptoms}
    after = trainer.snapshot() if not session.cloned else None
    try:
        if _time_for(session, step * rerun_steps, diagnosis, "range test"):
            result = sweep(
                trainer,
                session.batches,
                min(1e-6, rate / 1e3),
                max(10.0, rate * 10),
                rerun_steps,
                session.deadline,
                start,
            )
            diagnosis.add(learning_rate.too_high(rate, result))
            if "LRC503" in codes:
                diagnosis.add(learning_rate.too_low(rate, result))
            # Overfitting wants a brisk rate: a third of the sweep's best, when any rate learned.
            best = result.min_loss_lr
            overfit_rate = best / 3 if best is not None and result.learned else rate
        else:
            overfit_rate = rate
        if _time_for(session, step * rerun_steps, diagnosis, "run at a tenth of the rate"):
            trainer.restore(start)
            trainer.optimizer.learning_rate.assign(rate / 10)
            lower = trainer.run(iter(session.batches), rerun_steps)
            healthy = not judge_curve(lower.losses, session.reference)
            diagnosis.add(
                learning_rate.scales_with_rate(
                    rate, run.losses[:rerun_steps], lower.losses, session.reference
                )
            )
            if healthy:
                learning_rate.note_lower_rate_heals(diagnosis.symptoms, rate / 10)
        if _time_for(session, step * OVERFIT_STEPS, diagnosis, "small-batch overfit test"):
            trainer.restore(start)
            trainer.optimizer.learning_rate.assign(overfit_rate)
            batch = next(iter(session.batches))
            repeated = itertools.repeat(batch)
            small = trainer.run(repeated, OVERFIT_STEPS)
            diagnosis.add(learning_rate.cannot_overfit(small.losses, overfit_rate, session))
    finally:
        # An abandoned run trains a private copy that nobody reads again: leave it.
        if not session.budget.abandoned:
            trainer.restore(after if after is not None else start)
            trainer.optimizer.learning_rate.assign(rate)


def _time_for(session: Session, seconds: float, diagnosis: Diagnosis, what: str) -> bool:
    if session.budget.allows(seconds * 1.2 + 0.2):
        return True
    note = f"{what} skipped: the time budget is spent"
    if note not in diagnosis.notes and not session.budget.abandoned:
        diagnosis.notes.append(note)
    return False


def _first(value: Any) -> Any:
    if isinstance(value, dict):
        return next(iter(value.values()))
    if isinstance(value, (list, tuple)):
        return value[0]
    return value
