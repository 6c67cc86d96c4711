"""The time budget of a check: ``max_seconds`` of wall-clock time, counted from the call.

Two mechanisms keep it.

Prediction: every training step is timed, and no step, probe or diagnostic run starts when the
slowest recent step says it would end after the deadline.  That covers every step but the
first, which also traces the model, and any step much slower than the ones before it.

Waiting: a check trains the user's own model and puts it back afterwards, so it never
abandons a step half way (that step would go on writing to the model after the check put it
back): a step or probe slower than predicted ends the check late by at most its own duration.
`Budget.run` can also run work in a worker thread that the caller stops waiting for at the
deadline (``abandonable=True``), for work on private objects only.

Setting up (checking the data, copying and building the model) counts against the budget but
is never cut off.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

from pytest_lrcheck.runtime import keras_compat, tf_compat

T = TypeVar("T")

RECENT = 5  # steps the prediction looks back over: long enough to cover a validation pass


class BudgetSpent(Exception):
    """The deadline passed while work was running in the worker, which was left to finish."""


class Budget:
    """The deadline of one check, the step times seen so far, and the worker that trains."""

    def __init__(self, deadline: float, *, abandonable: bool) -> None:
        self.deadline = deadline
        self.abandonable = abandonable
        self.abandoned = False
        self._first: float | None = None
        self._recent: deque[float] = deque(maxlen=RECENT)

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def record_step(self, seconds: float) -> None:
        """The duration of a training step, including anything run after it (validation)."""
        if self._first is None:
            self._first = seconds
        else:
            self._recent.append(seconds)

    @property
    def first_step(self) -> float | None:
        """The duration of the check's first step, which traced and compiled the model."""
        return self._first

    def step_cost(self) -> float:
        """The predicted duration of the next step: the slowest recent one.  Until a second
        step ran, the first, which includes tracing: a generous guess, not a hopeful one."""
        if self._recent:
            return max(self._recent)
        return self._first or 0.0

    def allows(self, seconds: float) -> bool:
        """Whether work predicted to take ``seconds`` ends before the deadline."""
        return not self.abandoned and time.perf_counter() + seconds <= self.deadline

    def run(self, work: Callable[[], T]) -> T:
        """Run ``work``, in a worker thread the caller stops waiting for at the deadline when
        the check may abandon it; raise `BudgetSpent` then."""
        if self.abandoned:
            raise BudgetSpent
        if not self.abandonable:
            return work()
        worker: _Worker[T] = _Worker(work)
        worker.start()
        try:
            finished = worker.done.wait(max(0.0, self.left()))
        except BaseException:
            self.abandoned = True  # an interrupt: the worker stops after its current step
            raise
        if not finished:
            self.abandoned = True
            raise BudgetSpent
        return worker.result()


class _Worker(threading.Thread, Generic[T]):
    """Runs one check's training with the caller's Keras and device settings.

    Not a daemon: an abandoned step finishes before the process exits, instead of being torn
    down inside TensorFlow while the runtime shuts down.
    """

    def __init__(self, work: Callable[[], T]) -> None:
        super().__init__(name="lrcheck-training", daemon=False)
        # Dropped once done, so the thread object keeps no model alive.
        self._work: Callable[[], T] | None = work
        self._keras = keras_compat.keras_thread_state()
        self._device = tf_compat.tf_device_scope()
        self.done = threading.Event()
        self._value: list[T] = []  # the result, once there is one
        self._error: BaseException | None = None

    def run(self) -> None:
        work, self._work = self._work, None
        try:
            assert work is not None, "a worker runs once"
            keras_compat.adopt_keras_thread_state(self._keras)
            if self._device:
                import tensorflow as tf

                with tf.device(self._device):
                    self._value.append(work())
            else:
                self._value.append(work())
        except BaseException as error:  # handed to the caller, or dropped once abandoned
            self._error = error
        finally:
            self.done.set()

    def result(self) -> T:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._value.pop()
