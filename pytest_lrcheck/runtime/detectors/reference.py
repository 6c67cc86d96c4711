"""Reference losses: what a constant guess scores, and what a fresh classifier starts at.

A loss means little alone: 1.8 is stuck for six balanced classes (ln 6 = 1.79) and good for
a thousand.  The best constant prediction (the label prior for cross-entropy, the mean for
squared error) is the floor a model must get under to have learned anything.

A model with several outputs trains on the sum of each output's loss times its
``loss_weights`` entry, so its references are the same weighted sums (`reference_of`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.runtime.model_facts import ModelFacts
from pytest_lrcheck.runtime.validate import output_labels

_EPS = 1e-7


@dataclass(frozen=True)
class LossReference:
    constant: float | None  # loss of the best constant prediction on these labels
    uniform: float | None  # loss of a uniform prediction: where a fresh classifier starts
    n_classes: int | None
    second_moment: float | None = None  # mean(y**2): a fresh regressor predicting ~0 scores this
    # The outputs of a model with several whose weighted references these values sum.
    outputs: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.constant is not None

    @property
    def chance_level(self) -> bool:
        """Whether the constant guess is a classifier's chance level (the class prior), as the
        readings of a net that predicts it need: one classifier's, or the sum over outputs
        that are all classifiers (only a classifier has a uniform start)."""
        return self.uniform is not None

    def guess(self, kind: Literal["constant", "uniform", "zero"]) -> str:
        """The guess a message compares the loss with: "a constant guess over 10 classes",
        "ln 10, a uniform guess", "mean(y**2), predicting zero"; for several outputs, the
        same guess "on each of outputs 'digit', 'parity'"."""
        if self.outputs:
            named = ", ".join(repr(name) for name in self.outputs)
            what = "predicting zero" if kind == "zero" else f"a {kind} guess"
            return f"{what} on each of outputs {named}"
        if kind == "constant":
            return f"a constant guess over {self.n_classes} classes"
        if kind == "uniform":
            return f"ln {self.n_classes}, a uniform guess"
        return "mean(y**2), predicting zero"


UNKNOWN = LossReference(None, None, None)


def for_classes(n_classes: int) -> LossReference:
    """Balanced classes assumed (custom loops, where only the class count is known)."""
    value = math.log(n_classes)
    return LossReference(value, value, n_classes)


def reference_of(facts: ModelFacts, y: Any) -> LossReference:
    """References for the loss a model trains on, from its facts and labels ``y``: for several
    outputs, each output's weighted by its ``loss_weights`` entry and summed, as Keras sums
    the total loss; `UNKNOWN` when one output's reference or weight is unknown."""
    if not facts.outputs:
        return reference_for(facts.loss, y, facts.label_smoothing, n_classes=facts.n_classes)
    parts = []
    for index, (name, own) in enumerate(facts.outputs):
        labels = output_labels(y, name, index)
        part = reference_for(own.loss, labels, own.label_smoothing, n_classes=own.n_classes)
        if not part.known or own.loss_weight is None:
            return UNKNOWN
        parts.append((own.loss_weight, part))
    return LossReference(
        _weighted(parts, "constant"),
        _weighted(parts, "uniform"),
        None,
        _weighted(parts, "second_moment"),
        outputs=tuple(name for name, _ in facts.outputs),
    )


def _weighted(parts: list[tuple[float, LossReference]], field: str) -> float | None:
    """The weighted sum of one reference over outputs; None unless every output has it."""
    values = [getattr(part, field) for _, part in parts]
    if any(value is None for value in values):
        return None
    return float(sum(weight * value for (weight, _), value in zip(parts, values, strict=True)))


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
