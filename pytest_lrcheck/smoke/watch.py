"""The fit watch of ``lrcheck run``: every ``fit`` capped at a number of steps, each judged."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pytest_lrcheck.plugin.fit_patch import FitWatch


class FirstFitDone(BaseException):
    """Raised out of the script's first ``fit`` to stop it there.

    A `BaseException`, like `KeyboardInterrupt`, so that the script's own ``except Exception``
    does not swallow it and go on to save or evaluate the capped model."""


@dataclass(frozen=True)
class WatchedFit:
    where: str  # "train.py:23", the script's line that called fit
    report: Any  # the watcher's TrainingReport
    capped: bool  # stopped at the step limit, not by the script's own epochs


class RunWatch(FitWatch):
    """`FitWatch` with a capped watcher, a report kept per fit, and a stop after the first."""

    def __init__(self, script: str, *, steps: int, all_fits: bool) -> None:
        self.script = os.path.abspath(script)
        self.steps = steps
        self.all_fits = all_fits
        self.fits: list[WatchedFit] = []
        self._watchers: list[Any] = []
        super().__init__()
        self.active = True

    def watcher_class(self) -> type:
        if self._watcher_class is None:
            self._watcher_class = _capped_watcher(self.steps, self._watchers)
        return self._watcher_class

    def callbacks(self, callbacks: list[Any]) -> list[Any]:
        """Leave out the callbacks that save the model: a capped fit's weights are not the
        script's result, and must not overwrite the checkpoints of a real run."""
        import keras

        saving = (keras.callbacks.ModelCheckpoint, keras.callbacks.BackupAndRestore)
        kept = [callback for callback in callbacks if not isinstance(callback, saving)]
        for callback in callbacks:
            if isinstance(callback, saving):
                print(
                    f"lrcheck run: {type(callback).__name__} left out of the fit at "
                    f"{self._caller()}: a capped fit saves nothing",
                    file=sys.stderr,
                )
        return kept

    def record(self, symptoms: Sequence[Any], *more: Any, **named: Any) -> None:
        super().record(symptoms, *more, **named)
        watcher = self._watchers[-1] if self._watchers else None
        if watcher is not None:
            capped = len(watcher.losses) >= self.steps
            self.fits.append(WatchedFit(self._caller(), watcher.report(), capped))
        if not self.all_fits:
            raise FirstFitDone

    def _caller(self) -> str:
        frame = sys._getframe(1)
        while frame is not None:
            if os.path.abspath(frame.f_code.co_filename) == self.script:
                return f"{os.path.basename(self.script)}:{frame.f_lineno}"
            frame = frame.f_back  # type: ignore[assignment]
        return os.path.basename(self.script)


def _capped_watcher(steps: int, made: list[Any]) -> type:
    from pytest_lrcheck import LossWatcher

    class CappedLossWatcher(LossWatcher):
        """`LossWatcher` that ends the fit after ``steps`` training steps."""

        def __init__(self) -> None:
            super().__init__()
            made.append(self)

        def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
            super().on_train_batch_end(batch, logs)
            if len(self.losses) >= steps and self.model is not None:
                # Keras 3 checks this after every step, on every backend.
                self.model.stop_training = True

    return CappedLossWatcher
