"""The seeded, budgeted training loop that records the loss of every batch.

Keras' ``fit`` hands its callbacks a running mean over the epoch, which hides the spikes a
diagnosis needs, so the loop runs its own ``tf.function`` step: the same forward pass, loss
and optimizer update as Keras' default ``train_step``, returning the batch loss (without
regularization terms) and the global gradient norm.  A model that overrides ``train_step``
is trained with its own step instead, and the batch loss is read from its logs.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pytest_lrcheck.runtime.budget import Budget, BudgetSpent
from pytest_lrcheck.runtime.keras_compat import call_takes_training, compiled_loss
from pytest_lrcheck.runtime.traces import Registrations


@dataclass(frozen=True)
class RunResult:
    losses: tuple[float, ...]
    grad_norms: tuple[float, ...] | None
    seconds: float
    budget_exceeded: bool
    learning_rates: tuple[float, ...] | None = None

    @property
    def steps_run(self) -> int:
        return len(self.losses)


@dataclass
class RunRecord:
    """What a run has recorded so far.  The caller reads it even when it stopped waiting for
    an abandoned run, so it is filled step by step rather than returned at the end."""

    losses: list[float] = field(default_factory=list)
    norms: list[float] = field(default_factory=list)
    rates: list[float] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    over_budget: bool = False

    def result(self, *, gradients: bool = True, scheduled: bool = False) -> RunResult:
        count = len(self.losses)  # a step finishing in the background may append after this
        return RunResult(
            losses=tuple(self.losses[:count]),
            grad_norms=tuple(self.norms[:count]) if gradients else None,
            seconds=time.perf_counter() - self.started,
            budget_exceeded=self.over_budget,
            learning_rates=tuple(self.rates[:count]) if scheduled else None,
        )


@dataclass(frozen=True)
class Snapshot:
    weights: tuple[np.ndarray, ...]
    optimizer: dict[str, np.ndarray]


class Trainer:
    """Trains one compiled model; can rewind it to a snapshot to try another learning rate."""

    def __init__(self, model: Any, budget: Budget | None = None) -> None:
        import keras

        self.model = model
        self.budget = budget or Budget(math.inf, abandonable=False)
        self.optimizer = model.optimizer
        self._custom = type(model).train_step is not keras.Model.train_step
        self._step: Callable[..., Any] | None = None
        self._eval: Callable[..., Any] | None = None
        self._registrations = Registrations()

    @property
    def has_gradients(self) -> bool:
        return not self._custom

    def _build_step(self) -> Callable[..., Any]:
        import tensorflow as tf

        model, optimizer = self.model, self.optimizer
        if self._custom:
            custom: Callable[..., Any] = tf.function(model.train_step, reduce_retracing=True)
            return custom
        takes_training = call_takes_training(model)

        def step(x: Any, y: Any, sample_weight: Any = None) -> Any:
            with tf.GradientTape() as tape:
                y_pred = model(x, training=True) if takes_training else model(x)
                loss = compiled_loss(model, x, y, y_pred, sample_weight, training=True)
                scaled = optimizer.scale_loss(loss)
            regularization = [tf.cast(tf.reduce_sum(r), loss.dtype) for r in model.losses]
            data_loss = loss - tf.add_n(regularization) if regularization else loss
            weights = model.trainable_weights
            grads = tape.gradient(scaled, weights)
            optimizer.apply_gradients(zip(grads, weights, strict=True))
            norm = tf.linalg.global_norm([g for g in grads if g is not None])
            return tf.stack([tf.cast(data_loss, tf.float32), tf.cast(norm, tf.float32)])

        traced: Callable[..., Any] = tf.function(step, reduce_retracing=True)
        return traced

    def run(
        self,
        batches: Iterable[tuple[Any, ...]],
        steps: int,
        deadline: float | None = None,
        learning_rate: Callable[[int], float] | None = None,
        stop: Callable[[list[float]], bool] | None = None,
        every: int | None = None,
        on_every: Callable[[], None] | None = None,
        record: RunRecord | None = None,
    ) -> RunResult:
        """Train up to ``steps`` batches; stop at a non-finite loss, at ``stop``, or before a
        step predicted to end after the budget's deadline (or ``deadline``, a
        `time.perf_counter` value, when earlier).  ``on_every`` runs after every ``every``
        steps and after the last one (validation).  ``record`` receives each step as it ends."""
        if self._step is None:
            self._step = self._build_step()
        budget = self.budget
        limit = budget.deadline if deadline is None else min(deadline, budget.deadline)
        record = RunRecord() if record is None else record
        for index, batch in enumerate(batches):
            if index >= steps or budget.abandoned:
                break
            began = time.perf_counter()
            if index and began + budget.step_cost() > limit:
                record.over_budget = True
                break
            if learning_rate is not None:
                rate = learning_rate(index)
                self.optimizer.learning_rate.assign(rate)
                record.rates.append(rate)
            loss, norm = self._first_step(batch) if index == 0 else self._one_step(batch)
            record.norms.append(norm)
            record.losses.append(loss)
            last = index + 1 == steps
            if not math.isfinite(loss) or (stop is not None and stop(record.losses)):
                last = True
            if on_every is not None and every and ((index + 1) % every == 0 or last):
                on_every()
            budget.record_step(time.perf_counter() - began)
            if last:
                break
        return record.result(gradients=not self._custom, scheduled=learning_rate is not None)

    def _first_step(self, batch: tuple[Any, ...]) -> tuple[float, float]:
        """The first step traces the model on real data: shape and dtype errors surface here,
        and are reported as a one-line ValueError instead of a TensorFlow traceback."""
        import tensorflow as tf

        try:
            return self._one_step(batch)
        except (ValueError, TypeError, tf.errors.OpError) as error:
            shapes = ", ".join(_describe(part) for part in batch if part is not None)
            text = " ".join(str(error).split())
            if len(text) > 300:
                text = text[:297] + "..."
            raise ValueError(
                f"model {self.model.name!r} cannot train on the first batch ({shapes}): {text}"
            ) from None

    def release_traces(self) -> None:
        """Drop what tracing this trainer's steps left in TensorFlow's gradient registry (see
        `pytest_lrcheck.runtime.traces`); call once the trainer is done."""
        self._registrations.release()

    def _one_step(self, batch: tuple[Any, ...]) -> tuple[float, float]:
        assert self._step is not None
        with self._registrations.recording():
            return self._call_step(batch)

    def _call_step(self, batch: tuple[Any, ...]) -> tuple[float, float]:
        assert self._step is not None
        if self._custom:
            self.model.reset_metrics()
            logs = self._step(batch)
            if not isinstance(logs, dict) or "loss" not in logs:
                raise ValueError(
                    f"{type(self.model).__name__}.train_step returns no 'loss' entry; "
                    "return one, or check the loop with check_step()"
                )
            return float(logs["loss"]), math.nan
        values = self._step(*batch).numpy()
        return float(values[0]), float(values[1])

    def evaluate(self, x: Any, y: Any, batch_size: int = 256) -> tuple[float, np.ndarray]:
        """Mean loss over ``x``/``y`` (no regularization), and the predictions."""
        import tensorflow as tf

        model = self.model
        if self._eval is None:

            def evaluate(xb: Any, yb: Any) -> Any:
                y_pred = model(xb, training=False)
                loss = compiled_loss(model, xb, yb, y_pred, training=False)
                regularization = [tf.cast(tf.reduce_sum(r), loss.dtype) for r in model.losses]
                if regularization:
                    loss = loss - tf.add_n(regularization)
                return tf.cast(loss, tf.float32), y_pred

            self._eval = tf.function(evaluate, reduce_retracing=True)
        from pytest_lrcheck.runtime.batches import first_array, take

        n = first_array(x).shape[0]
        total, predictions = 0.0, []
        for start in range(0, n, batch_size):
            if self.budget.abandoned:
                raise BudgetSpent  # nobody waits for the rest any more
            index = slice(start, min(n, start + batch_size))
            loss, y_pred = self._eval(take(x, index), take(y, index))
            total += float(loss) * (index.stop - index.start)
            predictions.append(np.asarray(y_pred))
        return total / n, np.concatenate(predictions)

    def snapshot(self) -> Snapshot:
        return Snapshot(
            weights=tuple(np.array(w) for w in self.model.get_weights()),
            optimizer={v.path: np.array(v.numpy()) for v in self.optimizer.variables},
        )

    def restore(self, snapshot: Snapshot) -> None:
        """Weights back to the snapshot; optimizer state as fresh (slots created later zeroed)."""
        self.model.set_weights(list(snapshot.weights))
        for variable in self.optimizer.variables:
            saved = snapshot.optimizer.get(variable.path)
            variable.assign(np.zeros(variable.shape, variable.dtype) if saved is None else saved)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_describe(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_describe(v) for v in value) + "]"
    shape = tuple(getattr(value, "shape", ()))
    return f"shape {shape} {getattr(value, 'dtype', type(value).__name__)}"
