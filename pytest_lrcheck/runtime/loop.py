"""The seeded, budgeted training loop that records the loss of every batch.

Every step is the model's own: ``train_on_batch`` runs the train function ``fit`` runs, the
model's ``train_step`` (Keras' default or its own override) with its compiled losses, loss
weights, metrics and optimizer, on every backend (under JAX, after a run's first step, that
very function is called as ``fit`` calls it, the state held between steps: `runtime.jax_steps`).
Keras' ``fit`` hands its callbacks a running mean over the epoch, which hides the spikes a
diagnosis needs; ``train_on_batch`` resets the metrics first, so its ``loss`` is the loss of
that one batch.  Weight regularization is taken out of it, as the running curve of the data
loss is what the detectors compare with a constant guess.  The gradients stay inside Keras'
step: the diagnosis computes them when it needs them (`runtime.gradients`).
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pytest_lrcheck.runtime.batches import first_array, in_order, take
from pytest_lrcheck.runtime.budget import Budget, BudgetSpent
from pytest_lrcheck.runtime.first_batch import first_batch_error
from pytest_lrcheck.runtime.jax_steps import TIMED_STEPS, JaxSteps, jax_steps
from pytest_lrcheck.runtime.model_state import ModelState
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
    # The batch whose loss was not finite, kept for `runtime.nan_origin` (a reference to the
    # batch the iterator yielded: no copy, no cost on a finite run).
    offending: tuple[Any, ...] | None = None

    def result(self, *, gradients: bool = True, scheduled: bool = False) -> RunResult:
        count = len(self.losses)  # a step finishing in the background may append after this
        return RunResult(
            losses=tuple(self.losses[:count]),
            grad_norms=tuple(self.norms[:count]) if gradients else None,
            seconds=time.perf_counter() - self.started,
            budget_exceeded=self.over_budget,
            learning_rates=tuple(self.rates[:count]) if scheduled else None,
        )


Snapshot = ModelState  # what a rerun rewinds to


class Trainer:
    """Trains one compiled model with its own train step; can rewind it to a snapshot to try
    another learning rate."""

    def __init__(self, model: Any, budget: Budget | None = None) -> None:
        self.model = model
        self.budget = budget or Budget(math.inf, abandonable=False)
        self.optimizer = model.optimizer
        self._registrations = Registrations()
        self._own_step = _pass_batches_as_fit(model)
        self._has_loss = model.loss is not None or self._own_step is None
        self._regularized = bool(model.losses)
        # The penalty is read from the variables before each step: those steps take the
        # slow road, through the variables (`runtime.jax_steps`).
        self._held: JaxSteps | None = None if self._regularized else jax_steps(model)
        self._eager_seconds = 0.0  # spent in `quick_loss`

    def close(self) -> None:
        """Undo `_pass_batches_as_fit` (the caller puts the compiled functions back)."""
        if self._own_step is not None:
            own = self._own_step
            if own is _NOTHING:
                del self.model.train_step
            else:
                self.model.train_step = own
            self._own_step = None

    @property
    def has_gradients(self) -> bool:
        """Whether runs record the gradient norm of each step: they do not (see the module)."""
        return False

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
        before_step: Callable[[tuple[Any, ...]], None] | None = None,
    ) -> RunResult:
        """Train up to ``steps`` batches; stop at a non-finite loss, at ``stop``, or before a
        step predicted to end after the budget's deadline (or ``deadline``, a
        `time.perf_counter` value, when earlier).  ``on_every`` runs after every ``every``
        steps and after the last one (validation); ``before_step`` sees each batch before its
        step.  ``record`` receives each step as it ends.  Under JAX the model's variables
        are brought up to date before ``on_every`` and ``before_step`` and when the run ends
        (`runtime.jax_steps`)."""
        try:
            return self._run(
                batches, steps, deadline, learning_rate, stop, every, on_every, record, before_step
            )
        finally:
            self._settle()

    def _run(
        self,
        batches: Iterable[tuple[Any, ...]],
        steps: int,
        deadline: float | None,
        learning_rate: Callable[[int], float] | None,
        stop: Callable[[list[float]], bool] | None,
        every: int | None,
        on_every: Callable[[], None] | None,
        record: RunRecord | None,
        before_step: Callable[[tuple[Any, ...]], None] | None,
    ) -> RunResult:
        budget = self.budget
        limit = budget.deadline if deadline is None else min(deadline, budget.deadline)
        record = RunRecord() if record is None else record
        durations: list[float] = []
        for index, batch in enumerate(batches):
            if index >= steps or budget.abandoned:
                break
            began = time.perf_counter()
            if index and began + budget.step_cost() > limit:
                record.over_budget = True
                break
            if learning_rate is not None:
                rate = learning_rate(index)
                self._set_rate(index, rate)
                record.rates.append(rate)
            if before_step is not None:
                self._settle()  # it may read the model (the gradient trace does)
                before_step(batch)
            loss = self._first_step(batch) if index == 0 else self._one_step(batch)
            record.losses.append(loss)
            last = index + 1 == steps
            looked = time.perf_counter()
            if not math.isfinite(loss):
                record.offending = tuple(batch)
                last = True
            elif stop is not None and stop(record.losses):
                last = True
            # The stop rule's rare look at the predictions traces a predict function once: a
            # cost of this step only, where validation (below) recurs with the steps to come.
            looked = time.perf_counter() - looked
            if on_every is not None and every and ((index + 1) % every == 0 or last):
                self._settle()
                on_every()
            durations.append(time.perf_counter() - began - looked)
            budget.record_step(durations[-1])
            if self._held is not None and index == TIMED_STEPS and budget.first_step:
                typical = float(np.median(durations[1:]))
                self._held.reconsider(steps - index - 1, budget.first_step, typical)
            if last:
                break
        return record.result(gradients=False, scheduled=learning_rate is not None)

    def _first_step(self, batch: tuple[Any, ...]) -> float:
        """The first step traces the model on real data: shape and dtype errors surface here,
        and are reported as a one-line ValueError that keeps Keras' reason."""
        try:
            with self._registrations.recording():
                return self._call_step(batch, first=True)
        except Exception as error:  # whatever the backend raises for a model it cannot run
            raise first_batch_error(self.model, batch, error) from None

    def release_traces(self) -> None:
        """Drop what tracing this trainer's steps left in TensorFlow's gradient registry (see
        `pytest_lrcheck.runtime.traces`); call once the trainer is done."""
        self._registrations.release()

    def _one_step(self, batch: tuple[Any, ...]) -> float:
        with self._registrations.recording():
            return self._call_step(batch)

    def _set_rate(self, index: int, rate: float) -> None:
        if self._held is not None and index and self._held.ready():
            self._held.set_learning_rate(rate)
        else:
            self._settle()
            self.optimizer.learning_rate.assign(rate)

    def _call_step(self, batch: tuple[Any, ...], first: bool = False) -> float:
        x, y, weights = (*batch, None, None)[:3]
        penalty = self._regularization()  # at the weights the step computes its loss with
        held = self._held
        if held is not None and not first and held.ready():
            logs = held.step(x, y, weights)
        else:
            if held is not None:
                held.sync()
                held.prepare()
            try:
                logs = self.model.train_on_batch(x, y, sample_weight=weights, return_dict=True)
            except Exception:
                # Whatever failed, Keras' own compile says whether the batch is at fault.
                if held is None or not held.unprepare():
                    raise
                logs = self.model.train_on_batch(x, y, sample_weight=weights, return_dict=True)
        if not isinstance(logs, dict) or "loss" not in logs:
            raise ValueError(
                f"{type(self.model).__name__}.train_step returns no 'loss' entry; "
                "return one, or check the loop with check_step()"
            )
        return float(np.mean(logs["loss"])) - penalty

    def _settle(self) -> None:
        """Under JAX, the state a run holds between steps into the model's variables: anything
        that reads or writes the model mid-run (a stop rule's predictions, a probe) must see
        the weights as they are, not buffers the last step consumed."""
        if self._held is not None:
            self._held.sync()

    def _regularization(self) -> float:
        """The weight penalties the compiled loss adds, at the current weights."""
        if not self._regularized:
            return 0.0
        import keras

        return float(sum(float(keras.ops.convert_to_numpy(p)) for p in self.model.losses))

    def evaluate(
        self, x: Any, y: Any, batch_size: int = 256, weights: Any = None
    ) -> tuple[float, np.ndarray]:
        """Mean loss over ``x``/``y`` and the predictions (of the first output, for a model
        with several)."""
        return self.loss_on(x, y, batch_size, weights), self.predict(x, batch_size)

    def quick_loss(self, x: Any, y: Any) -> float | None:
        """The loss of one batch computed eagerly, as Keras' default test step computes it
        (to float rounding), for a few passes that do not repay compiling the test function:
        under JAX that compile costs as much as a hundred training steps.  None on the other
        backends, for a model with its own test step, and where the eager pass fails.

        An eager pass is not always quick: a recurrent layer's scan is traced and compiled
        anew on every eager call (0.7 s for a small LSTM).  Once the eager passes have cost
        what the train step's compile did (what compiling the test function would cost, near
        enough), the compiled road is taken for the rest of the trainer's life."""
        import keras

        self._settle()
        model = self.model
        if (
            keras.backend.backend() != "jax"
            or not self._has_loss
            or type(model).test_step is not keras.Model.test_step
            or not self._eager_pays()
        ):
            return None
        began = time.perf_counter()
        try:
            loss = model.compute_loss(x=x, y=y, y_pred=model(x, training=False), training=False)
            value = float(keras.ops.convert_to_numpy(loss))
        except Exception:  # inputs only the compiled test step converts: take that road
            return None
        finally:
            self._eager_seconds += time.perf_counter() - began
        return value - self._regularization()

    def loss_on(self, x: Any, y: Any, batch_size: int = 256, weights: Any = None) -> float:
        """Mean loss over ``x``/``y`` as the model's own test step computes it; NaN for a
        model whose own train step computes a loss that no compiled loss describes."""
        return self.losses_on(x, y, batch_size, weights).get("loss", math.nan)

    def losses_on(
        self, x: Any, y: Any, batch_size: int = 256, weights: Any = None
    ) -> dict[str, float]:
        """The mean ``loss`` over ``x``/``y`` and, for a model with several outputs, each
        output's own (unweighted) ``<name>_loss``, as the model's own test step logs them;
        {} for a model whose own train step computes a loss no compiled loss describes."""
        if not self._has_loss:
            return {}
        self._settle()
        n = int(first_array(x).shape[0])
        totals: dict[str, float] = {}
        with self._registrations.recording():
            for start in range(0, n, batch_size):
                if self.budget.abandoned:
                    raise BudgetSpent  # nobody waits for the rest any more
                index = slice(start, min(n, start + batch_size))
                wb = None if weights is None else take(weights, index)
                logs = self.model.test_on_batch(
                    take(x, index), take(y, index), sample_weight=wb, return_dict=True
                )
                for key, value in logs.items():
                    if key == "loss" or key.endswith("_loss"):
                        share = float(np.mean(value)) * (index.stop - index.start)
                        totals[key] = totals.get(key, 0.0) + share
        found = {key: total / n for key, total in totals.items()}
        found["loss"] -= self._regularization()  # the output losses hold no penalty
        return found

    def predict(self, x: Any, batch_size: int = 256) -> np.ndarray:
        """The model's outputs (the first, when it has several): see `predict_outputs`."""
        return np.concatenate([_numpy(first_array(out)) for out in self._passes(x, batch_size)])

    def predict_outputs(self, x: Any, batch_size: int = 256) -> tuple[np.ndarray, ...]:
        """Every output of the model, in the order of ``model.outputs`` (outputs built as a
        dict: in the order of ``model.output_names``), from one pass per chunk of ``x``."""
        names = list(getattr(self.model, "output_names", None) or [])
        chunks = [in_order(out, names) for out in self._passes(x, batch_size)]
        return tuple(
            np.concatenate([_numpy(p) for p in parts]) for parts in zip(*chunks, strict=True)
        )

    def _eager_pays(self) -> bool:
        """Whether eager passes have cost less than the train step's compile (see
        `quick_loss`): past that, compiling the predict or test function pays."""
        return self._eager_seconds <= (self.budget.first_step or math.inf)

    def _passes(self, x: Any, batch_size: int) -> Iterator[Any]:
        """The model's raw outputs on each chunk of ``x``, computed eagerly while that pays
        (`_eager_pays`): a pass or two over a probe batch costs less than tracing a predict
        function."""
        self._settle()
        n = first_array(x).shape[0]
        for start in range(0, n, batch_size):
            rows, outputs = take(x, slice(start, min(n, start + batch_size))), None
            began = time.perf_counter()
            # Inputs only the compiled predict function converts (strings) take that road.
            with contextlib.suppress(Exception):
                outputs = self.model(rows, training=False) if self._eager_pays() else None
            self._eager_seconds += time.perf_counter() - began
            yield self.model.predict_on_batch(rows) if outputs is None else outputs

    def snapshot(self) -> Snapshot:
        self._settle()
        return ModelState.capture(self.model)

    def restore(self, snapshot: Snapshot) -> None:
        """Every variable of the model, its optimizer and its metrics back to the snapshot."""
        self._settle()  # a held state would otherwise overwrite the restored variables
        snapshot.restore(self.model)


def _numpy(value: Any) -> np.ndarray:
    import keras

    return np.asarray(keras.ops.convert_to_numpy(value))


_NOTHING = object()


def _pass_batches_as_fit(model: Any) -> Any:
    """Give a model's own ``train_step`` its batches as ``fit`` does: ``(x, y)`` when there
    are no sample weights.  ``train_on_batch`` always passes ``(x, y, None)``, which breaks
    the ``x, y = data`` of Keras' own custom-step examples.  Returns what to put back (the
    instance's own attribute, or `_NOTHING`), or None for Keras' default step."""
    import keras

    if type(model).train_step is keras.Model.train_step:
        return None
    saved = model.__dict__.get("train_step", _NOTHING)
    step = model.train_step

    def train_step(*args: Any) -> Any:
        *state, data = args  # the JAX backend's step also takes the training state first
        if isinstance(data, tuple) and len(data) == 3 and data[2] is None:
            data = data[:2]
        return step(*state, data)

    model.train_step = train_step
    model.train_function = None  # traced again with the step above; put back on exit
    return saved
