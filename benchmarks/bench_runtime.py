"""Runtime benchmark: what a training check costs next to plain Keras, in the same process.

Prints, never asserts:

1. wall time of `check_training` (200 steps) over a plain `model.fit` of the same 200 steps
   on a fresh copy of the same seed-sized model (aim: <= 1.0 on every backend);
2. wall time of `lr_range` (100 steps) over a plain 100-step `fit` (aim: <= 3);
3. for each unhealthy catalog example: the step of its verdict, the steps it ran, the steps it
   saved by stopping at a certain verdict, and its time to verdict (the whole check).

Memory over hundreds of checks in a row is measured by `bench_runtime_soak.py`.

    KERAS_BACKEND=jax python benchmarks/bench_runtime.py [--repeats 5] [--no-verdicts]

One backend per process (Keras reads ``KERAS_BACKEND`` once); every line names it.

Each timing is the median of interleaved repeats, and every run builds and traces its model
afresh (a fit's first call traces its train function, as a check's does).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np


def _data() -> tuple[np.ndarray, np.ndarray]:
    import keras
    from sklearn.datasets import load_digits

    digits = load_digits()
    x = (digits.images / 16.0).astype("float32")
    return x, keras.utils.to_categorical(digits.target, 10).astype("float32")


def _model(seed: int = 0) -> Any:
    import keras

    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input((8, 8)),
            keras.layers.Flatten(),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy")
    return model


def _timed(run: Callable[[], Any]) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def _plain_fit(x: np.ndarray, y: np.ndarray, steps: int) -> Callable[[], Any]:
    # Tile the data so one epoch is exactly `steps` batches of 32, shuffled like a check.
    reps = -(-steps * 32 // len(x))
    xs, ys = np.concatenate([x] * reps)[: steps * 32], np.concatenate([y] * reps)[: steps * 32]

    def run() -> None:
        _model().fit(xs, ys, batch_size=32, epochs=1, verbose=0, shuffle=True)

    return run


def ratios(repeats: int) -> None:
    import keras

    from pytest_lrcheck.runtime.check import check_training
    from pytest_lrcheck.runtime.lr_range import lr_range

    backend = keras.backend.backend()
    x, y = _data()
    pairs = {
        "check_training(200) / fit(200)": (
            lambda: check_training(_model(), x, y, steps=200),
            _plain_fit(x, y, 200),
        ),
        "lr_range(100) / fit(100)": (
            lambda: lr_range(_model(), x, y, steps=100),
            _plain_fit(x, y, 100),
        ),
    }
    for run, base in pairs.values():  # warm up: imports, first traces of Keras internals
        run()
        base()
    for label, (run, base) in pairs.items():
        ours, theirs = [], []
        for _ in range(repeats):
            ours.append(_timed(run))
            theirs.append(_timed(base))
        a, b = statistics.median(ours), statistics.median(theirs)
        print(
            f"{backend:10s} {label:34s} {a:6.3f} s / {b:6.3f} s = {a / b:5.2f}x  "
            f"(median of {repeats})"
        )


def verdict_steps() -> None:
    from pytest_lrcheck.catalog import load_catalog
    from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES

    mark = re.compile(r"^(\w+)\s*=.*#\s*expect:\s*LRC5\d\d\s*$", re.MULTILINE)
    print(
        f"\n{'example':8s} {'healthy':8s} {'verdict step':>12s} {'steps run':>9s} "
        f"{'saved':>5s} {'seconds':>8s}  codes"
    )
    for code, doc in sorted(load_catalog().items()):
        if code not in SYMPTOM_NAMES:
            continue
        block = doc.examples[0]
        name = mark.search(block.code)
        if name is None:
            continue
        namespace: dict[str, Any] = {"__name__": "example"}
        began = time.perf_counter()
        exec(compile(block.code, doc.filename, "exec"), namespace)
        seconds = time.perf_counter() - began
        report = namespace[name.group(1)]
        print(
            f"{code:8s} {report.healthy!s:8s} {report.verdict_step!s:>12s} "
            f"{report.steps_run:9d} {report.steps_saved:5d} {seconds:8.2f}  "
            f"{','.join(report.codes)}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-verdicts", action="store_true", help="only the ratios")
    args = parser.parse_args(argv)
    ratios(args.repeats)
    if not args.no_verdicts:
        verdict_steps()
    return 0


if __name__ == "__main__":
    sys.exit(main())
