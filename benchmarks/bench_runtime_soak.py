"""Soak benchmark: resident memory and time per check over hundreds of checks in one process.

Prints, never asserts.  Each phase runs in a fresh Python process, a fresh model per run:

1. ``check``: `check_training` (50 steps) of healthy models, 300 in a row by default;
2. ``unhealthy``: `check_training` of raw-pixel models, whose diagnosis adds probes, a range
   test and two reruns per check;
3. ``fit``: plain Keras ``model.fit`` of the same 50 steps, the baseline: TensorFlow keeps
   every traced Keras training step alive (a gradient registration per trace, see
   `pytest_lrcheck.runtime.traces`), which a check now releases and ``fit`` does not.

For each phase: resident memory after ``gc.collect()`` at checkpoints, and the growth per run
in successive windows, so a plateau shows as a falling rate; the growth at the end after
glibc's ``malloc_trim`` (the heap live data still holds, without the allocator's free pages);
and the time per run in the first and the last window.

    python benchmarks/bench_runtime_soak.py [--checks 300] [--unhealthy 100] [--fits 100]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import itertools
import os
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

WARM_UP = 10  # runs before the first measurement: one-off traces and caches


def _rss_mib(trim: bool) -> float:
    gc.collect()
    if trim:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _runner(phase: str) -> Callable[[int], Any]:
    import keras
    from sklearn.datasets import load_digits

    from pytest_lrcheck.runtime.check import check_training

    digits = load_digits()
    x = (digits.images / 16.0).astype("float32")
    y = keras.utils.to_categorical(digits.target, 10).astype("float32")

    def model(seed: int) -> Any:
        keras.utils.set_random_seed(seed)
        built = keras.Sequential(
            [
                keras.Input((8, 8)),
                keras.layers.Flatten(),
                keras.layers.Dense(32, activation="relu"),
                keras.layers.Dense(10, activation="softmax"),
            ]
        )
        built.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy")
        return built

    if phase == "check":
        return lambda i: check_training(model(i), x, y, steps=50, seed=i)
    if phase == "unhealthy":
        return lambda i: check_training(model(i), x * 255, y, steps=50, seed=i)
    return lambda i: model(i).fit(x[:1600], y[:1600], batch_size=32, epochs=1, verbose=0)


def run_phase(phase: str, runs: int) -> None:
    """One phase, in this process: print one table."""
    run = _runner(phase)
    for index in range(WARM_UP):
        run(10_000 + index)
    marks = sorted({m for m in (10, 50, 100, 150, 200, 250, 300, runs) if m <= runs})
    base = _rss_mib(trim=True)  # the only trims: here and at the end
    rows: list[tuple[int, float]] = [(0, 0.0)]
    times: list[float] = []
    for index in range(1, runs + 1):
        began = time.perf_counter()
        run(index)
        times.append(time.perf_counter() - began)
        if index in marks:
            rows.append((index, _rss_mib(trim=False) - base))
    trimmed = _rss_mib(trim=True) - base
    print(f"\n{phase}: {runs} runs after {WARM_UP} warm-up runs")
    print(f"  {'runs':>5s} {'RSS':>9s}   growth per run in the window")
    for (n0, r0), (n1, r1) in itertools.pairwise(rows):
        print(f"  {n1:5d} {r1:+7.1f} MiB   {n0:>3d}-{n1:<3d}: {(r1 - r0) / (n1 - n0):+.3f} MiB/run")
    print(
        f"  after malloc_trim at the end: {trimmed:+.1f} MiB, {trimmed / runs:+.3f} MiB/run "
        "(the heap still in use)"
    )
    window = max(1, min(50, runs // 4))
    first, last = times[:window], times[-window:]
    print(
        f"  time per run: first {window} {1000 * sum(first) / len(first):.0f} ms, "
        f"last {window} {1000 * sum(last) / len(last):.0f} ms "
        f"(ratio {sum(last) / sum(first):.2f})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checks", type=int, default=300)
    parser.add_argument("--unhealthy", type=int, default=100)
    parser.add_argument("--fits", type=int, default=100)
    parser.add_argument("--phase", choices=("check", "unhealthy", "fit"), help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        run_phase(args.phase, args.runs)
        return 0
    if not os.path.exists("/proc/self/status"):
        print("resident memory is read from /proc: Linux only")
        return 0
    for phase, runs in (("check", args.checks), ("unhealthy", args.unhealthy), ("fit", args.fits)):
        if runs > 0:
            # A fresh process per phase: one phase's caches and heap do not colour the next.
            command = [sys.executable, __file__, "--phase", phase, "--runs", str(runs)]
            subprocess.run(command, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
