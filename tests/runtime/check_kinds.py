"""Check every zoo entry with `check_training` on one backend, in a process of its own.

    KERAS_BACKEND=jax python -m tests.runtime.check_kinds [--only NAME,NAME] [--steps 200]

prints one JSON object per entry: its name, what a plain ``fit`` does with it (``expect``),
the check's outcome (``healthy``, ``unhealthy``, ``inconclusive`` or ``error``), its codes or
error, and two verdicts on the model: ``unchanged`` (every variable that existed before the
check holds its value bit for bit) and ``twin`` (a few ``fit`` steps after the check give the
very weights they give on a twin built from the same seed that was never checked; None where
the entry's input cannot be fit twice the same way).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
import warnings
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np

from tests.zoo.case import Case, Entry, keras, seeded
from tests.zoo.registry import selected

TWIN_ROWS = 96  # three batches of 32


def built_case(entry: Entry, seed: int) -> Case:
    """The entry's case with every layer built, so that two builds on one seed are twins.
    A model fed arrays trains one ``fit`` step first: its optimizer and compiled metrics are
    then built too, as the check would otherwise build them, and how much of its state a
    later ``fit`` still has to build (drawing random numbers as it does so, under torch)
    is the same for both twins."""
    case = entry.build(seed)
    seeded(seed)
    if _arrays(case):
        case.model.fit(_head(case.inputs.x, 32), _head(case.inputs.y, 32), verbose=0)
    elif not case.model.built:
        case.model(_head(case.inputs.x, 2), training=False)
    return case


def _arrays(case: Case) -> bool:
    return isinstance(case.inputs.y, (np.ndarray, dict, list))


def training_state(model: Any) -> list[tuple[Any, np.ndarray]]:
    variables = [*model.variables, *model.optimizer.variables, *model.metrics_variables]
    return [(v, np.array(v.numpy())) for v in variables]


def unchanged(before: list[tuple[Any, np.ndarray]]) -> bool:
    return all(np.array_equal(value, v.numpy(), equal_nan=True) for v, value in before)


def _head(value: Any, rows: int) -> Any:
    if isinstance(value, dict):
        return {key: _head(v, rows) for key, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_head(v, rows) for v in value]
    return value[:rows]


def _twin_fit(model: Any, case: Case, seed: int) -> list[np.ndarray]:
    """A few ``fit`` steps from one global random state (dropout may draw from the backend's
    global generator, as torch's does): twins given the same state train the same."""
    seeded(seed)
    inputs = case.inputs
    weights = inputs.sample_weight
    model.fit(
        _head(inputs.x, TWIN_ROWS),
        _head(inputs.y, TWIN_ROWS),
        sample_weight=None if weights is None else weights[:TWIN_ROWS],
        class_weight=inputs.class_weight,
        batch_size=32,
        epochs=1,
        shuffle=False,
        verbose=0,
    )
    return [np.array(w) for w in model.get_weights()]


def check_entry(entry: Entry, seed: int, steps: int) -> dict[str, Any]:
    from pytest_lrcheck import check_training

    case = built_case(entry, seed)
    inputs = case.inputs
    keywords = {k: v for k, v in inputs.keywords().items() if k != "batch_size"}
    if inputs.batch_size:
        keywords["batch_size"] = inputs.batch_size
    before = training_state(case.model)
    began = time.perf_counter()
    result: dict[str, Any] = {"name": entry.name, "expect": entry.expect}
    try:
        report = check_training(case.model, inputs.x, inputs.y, steps=steps, **keywords)
    except (ValueError, TypeError) as error:
        result.update(outcome="error", detail=f"{type(error).__name__}: {error}")
    else:
        outcome = "healthy" if report.healthy else "unhealthy"
        result.update(
            outcome="inconclusive" if report.inconclusive else outcome,
            codes=list(report.codes),
            detail=report.headline(),
        )
    result["seconds"] = time.perf_counter() - began
    result["unchanged"] = unchanged(before)
    if _arrays(case) and result["outcome"] != "error":
        twin = built_case(entry, seed)
        mine, theirs = _twin_fit(case.model, case, seed), _twin_fit(twin.model, twin, seed)
        result["twin"] = all(np.array_equal(a, b) for a, b in zip(mine, theirs, strict=True))
    else:
        result["twin"] = None
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--only", default="", help="comma-separated entry names")
    args = parser.parse_args(argv)
    backend = keras().backend.backend()
    for entry in selected(backend, args.only):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = check_entry(entry, args.seed, args.steps)
        except Exception:  # a crash of the check: the finding this module exists to report
            result = {
                "name": entry.name,
                "expect": entry.expect,
                "outcome": "crash",
                "detail": traceback.format_exc(),
            }
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
