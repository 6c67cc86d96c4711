"""Warnings read from the labels: LRC517 (one class or one value) and LRC518 (class-sorted
batches).

Neither stops a loss from falling: a model learns a constant answer to labels of one class in
a few steps, and batches of one class each pull it from class to class while the average still
goes down.  So they are warnings of a healthy-looking run, never a verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.runtime.report import Symptom, make_symptom

# Class-sorted data: neighbouring rows change class at most this share of the times shuffled
# rows with the same class frequencies would (1 - sum p_c**2).  Shuffled rows sit within a few
# standard errors of that rate (over 256 rows at a 95/5 split: 0.095 +- 0.018); sorted rows
# change class only at the few class boundaries, (classes - 1) / rows: 0.01 and less.
SORTED_CHANGES = 0.1
MIN_BATCHES = 4  # fewer batches than this show no order
MIN_ROWS = 64
# The labels are read, not inferred, and they come first: dead units or a stalled loss in a
# run on sorted or one-class labels follow from them, so they outrank those (at most 0.9).
CONFIDENCE = 0.9


def class_ids(y: Any, loss: str | None) -> np.ndarray | None:
    """The class of each row for a classification loss, else None."""
    info = vocab.loss_named(loss)
    if info is None or not isinstance(y, np.ndarray) or y.size == 0:
        return None
    if info.labels == "one_hot" and y.ndim >= 2:
        return np.asarray(y.reshape(-1, y.shape[-1]).argmax(axis=-1))
    if info.labels == "class_ids":
        return np.asarray(y.reshape(-1)).astype(np.int64)
    if info.labels == "binary" and (y.ndim == 1 or y.shape[-1] == 1):
        return np.asarray(y.reshape(-1) >= 0.5).astype(np.int64)
    return None


def single_valued(y: Any, loss: str | None, *, where: str = "y") -> Symptom | None:
    """LRC517: every label is the same class, or every regression target the same value."""
    if not isinstance(y, np.ndarray) or y.size < 2 or not np.issubdtype(y.dtype, np.number):
        return None
    classes = class_ids(y, loss)
    if classes is not None:
        if np.unique(classes).size != 1:
            return None
        label = int(classes[0])
        what = f"every label in {where} is class {label}"
        evidence: dict[str, Any] = {"class": label, "rows": int(classes.size)}
    else:
        info = vocab.loss_named(loss)
        if info is None or info.labels != "real":
            return None
        values = y.reshape(y.shape[0], -1).astype(np.float64)
        if not np.all(values.max(axis=0) == values.min(axis=0)):
            return None
        what = f"every target in {where} has the same value ({values[0, 0]:.4g})"
        evidence = {"value": float(values[0, 0]), "rows": int(values.shape[0])}
    return make_symptom(
        "LRC517",
        f"{what}: the model learns to answer a constant and the loss falls to its floor "
        "without learning anything; check how the labels were built (a filter, a slice, "
        "a column mix-up)",
        evidence,
        CONFIDENCE,
    )


def class_sorted(batches: Sequence[Any], loss: str | None, *, where: str) -> Symptom | None:
    """LRC518: the labels of consecutive batches come in long runs of one class."""
    per_batch = [class_ids(np.asarray(y), loss) for y in batches if y is not None]
    usable = [c for c in per_batch if c is not None and c.size]
    if len(usable) < MIN_BATCHES or len(usable) < len(per_batch):
        return None
    stream = np.concatenate(usable)
    _, counts = np.unique(stream, return_counts=True)
    if stream.size < MIN_ROWS or counts.size < 2:
        return None  # too few rows, or one class throughout (LRC517 says that)
    shuffled = 1.0 - float(((counts / stream.size) ** 2).sum())
    changes = float(np.mean(stream[1:] != stream[:-1]))
    if changes > SORTED_CHANGES * shuffled:
        return None
    pure = sum(np.unique(c).size == 1 for c in usable)
    return make_symptom(
        "LRC518",
        f"{pure} of the {len(usable)} batches {where} hold a single class: the labels come "
        f"sorted, {counts.size} classes in turn (neighbouring rows change class "
        f"{100 * changes:.1f}% of the time, shuffled rows would {100 * shuffled:.0f}%), so "
        "each stretch of batches pulls the model towards one class and away from the rest; "
        "shuffle the data (fit(shuffle=True), or dataset.shuffle(len(data)) before .batch())",
        {
            "batches": len(usable),
            "single_class_batches": pure,
            "classes": int(counts.size),
            "class_changes": changes,
            "shuffled_changes": shuffled,
        },
        CONFIDENCE,
    )
