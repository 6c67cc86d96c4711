"""Runtime benchmark: what a training check costs next to plain Keras, in the same process.

Prints, never asserts:

1. time of `check_training` (200 steps) over a plain `model.fit` of the same 200 steps
   on a fresh copy of the same seed-sized model (aim: <= 1.0 on every backend);
2. time of `lr_range` (100 steps) over a plain 100-step `fit` (aim: as low as it goes);
3. for each unhealthy catalog example: its verdict and the step it was decided at, the steps
   it ran of those asked for, the steps it saved by stopping at a certain verdict and those it
   still trained past the verdict step, its time to verdict (the check's own seconds, start to
   report) and the example's whole run beside it.

Memory over hundreds of checks in a row is measured by `bench_runtime_soak.py`.

    python benchmarks/bench_runtime.py --backend tensorflow,jax,torch [--repeats 7]
    KERAS_BACKEND=jax python benchmarks/bench_runtime.py [--repeats 5] [--no-verdicts|--no-ratios]

With ``--backend``, each backend runs the ratios in a process of its own (Keras reads
``KERAS_BACKEND`` once; PyTorch gets one thread, see `tests.zoo.backends`) and a table of
all of them is printed at the end.  Without it, the backend of ``KERAS_BACKEND`` runs alone
and every line names it.

Each timing is the median of interleaved repeats, and every run builds and traces its model
afresh (a fit's first call traces its train function, as a check's does).  Wall time and
process CPU time are both printed: on a shared machine the CPU-time ratio is the steadier.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from tests.zoo.backends import WorkerFailed, missing, stream_json


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


def _timed(run: Callable[[], Any]) -> tuple[float, float]:
    """Wall and process CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def _plain_fit(x: np.ndarray, y: np.ndarray, steps: int) -> Callable[[], Any]:
    # Tile the data so one epoch is exactly `steps` batches of 32, shuffled like a check.
    reps = -(-steps * 32 // len(x))
    xs, ys = np.concatenate([x] * reps)[: steps * 32], np.concatenate([y] * reps)[: steps * 32]

    def run() -> None:
        _model().fit(xs, ys, batch_size=32, epochs=1, verbose=0, shuffle=True)

    return run


def ratios(repeats: int) -> None:
    """One JSON line per pair (for the ``--backend`` driver) and one readable line."""
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
        wall = [statistics.median(t[0] for t in times) for times in (ours, theirs)]
        cpu = [statistics.median(t[1] for t in times) for times in (ours, theirs)]
        print(
            json.dumps(
                {
                    "backend": backend,
                    "pair": label,
                    "wall": wall,
                    "cpu": cpu,
                    "repeats": repeats,
                }
            )
        )
        print(
            f"{backend:10s} {label:31s} wall {wall[0]:6.3f} s / {wall[1]:6.3f} s = "
            f"{wall[0] / wall[1]:5.2f}x   cpu {cpu[0] / cpu[1]:5.2f}x  (median of {repeats})",
            flush=True,
        )


def all_backends(backends: list[str], repeats: int) -> None:
    """The ratios of each backend in a process of its own, then one table."""
    rows = []
    for backend in backends:
        reason = missing(backend)
        if reason is not None:
            print(reason)
            continue
        command = [__file__, "--repeats", str(repeats), "--no-verdicts"]
        try:
            rows.extend(stream_json(backend, command))
        except WorkerFailed as failed:
            print(failed)
    print(f"\n{'backend':10s} {'pair':31s} {'wall ratio':>10s} {'cpu ratio':>10s}")
    for row in rows:
        wall, cpu = row["wall"], row["cpu"]
        print(
            f"{row['backend']:10s} {row['pair']:31s} {wall[0] / wall[1]:9.2f}x "
            f"{cpu[0] / cpu[1]:9.2f}x"
        )


def verdict_steps() -> None:
    """Time to verdict of each unhealthy catalog example (``rules/LRC5xx-*.md``): the check's
    own seconds from its start to its report, which stops training at a certain verdict, and
    the steps that stop saved; the example's whole run (building its model) beside it."""
    import keras

    from pytest_lrcheck.catalog import load_catalog
    from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES

    backend = keras.backend.backend()
    mark = re.compile(r"^(\w+)\s*=.*#\s*expect:\s*LRC5\d\d\s*$", re.MULTILINE)
    print(
        f"\n{'backend':10s} {'example':8s} {'verdict':8s} {'at step':>7s} {'run':>4s} "
        f"{'of':>4s} {'saved':>5s} {'past':>4s} {'to verdict':>10s} {'example':>8s}  codes"
    )
    saved = ran = after = 0
    seconds = 0.0
    for code, doc in sorted(load_catalog().items()):
        if code not in SYMPTOM_NAMES:
            continue
        block = doc.examples[0]
        name = mark.search(block.code)
        if name is None:
            continue  # a warning of a healthy run: no verdict to reach
        namespace: dict[str, Any] = {"__name__": "example"}
        began = time.perf_counter()
        exec(compile(block.code, doc.filename, "exec"), namespace)
        whole = time.perf_counter() - began
        report = namespace[name.group(1)]
        verdict = "healthy" if report.healthy else report.headline().split()[2]
        # Steps trained after the verdict step: what a stop at the verdict did not save.
        step = report.verdict_step
        past = 0 if step is None else report.steps_run - step - 1
        saved += report.steps_saved
        ran += report.steps_run
        after += past
        seconds += report.seconds
        print(
            f"{backend:10s} {code:8s} {verdict:8s} {step!s:>7s} "
            f"{report.steps_run:4d} {report.steps_requested!s:>4s} {report.steps_saved:5d} "
            f"{past:4d} {report.seconds:8.2f} s {whole:6.2f} s  {','.join(report.codes)}"
        )
    print(
        f"{backend:10s} {'all':8s} {'':8s} {'':>7s} {ran:4d} {'':>4s} {saved:5d} {after:4d} "
        f"{seconds:8.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-verdicts", action="store_true", help="only the ratios")
    parser.add_argument("--no-ratios", action="store_true", help="only the times to verdict")
    parser.add_argument(
        "--backend", default="", help="comma-separated backends, each in its own process"
    )
    args = parser.parse_args(argv)
    if args.backend:
        all_backends([b for b in args.backend.split(",") if b], args.repeats)
        return 0
    if not args.no_ratios:
        ratios(args.repeats)
    if not args.no_verdicts:
        verdict_steps()
    return 0


if __name__ == "__main__":
    sys.exit(main())
