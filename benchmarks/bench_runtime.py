"""Runtime benchmark: what a training check costs next to plain Keras, in the same process.

Prints, never asserts:

1. wall time of `check_training` (200 steps) over a plain `model.fit` of the same 200 steps
   on a fresh copy of the same seed-sized model (aim: <= 1.15);
2. wall time of `lr_range` (100 steps) over a plain 100-step `fit` (aim: <= 3);
3. the step at which each unhealthy catalog example got its verdict;
4. resident memory over 100 checks in a row, next to 100 plain fits.

    python benchmarks/bench_runtime.py [--repeats 5] [--checks 100] [--skip-memory]

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
    from pytest_lrcheck.runtime.check import check_training
    from pytest_lrcheck.runtime.lr_range import lr_range

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
        print(f"{label:34s} {a:6.3f} s / {b:6.3f} s = {a / b:5.2f}x  (median of {repeats})")


def verdict_steps() -> None:
    from pytest_lrcheck.catalog import load_catalog
    from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES

    mark = re.compile(r"^(\w+)\s*=.*#\s*expect:\s*LRC5\d\d\s*$", re.MULTILINE)
    print(
        f"\n{'example':8s} {'healthy':8s} {'verdict step':>12s} {'steps run':>9s} {'seconds':>8s}"
        "  codes"
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
            f"{report.steps_run:9d} {seconds:8.2f}  {','.join(report.codes)}"
        )


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def memory(checks: int) -> None:
    """RSS growth per check, next to the growth per plain fit of a fresh model: Keras and
    TensorFlow keep some memory per traced model whoever trains it."""
    from pytest_lrcheck.runtime.check import check_training

    x, y = _data()
    check_training(_model(), x, y, steps=50)
    _model().fit(x[:1600], y[:1600], batch_size=32, epochs=1, verbose=0)
    runs = {
        "plain fit (50 steps)": lambda i: _model(i).fit(
            x[:1600], y[:1600], batch_size=32, epochs=1, verbose=0
        ),
        "check_training (50 steps)": lambda i: check_training(_model(i), x, y, steps=50, seed=i),
    }
    print(f"\nRSS growth over {checks} runs in a row, a fresh model each:")
    for label, run in runs.items():
        start = _rss_mib()
        line = []
        for index in range(1, checks + 1):
            run(index)
            if index in (10, checks // 2, checks):
                line.append(f"{index}: {_rss_mib() - start:+.0f} MiB")
        per_run = (_rss_mib() - start) / checks
        print(f"  {label:26s} {', '.join(line)}  ({per_run:+.2f} MiB/run)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--checks", type=int, default=100)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args(argv)
    ratios(args.repeats)
    verdict_steps()
    if not args.skip_memory:
        memory(args.checks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
