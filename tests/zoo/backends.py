"""Run zoo code on a chosen Keras backend, in a process of its own.

Keras reads ``KERAS_BACKEND`` once, when it is first imported, so each backend needs a fresh
interpreter.  The tests and the benchmarks start theirs here, alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tests.zoo.case import BACKENDS
from tests.zoo.registry import installed

ROOT = Path(__file__).resolve().parents[2]
# The package each backend needs, by its import name.
PACKAGES = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}


def missing(backend: str) -> str | None:
    """Why ``backend`` cannot run here (one line naming what to install), or None."""
    if backend not in BACKENDS:
        return f"unknown Keras backend {backend!r}; choose from {', '.join(BACKENDS)}"
    package = PACKAGES[backend]
    if not installed(package):
        return f"the {backend} backend needs {package}: pip install {package}"
    return None


def environment(backend: str) -> dict[str, str]:
    env = dict(os.environ)
    env["KERAS_BACKEND"] = backend
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    # PyTorch's CPU thread pool spins when the cores are shared, which makes small models
    # ten times slower; one thread is what a busy CI machine can give it anyway.
    if backend == "torch":
        env.setdefault("OMP_NUM_THREADS", "1")
    return env


def run_module(
    backend: str, module: str, args: Sequence[str] = (), timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m module args`` from the repository root on ``backend``; output captured."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=environment(backend),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class WorkerFailed(RuntimeError):
    """A backend's worker process exited with an error of its own (not a run's failure)."""


def stream_json(backend: str, command: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Run ``python command`` on ``backend``, yielding each JSON object it prints as it
    prints it; other stdout lines are passed through.  stderr (TensorFlow's start-up noise)
    is kept aside and shown only if the worker fails."""
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(
            [sys.executable, *command],
            cwd=ROOT,
            env=environment(backend),
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        assert process.stdout is not None
        with process:
            for line in process.stdout:
                if line.startswith("{"):
                    yield json.loads(line)
                elif line.strip():
                    print(line, end="", flush=True)
        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read()[-2000:]
            raise WorkerFailed(f"the {backend} worker exited {process.returncode}:\n{tail}")
