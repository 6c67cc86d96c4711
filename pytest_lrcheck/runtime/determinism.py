"""Randomness in the training data that a seeded check cannot control, named in its report.

A check seeds Python, NumPy and the backend, so the same model and data give the same verdict.
Two sources escape those seeds and make two identical checks train on other batches:

* a ``tf.data`` pipeline whose ``shuffle`` has no seed (TensorFlow then draws one of its own
  every time the pipeline is built), or whose options allow a nondeterministic order; read
  from the pipeline's structure, without reading any data;
* a ``keras.utils.PyDataset`` (or another indexable source of batches) whose first batch
  differs when read twice under the same seeds: it draws from a generator of its own.

These are notes, not failures: the verdict stands, and the note says why a rerun may differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from pytest_lrcheck.runtime import tf_compat


def uncontrolled_randomness(x: Any, seed: int) -> list[str]:
    """Notes naming what in ``x`` no seed of the check controls (empty when nothing)."""
    from pytest_lrcheck.runtime.batches import is_stream
    from pytest_lrcheck.runtime.validate import is_dataset

    if is_dataset(x):
        return _pipeline_notes(x)
    if is_stream(x) and not hasattr(x, "__next__"):
        return _sequence_notes(x, seed)
    return []


def _pipeline_notes(dataset: Any) -> list[str]:
    notes = []
    shuffles = tf_compat.unseeded_shuffles(dataset)
    if shuffles:
        which = "its shuffle has" if shuffles == 1 else f"{shuffles} of its shuffles have"
        notes.append(
            f"the tf.data pipeline is not repeatable: {which} no seed, so another check of "
            "the same model trains on other batches; pass shuffle(..., seed=0), or call "
            "tf.random.set_seed before building the pipeline (the lrcheck fixture does)"
        )
    try:
        deterministic = dataset.options().deterministic
    except (AttributeError, TypeError):
        deterministic = None
    if deterministic is False:
        notes.append(
            "the tf.data pipeline is not repeatable: its options set deterministic=False, so "
            "its parallel steps may yield batches in another order on every run"
        )
    return notes


def _sequence_notes(source: Any, seed: int) -> list[str]:
    """Read the first batch twice under the check's seeds: a batch that differs draws from a
    random generator of its own.  Two reads of one batch, nothing else."""
    from pytest_lrcheck.runtime.state import seeded

    try:
        if len(source) < 1:
            return []
        with seeded(seed):
            first = source[0]
        with seeded(seed):
            second = source[0]
    except Exception:  # the source's own errors are the check's to report, not this note's
        return []
    if _same(first, second):
        return []
    return [
        f"the {type(source).__qualname__} is not repeatable: its first batch differs when read "
        "twice with the same seeds, so it draws from a random generator of its own; seed it "
        "(np.random.default_rng(seed)) for the same batches on every run"
    ]


def _same(first: Any, second: Any) -> bool:
    if isinstance(first, Mapping) and isinstance(second, Mapping):
        return first.keys() == second.keys() and all(_same(first[k], second[k]) for k in first)
    if isinstance(first, (list, tuple)) and isinstance(second, (list, tuple)):
        return len(first) == len(second) and all(
            _same(a, b) for a, b in zip(first, second, strict=True)
        )
    try:
        return bool(np.array_equal(np.asarray(first), np.asarray(second), equal_nan=True))
    except (TypeError, ValueError):
        return True  # not comparable: no evidence of randomness
