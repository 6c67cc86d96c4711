"""Held-out scoring in NumPy: does a trained model beat the best constant guess?

The score is computed from ``model.predict``, not from the model's own compiled loss, so it
means the same for a custom loss, a custom ``train_step`` compiled without one, weighted
training and several outputs.  The constant guess is the best one in hindsight (the held-out
class shares, or the held-out mean), so beating it is a fair bar.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from tests.zoo.case import HeldOut

EPSILON = 1e-7
KINDS = ("classes", "logits", "binary", "regression")


def _labels(y: np.ndarray, classes: int) -> np.ndarray:
    y = np.asarray(y)
    if y.ndim >= 2 and y.shape[-1] == classes and classes > 1:
        return np.asarray(y.argmax(axis=-1).reshape(-1))
    return np.asarray(y.reshape(-1).astype("int64"))


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return np.asarray(exp / exp.sum(axis=-1, keepdims=True))


def _entropy(shares: np.ndarray) -> float:
    shares = shares[shares > 0]
    return float(-(shares * np.log(shares)).sum())


def loss_and_baseline(kind: str, y: Any, prediction: Any) -> tuple[float, float]:
    """(the model's held-out loss, the best constant guess's loss) for one output."""
    pred = np.asarray(prediction, dtype="float64")
    if kind in ("classes", "logits"):
        classes = pred.shape[-1]
        probs = _softmax(pred) if kind == "logits" else pred / pred.sum(-1, keepdims=True)
        labels = _labels(y, classes)
        picked = np.clip(probs.reshape(-1, classes)[np.arange(len(labels)), labels], EPSILON, 1)
        shares = np.bincount(labels, minlength=classes) / len(labels)
        return float(-np.log(picked).mean()), _entropy(shares)
    if kind == "binary":
        truth = np.asarray(y, dtype="float64").reshape(-1)
        p = np.clip(pred.reshape(-1), EPSILON, 1 - EPSILON)
        loss = -(truth * np.log(p) + (1 - truth) * np.log(1 - p)).mean()
        share = truth.mean()
        return float(loss), _entropy(np.array([share, 1 - share]))
    if kind == "regression":
        target = np.asarray(y, dtype="float64").reshape(pred.shape)
        spread = target - target.mean(axis=0)
        return float(((target - pred) ** 2).mean()), float((spread**2).mean())
    raise ValueError(f"unknown output kind {kind!r}; expected one of {KINDS}")


def _pairs(kinds: Any, y: Any, prediction: Any) -> list[tuple[str, str, Any, Any]]:
    """(output name, kind, targets, predictions) for each output."""
    if isinstance(kinds, str):
        return [("output", kinds, y, prediction)]
    if isinstance(kinds, Mapping):
        if not isinstance(prediction, Mapping):  # a dict y for a model with list outputs
            prediction = dict(zip(kinds, prediction, strict=True))
        return [(name, kind, y[name], prediction[name]) for name, kind in kinds.items()]
    return [
        (f"output {i}", kind, target, pred)
        for i, (kind, target, pred) in enumerate(zip(kinds, y, prediction, strict=True))
    ]


def held_out_ratios(model: Any, held_out: HeldOut) -> dict[str, tuple[float, float]]:
    """Per output: (held-out loss, constant-guess loss).  A non-finite prediction gives an
    infinite loss."""
    prediction = model.predict(held_out.x, batch_size=256, verbose=0)
    scores: dict[str, tuple[float, float]] = {}
    for name, kind, target, pred in _pairs(held_out.kinds, held_out.y, prediction):
        loss, baseline = loss_and_baseline(kind, target, pred)
        scores[name] = (loss if np.isfinite(loss) else float("inf"), baseline)
    return scores


def worst_ratio(scores: Mapping[str, tuple[float, float]]) -> float:
    """The largest loss/baseline ratio over the outputs (1.0 = no better than a constant)."""
    return max(
        loss / baseline if baseline > 0 else float("inf") for loss, baseline in scores.values()
    )
