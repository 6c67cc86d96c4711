"""Many checks in one session leave nothing behind: no traced graph, no registered function.

Tracing a Keras training step under TensorFlow registers a gradient function that keeps the
whole step graph alive (see `pytest_lrcheck.runtime.traces`); a check removes what its own
steps registered.  The counts below are exact, so these tests cannot flake; the resident
memory bound is ten times what a real leak of that kind adds over the same checks.
`benchmarks/bench_runtime_soak.py` measures the growth over 100 and 300 checks.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import threading

import pytest

from pytest_lrcheck.runtime.check import check_training
from pytest_lrcheck.runtime.lr_range import lr_range
from tests.runtime.test_budget import slow_model, wait_for_abandoned_workers

pytestmark = pytest.mark.tensorflow


def leftovers(keras) -> dict[str, int]:
    """What checks could leave behind, counted exactly."""
    from tensorflow.python.eager import context
    from tensorflow.python.framework import ops
    from tensorflow.python.framework.func_graph import FuncGraph

    gc.collect()
    objects = gc.get_objects()
    return {
        "traced graphs": sum(isinstance(o, FuncGraph) for o in objects),
        "models": sum(isinstance(o, keras.Model) for o in objects),
        "functions in the TensorFlow context": len(context.context().list_function_names()),
        "gradient registrations": len(ops._gradient_registry._registry),
        "training threads": sum(t.name == "lrcheck-training" for t in threading.enumerate()),
    }


def test_checks_of_every_kind_leave_no_graph_or_function_behind(keras, mlp, scaled_digits):
    x, y = scaled_digits

    def every_kind(seed: int) -> None:
        check_training(mlp(seed=seed), x, y, steps=20, seed=seed)
        check_training(mlp(seed=seed), x * 16, y, steps=40)  # unhealthy: probes and reruns
        lr_range(mlp(seed=seed), x, y, steps=30)
        check_training(slow_model(keras, 1.0), x, y, steps=20, max_seconds=0.3)  # cut by the budget
        wait_for_abandoned_workers()
        check_training(mlp(seed=seed), x, y, steps=20, seed=seed)

    # The first round creates TensorFlow's one-off wrappers of the eager ops it meets; the
    # last check's functions stay registered until the next check clears the caches.
    every_kind(0)
    after_one = leftovers(keras)
    every_kind(1)
    every_kind(2)
    assert leftovers(keras) == after_one
    assert after_one["training threads"] == 0


def _rss_mib() -> float:
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # hand freed heap back, so RSS shows live data
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS line")


def test_thirty_checks_in_a_row_keep_resident_memory_flat(mlp, scaled_digits):
    try:
        _rss_mib()
    except OSError:
        pytest.skip("resident memory is read from /proc (Linux)")
    x, y = scaled_digits
    # Warm-up: the first checks of a process fill Keras' and TensorFlow's one-off caches and
    # the allocator's arenas (about 15 MiB over the first 30).
    for seed in range(25):
        check_training(mlp(seed=seed), x, y, steps=30, seed=seed)
    start = _rss_mib()
    for seed in range(30):
        check_training(mlp(seed=seed), x, y, steps=30, seed=seed)
    grown = _rss_mib() - start
    # Each check used to keep its traced step alive: 113 MiB over these 30 checks.  Measured
    # now: 1.3-2.3 MiB, and less the more checks ran before.
    assert grown < 11, f"resident memory grew {grown:.1f} MiB over 30 checks"
