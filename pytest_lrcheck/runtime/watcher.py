"""`LossWatcher`: a Keras callback that judges the batch losses of a real ``fit``.

Keras 3 hands ``on_train_batch_end`` the running mean of the loss over the epoch, which
hides spikes; the watcher recovers each batch's own loss from consecutive means
(n * mean_n - (n - 1) * mean_(n-1)) and judges the curve with the same detectors as
`check_training` (LRC501-LRC505).  Under ``compile(steps_per_execution=N)`` Keras calls back
once per N batches: a reading then covers N batches, whose mean loss it recovers the same way
and records once per batch it covers, so steps are counted in batches and a blow-up inside
the run keeps its length instead of being one point among a few.  This module imports Keras;
it is only imported on use.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Any

import keras
import numpy as np

from pytest_lrcheck.runtime.batches import in_order, take
from pytest_lrcheck.runtime.detectors.curve import BLOW_UP, judge_curve
from pytest_lrcheck.runtime.detectors.mismatch import config_mismatch
from pytest_lrcheck.runtime.detectors.non_finite import layer_not_finite
from pytest_lrcheck.runtime.detectors.not_decreasing import RAISE_RATE
from pytest_lrcheck.runtime.detectors.reference import (
    UNKNOWN,
    LossReference,
    for_classes,
    reference_of,
)
from pytest_lrcheck.runtime.model_facts import ModelFacts
from pytest_lrcheck.runtime.nan_origin import at_start
from pytest_lrcheck.runtime.report import NonFiniteOrigin, Symptom, TrainingReport
from pytest_lrcheck.runtime.verdict import conclude, rank
from pytest_lrcheck.runtime.warnings_tier import fit_order, input_scale, warnings_for


# Keras has no type information: its Callback base is `Any` to the type checker.
class LossWatcher(keras.callbacks.Callback):  # type: ignore[misc]
    """Record per-batch training losses during ``fit`` and judge them afterwards.

    ``n_classes`` sets the chance level for a classifier; by default it is read from the
    model's output units when it is compiled with a categorical cross-entropy.
    ``stop_on_nan`` stops training at the first non-finite loss (off by default: the
    watcher observes, it does not change the run).
    """

    def __init__(self, *, n_classes: int | None = None, stop_on_nan: bool = False) -> None:
        super().__init__()
        if n_classes is not None and (not isinstance(n_classes, int) or n_classes < 2):
            raise ValueError(f"n_classes must be an integer of at least 2, got {n_classes!r}")
        self.n_classes = n_classes
        self.stop_on_nan = stop_on_nan
        self.losses: list[float] = []
        self._seen = 0
        self._mean = 0.0
        self._started: float | None = None
        self._seconds = 0.0
        self._reference: LossReference = UNKNOWN
        self._learning_rate: float | None = None
        self._facts: ModelFacts | None = None
        self._fit_data: tuple[Any, Any, Any] | None = None  # x, y, labels in training order
        self._widest = 1  # the most batches one reading covered (steps_per_execution)
        self._first_width = 0  # the batches the first reading covered
        self._initial: float | None = None  # the first batch's loss, measured (see on_train_begin)
        self._batch_size = 32
        # A model with several outputs: each output's own batch losses, from its logged mean.
        self.output_losses: dict[str, list[float]] = {}
        self._output_means: dict[str, float] = {}
        self._at_start: NonFiniteOrigin | None = None  # see `_origin_at_start`

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._started = time.perf_counter()
        self._reference = self._read_reference()
        self._initial = self._initial_loss()
        self._at_start = self._origin_at_start()

    def _origin_at_start(self) -> NonFiniteOrigin | None:
        """A layer that turns the fit's first rows into NaN/Inf at the starting weights
        (LRC521), found before any step changes them: one tapped forward pass in inference
        mode, only when `observe_fit` saw arrays (the fit watch calls it).  A NaN loss later
        in the run is then named by the layer that makes it."""
        rows = None if self._fit_data is None else _head(self._fit_data[0], self._batch_size)
        # A model not built yet would be built by this pass: its weights drawn by it, not fit.
        if rows is None or self.model is None or not getattr(self.model, "built", False):
            return None
        try:
            return at_start(self.model, rows)
        except Exception:  # a model this pass cannot call: the watcher judges the curve alone
            return None

    def _initial_loss(self) -> float | None:
        """The untrained model's loss on the first rows the fit was given, when Keras reports
        once per several batches: the first reading is a mean that can hide a blow-up inside
        it, and this is where the curve starts.  Needs `observe_fit` (the fit watch calls it)
        and array data; one forward pass, in inference mode, that changes nothing."""
        executions = getattr(self.model, "steps_per_execution", 1)
        if self._fit_data is None or not isinstance(executions, int) or executions <= 1:
            return None
        x, y = self._fit_data[0], self._fit_data[1]
        if not isinstance(x, np.ndarray) or not isinstance(y, np.ndarray):
            return None
        rows = slice(0, self._batch_size)
        try:
            predicted = self.model(x[rows], training=False)
            loss = self.model.compute_loss(x=x[rows], y=y[rows], y_pred=predicted, training=False)
            value = float(keras.ops.convert_to_numpy(loss))
        except Exception:  # a model or backend that cannot score it here: the mean stands
            return None
        return value if math.isfinite(value) else None

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        # Keras resets its loss mean every epoch.
        self._seen, self._mean = 0, 0.0
        self._output_means = {}

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        if not logs or "loss" not in logs:
            return
        mean = float(logs["loss"])
        seen = int(batch) + 1
        # The last execution of an epoch may cover fewer batches than steps_per_execution,
        # while Keras still numbers it as a whole one.
        per_epoch = (self.params or {}).get("steps")
        if isinstance(per_epoch, int) and per_epoch > 0:
            seen = min(seen, per_epoch)
        steps = seen - self._seen
        if steps <= 0:  # a new epoch the callback did not announce
            self._seen, self._mean, steps = 0, 0.0, seen
        if math.isfinite(mean) and math.isfinite(self._mean):
            value = (seen * mean - self._seen * self._mean) / steps
        else:
            value = mean
        # One value per batch the reading covers: its batches' mean loss; the first batch of
        # the run, when measured, keeps its own loss and the others share the rest.
        if not self.losses and steps > 1 and self._initial is not None and math.isfinite(value):
            rest = (steps * value - self._initial) / (steps - 1)
            self.losses.extend([self._initial] + [rest] * (steps - 1))
        else:
            self.losses.extend([value] * steps)
        self._widest = max(self._widest, steps)
        if self._first_width == 0:
            self._first_width = steps
        self._record_outputs(logs, seen, steps)
        self._seen, self._mean = seen, mean
        if self._started is not None:
            self._seconds = time.perf_counter() - self._started
        if self.stop_on_nan and not math.isfinite(value) and self.model is not None:
            self.model.stop_training = True

    def _record_outputs(self, logs: dict[str, Any], seen: int, steps: int) -> None:
        """Each output's batch losses, recovered from its running mean (``<name>_loss``) as
        the total's are, so an unhealthy report can say which output's loss did what."""
        names = [name for name, _ in self._facts.outputs] if self._facts is not None else []
        for name in names:
            logged = logs.get(f"{name}_loss")
            if logged is None:
                continue
            mean = float(logged)
            before = self._output_means.get(name, 0.0) if seen > steps else 0.0
            finite = math.isfinite(mean) and math.isfinite(before)
            value = (seen * mean - (seen - steps) * before) / steps if finite else mean
            self.output_losses.setdefault(name, []).extend([value] * steps)
            self._output_means[name] = mean

    def observe_fit(
        self, x: Any, y: Any = None, *, batch_size: Any = None, shuffle: Any = True
    ) -> None:
        """What the watched ``fit`` trains on, so a healthy run can still warn about it
        (`pytest_lrcheck.runtime.warnings_tier`); the fit watch calls this for every fit."""
        self._fit_data = (x, y, fit_order(x, y, batch_size, shuffle))
        if isinstance(batch_size, int) and batch_size > 0:
            self._batch_size = batch_size

    @property
    def symptoms(self) -> tuple[Symptom, ...]:
        found = judge_curve(self.losses, self._reference)
        if self._fell_from_first_execution():
            # A loss that fell tenfold moved: a rate too low to move it is not the cause.
            found = [replace(s, message=s.message.replace(RAISE_RATE, "")) for s in found]
        return rank(found)

    def _fell_from_first_execution(self) -> bool:
        """Whether the first reading covered several batches and sits tenfold or more above
        where the run ends: the batches inside it may have blown up from a sane start, which
        the mean of the execution cannot tell from a poor start."""
        first = self._first_width
        if first <= 1 or self._initial is not None or len(self.losses) < 2 * first:
            return False
        end = float(np.median(self.losses[-max(first, len(self.losses) // 5) :]))
        start = self.losses[0]
        return math.isfinite(start) and math.isfinite(end) and start >= BLOW_UP * max(end, 0.0)

    @property
    def warnings(self) -> tuple[Symptom, ...]:
        """What the fit's data and model warn about, for a healthy run; empty unless
        `observe_fit` was called (an unhealthy run lists them among its causes)."""
        return () if self.symptoms else self._findings()

    def report(self) -> TrainingReport:
        found, findings = self.symptoms, self._findings()
        origin = self._non_finite_origin()
        layer = layer_not_finite(origin)
        report = conclude(
            self.losses,
            found,
            self._reference,
            source="LossWatcher",
            seconds=self._seconds,
            causes=[*found, *([layer] if layer else []), *findings],
            learning_rate=self._learning_rate,
            warnings=findings,
            notes=self._notes(),
        )
        return replace(report, non_finite=origin) if origin is not None else report

    def _non_finite_origin(self) -> NonFiniteOrigin | None:
        """Where a non-finite loss of the run started, when the pass before the first step
        found a layer that makes NaN/Inf of the fit's own rows."""
        if self._at_start is None or all(math.isfinite(v) for v in self.losses):
            return None
        return self._at_start

    def _notes(self) -> list[str]:
        notes = self._output_notes()
        if self._widest <= 1:
            return notes
        notes += [
            f"Keras reported the loss once per {self._widest} batches (steps_per_execution): "
            "each step of the curve is the mean loss of the batches of its execution"
        ]
        if self._fell_from_first_execution():
            notes.append(
                f"the first {self._first_width} batches already averaged a loss of "
                f"{self.losses[0]:.3g}, tenfold where the run ends: the loss may have blown up "
                "inside them (lower the learning rate), or started far off (scale the inputs, "
                "check the output activation); call watcher.observe_fit(x, y) before fit, or "
                "compile with steps_per_execution=1, to see where it started"
            )
        return notes

    def _output_notes(self) -> list[str]:
        """For an unhealthy run of a model with several outputs: where each output's own
        loss went, so the output behind the total's problem is named."""
        if not self.output_losses or not self.symptoms:
            return []
        parts = []
        for name, values in self.output_losses.items():
            if len(values) < 2:
                continue
            head = float(np.median(values[: max(1, len(values) // 20)]))
            tail = float(np.median(values[-max(1, len(values) // 5) :]))
            parts.append(f"output {name!r} {head:.3g} -> {tail:.3g}")
        if not parts:
            return []
        return ["loss per output (first batches -> last fifth): " + ", ".join(parts)]

    def _findings(self) -> tuple[Symptom, ...]:
        if self._fit_data is None or self._facts is None:
            return ()
        x, y, ordered = self._fit_data
        labels: Any = y if isinstance(y, np.ndarray) else None
        if self._facts.outputs and isinstance(y, (dict, list, tuple)):
            labels = y  # one array per output, judged per output
        return warnings_for(
            self._facts,
            pairing=config_mismatch(self._facts, labels),
            scale=input_scale(x),
            y=labels,
            ordered=ordered,
            order_source="fit trains on (shuffle=False)",
        )

    def _read_reference(self) -> LossReference:
        if self.n_classes is not None:
            return for_classes(self.n_classes)
        model = self.model
        if model is None:
            return UNKNOWN
        from pytest_lrcheck.runtime.model_facts import read_model_facts

        try:
            facts = read_model_facts(model)
        except Exception:
            return UNKNOWN  # a model we cannot read is still watched, without a chance level
        self._learning_rate = facts.learning_rate
        self._facts = facts
        # The labels the fit trains on, when `observe_fit` saw them as arrays: the reference
        # then follows from them as a check's does (a model with several outputs has none
        # otherwise); without them, balanced classes are assumed.
        if self._fit_data is not None:
            reference = reference_of(facts, self._fit_data[1])
            if reference.known:
                return reference
        if facts.n_classes is not None and facts.n_classes >= 2 and facts.label_smoothing == 0:
            return for_classes(facts.n_classes)
        return UNKNOWN


def _head(x: Any, rows: int) -> Any:
    """The first ``rows`` rows of a fit's ``x``: an array, or a dict, list or tuple of
    arrays; None for anything else (a dataset, a generator: reading it would consume it)."""
    parts = in_order(x, [])
    if not parts or not all(isinstance(part, np.ndarray) for part in parts):
        return None
    return take(list(x) if isinstance(x, tuple) else x, slice(0, rows))
