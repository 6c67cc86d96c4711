"""The evidence of one check: what it knows about its run, gathered lazily and once.

Some evidence is free (the data, the model's configuration, the recorded loss curve and
gradient norms); the rest costs time: passes of the trained model over the probe batch, and
retraining from the starting weights (`runtime.reruns`).  Each piece is declared once as a
`Probe`, with its cost predicted from the steps timed so far, and gathered on first use, only
when the time budget has room for it; after that every reader gets the same value.  The
verdict (`runtime.verdict`) and the diagnosis (`runtime.diagnose`) read the same `Evidence`, so
no probe runs twice in one check.
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Generic, TypeVar, cast

import numpy as np

from pytest_lrcheck.runtime import probes
from pytest_lrcheck.runtime.batches import first_array
from pytest_lrcheck.runtime.budget import Budget
from pytest_lrcheck.runtime.detectors import data, mismatch
from pytest_lrcheck.runtime.detectors.curve_stats import CurveStats, curve_stats
from pytest_lrcheck.runtime.detectors.reference import LossReference
from pytest_lrcheck.runtime.loop import RunResult, Snapshot
from pytest_lrcheck.runtime.model_facts import ModelFacts
from pytest_lrcheck.runtime.report import NonFiniteOrigin
from pytest_lrcheck.runtime.session import Session

T = TypeVar("T")

RERUN_STEPS = 100  # the longest a diagnostic rerun trains (the range test, the lower rate)
CANNOT_RETRAIN = "learning-rate diagnostics skipped: they need a constant learning rate"


@dataclass(frozen=True)
class Probe(Generic[T]):
    """One piece of evidence and how to gather it.

    ``name`` is how a note names it when the time budget leaves no room ("unit activity
    probe skipped: ...").  ``cost`` predicts its seconds from the check's timed steps; None
    means free: it reads only what the check already holds, and is never refused.
    ``retrains``: it trains the model again from its starting weights, which only a model
    with a constant learning rate and Keras' own training step allows (`cannot_retrain`).
    """

    name: str
    gather: Callable[[Evidence], T]
    cost: Callable[[Evidence], float] | None = None
    retrains: bool = False


class Evidence:
    """Everything one check knows about its run; probes are gathered on first use."""

    def __init__(
        self,
        session: Session,
        run: RunResult,
        start: Snapshot,
        steps: int,
        non_finite: NonFiniteOrigin | None = None,
    ) -> None:
        self.session = session
        self.run = run
        # Where a non-finite loss started (`runtime.nan_origin`), when the run went so.
        self.non_finite = non_finite
        self.start = start  # the weights and optimizer state the run started from
        self.steps = steps  # the steps the caller asked for
        self.gathered: collections.Counter[str] = collections.Counter()
        self._values: dict[str, Any] = {}
        self._end_state: Snapshot | None = None  # the model as the run left it
        self._moved = False

    @property
    def facts(self) -> ModelFacts:
        return self.session.facts

    @property
    def reference(self) -> LossReference:
        return self.session.reference

    @property
    def budget(self) -> Budget:
        return self.session.budget

    @property
    def probe_x(self) -> Any:
        return self.session.probe[0]

    @property
    def probe_y(self) -> Any:
        return self.session.probe[1]

    @property
    def probe_rows(self) -> int:
        return int(np.shape(first_array(self.probe_x))[0])

    @cached_property
    def loss_curve(self) -> CurveStats | None:
        """Statistics of the run's loss curve; None when it is too short or not finite."""
        return curve_stats(self.run.losses)

    def get(self, probe: Probe[T]) -> T | None:
        """The probe's value: gathered now if this is its first use and the time budget has
        room for it, else None (never cached: nothing was learned)."""
        if probe.name in self._values:
            return cast(T, self._values[probe.name])
        if probe.cost is not None and not self.budget.allows(probe.cost(self)):
            return None
        value = probe.gather(self)
        self._values[probe.name] = value
        self.gathered[probe.name] += 1
        return value

    def has(self, probe: Probe[Any]) -> bool:
        """Whether the probe was gathered already (reading it again is free)."""
        return probe.name in self._values

    def peek(self, probe: Probe[T]) -> T | None:
        """The probe's value if some reader gathered it; never gathers it."""
        return cast("T | None", self._values.get(probe.name))

    # Retraining from the starting weights, for the diagnostic reruns.

    @property
    def cannot_retrain(self) -> str | None:
        """Why reruns cannot run, or None: they set the learning rate."""
        facts = self.facts
        if facts.learning_rate is None or facts.lr_schedule:
            return CANNOT_RETRAIN
        return None

    @property
    def rerun_steps(self) -> int:
        return min(self.steps, RERUN_STEPS)

    @property
    def end_state(self) -> Snapshot | None:
        """The model as the run left it, once a rerun moved it away (else it is still there)."""
        return self._end_state

    def leave_end_state(self) -> None:
        """Before a rerun trains the model away from where the run left it: remember that
        state, to put it back (later probes read the trained model)."""
        if not self._moved:
            self._moved = True
            self._end_state = self.session.trainer.snapshot()

    def rewind(self, learning_rate: float | None) -> None:
        """The model back at its starting weights, with ``learning_rate`` (None: its own,
        a schedule restarting with the optimizer's step count), for a rerun."""
        self.leave_end_state()
        trainer = self.session.trainer
        trainer.restore(self.start)
        if learning_rate is not None:
            trainer.optimizer.learning_rate.assign(learning_rate)

    def settle(self) -> None:
        """After the reruns: the model as the run left it, at its own learning rate."""
        # An abandoned run is read by nobody again: leave it.
        if not self._moved or self.budget.abandoned:
            return
        trainer = self.session.trainer
        trainer.restore(self._end_state if self._end_state is not None else self.start)
        if self.cannot_retrain is None:  # a constant rate, which a rerun may have changed
            trainer.optimizer.learning_rate.assign(self.facts.learning_rate)
        self._moved = False


def _probe_cost(evidence: Evidence) -> float:
    """One pass of the model over the probe batch."""
    return evidence.session.probe_cost()


# Free: the data and the model's configuration.
INPUT_SCALE: Probe[data.InputScale | None] = Probe(
    "input statistics", lambda e: data.input_scale(e.session.batches.sample_x())
)
MISMATCH: Probe[tuple[str, str] | None] = Probe(
    "activation/loss pairing", lambda e: mismatch.config_mismatch(e.facts, e.session.labels)
)
ORDERED_LABELS = 32  # batches of a dataset read for the order of its labels


def _dataset_labels(e: Evidence) -> list[Any] | None:
    """The labels of a dataset's first batches, in the order training met them; None for
    arrays, which the check shuffles itself.  Reading them again is cheap: the training run
    already iterated the dataset this far."""
    head = getattr(e.session.batches, "head", None)
    if head is None:
        return None
    # No further than training went: a generator or PyDataset is read only as far as needed.
    count = max(1, min(ORDERED_LABELS, e.run.steps_run))
    return [batch[1] for batch in head(count) if len(batch) > 1]


DATASET_LABELS: Probe[list[Any] | None] = Probe("labels of the first batches", _dataset_labels)


def _weight_change(evidence: Evidence) -> probes.WeightChange:
    end = evidence.end_state or evidence.session.trainer.snapshot()
    model = evidence.session.model
    return probes.weight_change(model, evidence.start, end, evidence.run.steps_run)


# Free: the run's start against its end, both held in memory (no pass over any data).
WEIGHT_CHANGE: Probe[probes.WeightChange] = Probe("weight change", _weight_change)


def _penalty(evidence: Evidence) -> float | None:
    """The weight penalties (regularizers) the compiled loss adds, at the weights the run
    ended with; None for a model without any.  The recorded curve leaves them out."""
    model = evidence.session.model
    if not model.losses:
        return None
    import keras

    return float(sum(float(keras.ops.convert_to_numpy(p)) for p in model.losses))


# Free: a sum over the weights the model holds.
PENALTY: Probe[float | None] = Probe("weight penalty", _penalty)

# One pass over the probe batch each (a gradient: a forward and a backward pass, about three).
# The predictions of each output (`probes.summarize_outputs`): one for a model with one output.
PREDICTIONS: Probe[tuple[probes.Predictions, ...]] = Probe(
    "predictions of the trained model",
    lambda e: probes.summarize_outputs(e.session.trainer.predict_outputs(e.probe_x), e.facts),
    _probe_cost,
)
PROBE_LOSS: Probe[float] = Probe(
    "loss on the probe batch",
    lambda e: e.session.trainer.loss_on(e.probe_x, e.probe_y),
    _probe_cost,
)


def _output_losses(evidence: Evidence) -> dict[str, float]:
    """Each output's own loss on the probe batch, by the output's name (Keras logs it as
    ``<name>_loss``); {} for a model with one output."""
    logs = evidence.session.trainer.losses_on(evidence.probe_x, evidence.probe_y)
    named = ((name, logs.get(f"{name}_loss")) for name, _ in evidence.facts.outputs)
    return {name: value for name, value in named if value is not None}


OUTPUT_LOSSES: Probe[dict[str, float]] = Probe(
    "loss of each output on the probe batch", _output_losses, _probe_cost
)
ACTIVITY: Probe[tuple[probes.LayerActivity, ...]] = Probe(
    "unit activity probe",
    lambda e: probes.layer_activity(e.session.model, e.probe_x, e.facts),
    _probe_cost,
)
GRADIENTS: Probe[tuple[probes.LayerGradient, ...]] = Probe(
    "gradient probe",
    lambda e: probes.layer_gradients(e.session.model, e.probe_x, e.probe_y),
    lambda e: 3 * _probe_cost(e),
)
