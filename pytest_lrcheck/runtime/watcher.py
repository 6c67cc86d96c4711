"""`LossWatcher`: a Keras callback that judges the batch losses of a real ``fit``.

Keras 3 hands ``on_train_batch_end`` the running mean of the loss over the epoch, which
hides spikes; the watcher recovers each batch's own loss from consecutive means
(n * mean_n - (n - 1) * mean_(n-1)) and judges the curve with the same detectors as
`check_training` (LRC501-LRC505).  This module imports Keras; it is only imported on use.
"""

from __future__ import annotations

import math
import time
from typing import Any

import keras
import numpy as np

from pytest_lrcheck.runtime.detectors.curve import judge_curve
from pytest_lrcheck.runtime.detectors.mismatch import config_mismatch
from pytest_lrcheck.runtime.detectors.reference import UNKNOWN, LossReference, for_classes
from pytest_lrcheck.runtime.model_facts import ModelFacts
from pytest_lrcheck.runtime.report import Symptom, TrainingReport
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

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._started = time.perf_counter()
        self._reference = self._read_reference()

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        # Keras resets its loss mean every epoch.
        self._seen, self._mean = 0, 0.0

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        if not logs or "loss" not in logs:
            return
        mean = float(logs["loss"])
        seen = int(batch) + 1
        steps = seen - self._seen
        if steps <= 0:  # a new epoch the callback did not announce
            self._seen, self._mean, steps = 0, 0.0, seen
        if math.isfinite(mean) and math.isfinite(self._mean):
            value = (seen * mean - self._seen * self._mean) / steps
        else:
            value = mean
        self.losses.append(value)
        self._seen, self._mean = seen, mean
        if self._started is not None:
            self._seconds = time.perf_counter() - self._started
        if self.stop_on_nan and not math.isfinite(value) and self.model is not None:
            self.model.stop_training = True

    def observe_fit(
        self, x: Any, y: Any = None, *, batch_size: Any = None, shuffle: Any = True
    ) -> None:
        """What the watched ``fit`` trains on, so a healthy run can still warn about it
        (`pytest_lrcheck.runtime.warnings_tier`); the fit watch calls this for every fit."""
        self._fit_data = (x, y, fit_order(x, y, batch_size, shuffle))

    @property
    def symptoms(self) -> tuple[Symptom, ...]:
        return rank(judge_curve(self.losses, self._reference))

    @property
    def warnings(self) -> tuple[Symptom, ...]:
        """What the fit's data and model warn about, for a healthy run; empty unless
        `observe_fit` was called (an unhealthy run lists them among its causes)."""
        return () if self.symptoms else self._findings()

    def report(self) -> TrainingReport:
        found, findings = self.symptoms, self._findings()
        return conclude(
            self.losses,
            found,
            self._reference,
            source="LossWatcher",
            seconds=self._seconds,
            causes=[*found, *findings],
            learning_rate=self._learning_rate,
            warnings=findings,
        )

    def _findings(self) -> tuple[Symptom, ...]:
        if self._fit_data is None or self._facts is None:
            return ()
        x, y, ordered = self._fit_data
        labels = y if isinstance(y, np.ndarray) else None
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
        if facts.n_classes is not None and facts.n_classes >= 2 and facts.label_smoothing == 0:
            return for_classes(facts.n_classes)
        return UNKNOWN
