"""Reference losses: what a constant guess scores, and what a fresh classifier starts at.

A loss means little alone: 1.8 is stuck for six balanced classes (ln 6 = 1.79) and good for
a thousand.  The best constant prediction (the label prior for cross-entropy, the mean for
squared error) is the floor a model must get under to have learned anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from pytest_lrcheck import keras_vocab as vocab

_EPS = 1e-7


@dataclass(frozen=True)
class LossReference:
    constant: float | None  # loss of the best constant prediction on these labels
    uniform: float | None  # loss of a uniform prediction: where a fresh classifier starts
    n_classes: int | None
    second_moment: float | None = None  # mean(y**2): a fresh regressor predicting ~0 scores this

    @property
    def known(self) -> bool:
        return self.constant is not None


UNKNOWN = LossReference(None, None, None)


def for_classes(n_classes: int) -> LossReference:
    """Balanced classes assumed (custom loops, where only the class count is known)."""
    value = math.log(n_classes)
    return LossReference(value, value, n_classes)


def reference_for(
    loss: str | None, y: Any, label_smoothing: float = 0.0, n_classes: int | None = None
) -> LossReference:
    """References for the compiled loss on labels ``y``; `UNKNOWN` for other losses.

    ``n_classes`` (the model's output units) overrides the count read from sparse labels,
    which may not use every class.
    """
    info = vocab.loss_named(loss)
    if info is None or not isinstance(y, np.ndarray) or y.size == 0:
        return UNKNOWN
    y = y.astype(np.float64)
    guess, kind = info.constant_guess, info.labels
    if guess == "entropy" and kind == "one_hot":
        classes = y.shape[-1]
        y = y.reshape(-1, classes)
        if label_smoothing:
            y = y * (1 - label_smoothing) + label_smoothing / classes
        return LossReference(_entropy(y.mean(axis=0)), math.log(classes), classes)
    if guess == "entropy" and kind == "class_ids":
        labels = y.reshape(-1).astype(np.int64)
        prior = np.bincount(labels) / labels.size
        classes = n_classes or max(int(labels.max()) + 1, 2)
        return LossReference(_entropy(prior), math.log(classes), classes)
    if guess == "entropy" and kind == "binary":
        columns = y.reshape(y.shape[0], -1)
        if label_smoothing:
            columns = columns * (1 - label_smoothing) + 0.5 * label_smoothing
        mean = columns.mean(axis=0)
        p = np.clip(mean, _EPS, 1 - _EPS)
        # A column of one class is guessed exactly: its constant-guess loss is 0, not the
        # clipping's 1e-6, so the curve judge sees labels of one class for what they are.
        bits = np.where((mean <= 0) | (mean >= 1), 0.0, -(p * np.log(p) + (1 - p) * np.log(1 - p)))
        return LossReference(float(bits.mean()), math.log(2), 2)
    if guess == "variance":
        columns = y.reshape(y.shape[0], -1)
        second = float(np.mean(columns**2))
        return LossReference(float(columns.var(axis=0).mean()), None, None, second)
    if guess == "median_deviation":
        columns = y.reshape(y.shape[0], -1)
        spread = np.abs(columns - np.median(columns, axis=0)).mean()
        return LossReference(float(spread), None, None, float(np.mean(np.abs(columns))))
    return UNKNOWN


def _entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())
