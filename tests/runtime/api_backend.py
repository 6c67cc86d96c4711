"""Exercise the public training checks besides `check_training` on one Keras backend.

    KERAS_BACKEND=jax python -m tests.runtime.api_backend

prints one JSON object per case: its name and what the check answered (``healthy`` and
``codes`` for a report; the rates for a range test; ``ok`` for an assessment) with
``unchanged``, whether the model's every variable holds its value bit for bit afterwards.
A case that raises is a row with its error, never a crash of the script.
`tests/runtime/test_backend_parity.py` starts one per backend and judges the rows.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np

from pytest_lrcheck.runtime import keras_compat
from pytest_lrcheck.runtime.jax_steps import FAST_COMPILE
from tests.runtime.check_kinds import training_state, unchanged
from tests.zoo.case import keras, seeded


def _digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    digits = load_digits()
    x = (digits.images / 16.0).astype("float32")
    return x, np.eye(10, dtype="float32")[digits.target]


def _classifier(optimizer: Any) -> Any:
    k = seeded(0)
    model = k.Sequential(
        [
            k.Input((8, 8)),
            k.layers.Flatten(),
            k.layers.Dense(32, activation="relu"),
            k.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer=optimizer, loss="categorical_crossentropy")
    return model


def _batches(x: np.ndarray, y: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    order = np.random.default_rng(0).permutation(len(x))
    while True:
        for start in range(0, len(x) - 31, 32):
            rows = order[start : start + 32]
            yield x[rows], y[rows]


def _report(report: Any) -> dict[str, Any]:
    return {"healthy": report.healthy, "codes": list(report.codes)}


def _check_step(rate: float) -> dict[str, Any]:
    from pytest_lrcheck import check_step

    k = keras()
    x, y = _digits()
    model = _classifier(k.optimizers.SGD(rate))
    batches = _batches(x, y)

    def step() -> float:
        return float(model.train_on_batch(*next(batches)))

    return _report(check_step(step, steps=150, n_classes=10))


def _lr_range() -> dict[str, Any]:
    from pytest_lrcheck import lr_range

    model = _classifier(keras().optimizers.Adam(1e-3))
    before = training_state(model)
    result = lr_range(model, *_digits())
    return {
        "suggested": result.suggested,
        "largest_stable": result.largest_stable,
        "blew_up": result.blew_up,
        "unchanged": unchanged(before),
    }


def _assess(rate: float) -> dict[str, Any]:
    from pytest_lrcheck.runtime.lr_range import assess_learning_rate

    model = _classifier(keras().optimizers.Adam(rate))
    before = training_state(model)
    found = assess_learning_rate(model, *_digits())
    return {"ok": found.ok, "message": found.message, "unchanged": unchanged(before)}


def _watched_fit(rate: float) -> dict[str, Any]:
    from pytest_lrcheck import LossWatcher

    model = _classifier(keras().optimizers.SGD(rate))
    watcher = LossWatcher()
    model.fit(*_digits(), batch_size=32, epochs=2, verbose=0, callbacks=[watcher])
    return _report(watcher.report())


def _blown_up_fit() -> dict[str, Any]:
    """A regression whose targets are a thousand times its inputs, at a rate that overflows."""
    from pytest_lrcheck import LossWatcher

    k = seeded(0)
    x = np.random.default_rng(0).normal(size=(512, 8)).astype("float32")
    y = (x @ np.arange(1, 9, dtype="float32") * 1000.0)[:, None]
    model = k.Sequential([k.Input((8,)), k.layers.Dense(16), k.layers.Dense(1)])
    model.compile(optimizer=k.optimizers.SGD(0.5), loss="mse")
    watcher = LossWatcher()
    model.fit(x, y, batch_size=32, epochs=2, verbose=0, callbacks=[watcher])
    return _report(watcher.report())


def _steps_as_train_on_batch() -> dict[str, Any]:
    """The check's training loop on its fast road (under JAX: `runtime.jax_steps`) and on
    ``train_on_batch`` alone: the same losses and every variable the same, bit for bit, with
    a learning-rate schedule, validation reading the model and a second run."""
    from pytest_lrcheck.runtime.batches import ArrayBatches
    from pytest_lrcheck.runtime.loop import Trainer

    x, y = _digits()
    outcomes = []
    for fast in (True, False):
        model = _classifier(keras().optimizers.Adam(1e-3))
        trainer = Trainer(model)
        held = trainer._held is not None
        if not fast:
            trainer._held = None
            if held:  # the same compiled function, so every bit can agree
                keras_compat.jit_train_function(model, FAST_COMPILE)
        batches = ArrayBatches(x, y, len(x), 32, 0)
        seen: list[float] = []
        first = trainer.run(
            iter(batches),
            40,
            learning_rate=lambda i: 1e-4 * 1.1**i,
            every=10,
            on_every=lambda m=model, s=seen: s.append(float(m.get_weights()[0].sum())),
        )
        second = trainer.run(iter(batches), 20)
        state = [value for _, value in training_state(model)]
        outcomes.append((held, first.losses + second.losses, seen, state))
    (held, losses, seen, state), (_, losses_, seen_, state_) = outcomes
    same = losses == losses_ and seen == seen_
    same = same and all(np.array_equal(a, b) for a, b in zip(state, state_, strict=True))
    return {"held": held, "same": same}


def _nan_layer_fit() -> dict[str, Any]:
    """A watched fit whose log layer makes -inf of ReLU zeros: the layer is named."""
    from pytest_lrcheck import LossWatcher

    k = seeded(0)
    x, y = _digits()
    x = x.reshape(len(x), -1)[:320]
    model = k.Sequential(
        [
            k.Input((64,)),
            k.layers.Dense(32, activation="relu"),
            k.layers.Lambda(lambda t: k.ops.log(t), name="log_features"),
            k.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer=k.optimizers.Adam(1e-3), loss="categorical_crossentropy")
    watcher = LossWatcher()
    watcher.observe_fit(x, y[:320], batch_size=32)
    model.fit(x, y[:320], batch_size=32, epochs=1, verbose=0, callbacks=[watcher])
    report = watcher.report()
    origin = report.non_finite
    return {**_report(report), "layer": None if origin is None else origin.layer}


def _trainer_run(compile_options: dict[str, Any] | None, switch: float | None) -> dict[str, Any]:
    """A 40-step run of the check's trainer against Keras' own optimized ``train_on_batch``
    steps: under JAX its train function is compiled for compile speed (`FAST_COMPILE`,
    or ``compile_options``), goes on with Keras' compile when the steps left are worth it
    (``switch``), and falls back to Keras' when its own compile fails."""
    from pytest_lrcheck.runtime import jax_steps
    from pytest_lrcheck.runtime.batches import ArrayBatches
    from pytest_lrcheck.runtime.loop import Trainer

    x, y = _digits()
    reference = _classifier(keras().optimizers.Adam(1e-3))
    batches = iter(ArrayBatches(x, y, len(x), 32, 0))
    expected = [
        float(reference.train_on_batch(*next(batches), return_dict=True)["loss"]) for _ in range(40)
    ]
    model = _classifier(keras().optimizers.Adam(1e-3))
    saved = jax_steps.FAST_COMPILE, jax_steps.SWITCH
    if compile_options is not None:
        jax_steps.FAST_COMPILE = compile_options
    if switch is not None:
        jax_steps.SWITCH = switch
    try:
        trainer = Trainer(model)
        losses = trainer.run(iter(ArrayBatches(x, y, len(x), 32, 0)), 40).losses
    finally:
        jax_steps.FAST_COMPILE, jax_steps.SWITCH = saved
    held = trainer._held
    return {
        "held": held is not None,
        "fast": held is not None and held._fast,
        "close": bool(np.allclose(losses, expected, rtol=1e-4)),
        "same": list(losses) == expected,
    }


CASES: dict[str, Callable[[], dict[str, Any]]] = {
    "fast compile": lambda: _trainer_run(None, None),
    "fast compile, then Keras'": lambda: _trainer_run(None, 0.0),
    "fast compile refused": lambda: _trainer_run({"xla_no_such_option": 1}, None),
    "steps as train_on_batch": _steps_as_train_on_batch,
    "check_step healthy": lambda: _check_step(0.1),
    "check_step frozen": lambda: _check_step(0.0),
    "lr_range": _lr_range,
    "assess_learning_rate 1e-3": lambda: _assess(1e-3),
    "assess_learning_rate 10": lambda: _assess(10.0),
    "LossWatcher healthy fit": lambda: _watched_fit(0.1),
    "LossWatcher frozen fit": lambda: _watched_fit(0.0),
    "LossWatcher blown-up fit": _blown_up_fit,
    "LossWatcher NaN layer": _nan_layer_fit,
}


def main() -> int:
    for name, case in CASES.items():
        row: dict[str, Any] = {"name": name}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                row.update(case())
        except Exception:  # a failing case is a result of this run, reported with the rest
            row["error"] = traceback.format_exc()[-1500:]
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
