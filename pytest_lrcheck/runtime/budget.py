"""The time budget of a check: ``max_seconds`` of wall-clock time, counted from the call.

Two mechanisms keep it.

Prediction: every training step is timed, and no step, probe or diagnostic run starts when the
slowest recent step says it would end after the deadline.  That covers every step but the
first, which also traces the model, and any step much slower than the ones before it.

Abandoning: TensorFlow cannot interrupt an op once it runs.  When a check trains its own copy
of the model (``clone=True``), the training runs in a worker thread and the caller stops
waiting at the deadline: the step in flight finishes in the background on that private copy,
nothing starts after it, and the process waits for it before it exits.  With ``clone=False``
the user's own model trains in the calling thread, because a step abandoned half way would go
on writing to it after the check returned: a step or probe slower than predicted then ends the
check late by at most its own duration.

Setting up (checking the data, copying and building the model) counts against the budget but
is never cut off.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

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
        worker = _Worker(work)
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


class _Worker(threading.Thread):
    """Runs one check's training with the caller's Keras and device settings.

    Not a daemon: an abandoned step finishes before the process exits, instead of being torn
    down inside TensorFlow while the runtime shuts down.
    """

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__(name="lrcheck-training", daemon=False)
        self._work = work
        self._keras = _keras_state()
        self._device = _device()
        self.done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            _adopt_keras_state(self._keras)
            if self._device:
                import tensorflow as tf

                with tf.device(self._device):
                    self._value = self._work()
            else:
                self._value = self._work()
        except BaseException as error:  # handed to the caller, or dropped once abandoned
            self._error = error
        finally:
            self._work = _done
            self.done.set()

    def result(self) -> Any:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._value


def _done() -> None:
    """Stands in for finished work, so the thread object keeps no model alive."""


def _keras_state() -> tuple[dict[str, Any], dict[str, Any]]:
    """The calling thread's Keras globals: Keras keeps them per thread (dtype policy, seed
    generator, name scopes), and a worker must see the caller's, not fresh defaults."""
    try:
        from keras.src.backend.common import global_state
    except ImportError:  # a Keras without this module: the worker starts from its defaults
        return {}, {}

    def own(tracker: Any) -> dict[str, Any]:
        # Containers are copied: an abandoned worker must not push onto the caller's name
        # scope stack while the caller goes on building models.
        return {
            name: copy.copy(value) if isinstance(value, (list, dict, set)) else value
            for name, value in vars(tracker).items()
        }

    return own(global_state.GLOBAL_STATE_TRACKER), own(global_state.GLOBAL_SETTINGS_TRACKER)


def _adopt_keras_state(state: tuple[dict[str, Any], dict[str, Any]]) -> None:
    if not any(state):
        return
    from keras.src.backend.common import global_state

    trackers = (global_state.GLOBAL_STATE_TRACKER, global_state.GLOBAL_SETTINGS_TRACKER)
    for tracker, values in zip(trackers, state, strict=True):
        for name, value in values.items():
            setattr(tracker, name, value)


def _device() -> str:
    """The caller's ``tf.device`` scope (per thread in TensorFlow), '' outside one."""
    from tensorflow.python.eager import context

    return context.context().device_name or ""
