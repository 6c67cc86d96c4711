"""LRC516: the output activation and the loss do not fit together, read from the live model.

The same pairs the static rules LRC101-LRC105 find in source, decided by the same table
(`pytest_lrcheck.keras_vocab.pairing`): categorical cross-entropy without softmax, a one-unit
softmax, binary cross-entropy without sigmoid, ``from_logits`` against a probability output, a
classification output under a regression loss.

Under Keras 3 a mismatch often trains "fine": cross-entropy after a sigmoid or a one-unit
softmax is computed from the pre-activations, so the loss falls while the outputs a user
reads are wrong (sigmoids that saturate and tie at 1.0, a softmax that is always 1.0).  The
outputs are therefore checked against the loss: a loss recomputed from the predictions
themselves that is far above the training loss is a verdict, not only an explanation.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.runtime.model_facts import ModelFacts
from pytest_lrcheck.runtime.probes import Predictions
from pytest_lrcheck.runtime.report import Symptom, make_symptom

_EPS = 1e-7
# The loss recomputed from the outputs may exceed the training loss by this much (nats)
# before the outputs count as contradicting it.  Measured on five seeds: sigmoid outputs under
# categorical cross-entropy with scaled inputs, which Keras trains correctly, 0.6-1.0; a
# one-unit softmax under binary cross-entropy, 7.3-8.5.
CONTRADICTION = 3.0


def config_mismatch(facts: ModelFacts, y: Any = None) -> tuple[str, str] | None:
    """(what is wrong, what to do) for the output activation / loss pair, or None."""
    act, loss = facts.output_activation, facts.loss
    if act is None or loss is None:
        return None
    targets = None
    if isinstance(y, np.ndarray) and y.size > 0:
        targets = vocab.Targets(low=float(y.min()), high=float(y.max()))
    found = vocab.mismatches(
        act, loss, from_logits=facts.from_logits, units=facts.output_units, targets=targets
    )
    return (found[0].problem, found[0].fix) if found else None


def mismatch_symptom(facts: ModelFacts, found: tuple[str, str] | None) -> Symptom | None:
    """LRC516 for ``found``, the model's `config_mismatch` (None: no symptom)."""
    if found is None:
        return None
    problem, fix = found
    return make_symptom(
        "LRC516",
        f"{problem}; {fix}",
        {
            "output_activation": facts.output_activation,
            "loss": facts.loss_label,
            "from_logits": facts.from_logits,
            "output_units": facts.output_units,
        },
        0.8,
    )


def outputs_contradict_loss(
    facts: ModelFacts,
    found: tuple[str, str] | None,
    predictions: Predictions,
    y: Any,
    trained_loss: float,
) -> Symptom | None:
    """Verdict-level LRC516: the outputs score far worse than the loss the model trains on.
    ``found`` is the model's `config_mismatch`."""
    if found is None or facts.from_logits or not isinstance(y, np.ndarray):
        return None
    scored = _loss_from_outputs(facts.loss, predictions.values, y)
    if scored is None or not math.isfinite(trained_loss):
        return None
    if scored - trained_loss < CONTRADICTION:
        return None
    problem, fix = found
    tie = ""
    if predictions.ties_at_one:
        tie = f"; {100 * predictions.ties_at_one:.0f}% of samples tie at 1.0 in several classes"
    return make_symptom(
        "LRC516",
        f"{problem}: the outputs score a loss of {scored:.3g} while training reports "
        f"{trained_loss:.3g}{tie}; {fix}",
        {
            "loss_from_outputs": scored,
            "training_loss": trained_loss,
            "ties_at_one": predictions.ties_at_one,
            "predictions_constant": predictions.constant,
        },
        0.9,
    )


def _loss_from_outputs(loss: str | None, outputs: np.ndarray, y: np.ndarray) -> float | None:
    """The loss as the outputs read as probabilities give it, without Keras' logit shortcut."""
    info = vocab.loss_named(loss)
    if info is None or info.constant_guess != "entropy":
        return None  # only a cross-entropy is the log-likelihood recomputed here
    p = np.asarray(outputs, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if info.labels == "one_hot" and y.shape == p.shape and p.ndim == 2:
        p = p / np.maximum(p.sum(axis=1, keepdims=True), _EPS)
        return float(-(y * np.log(np.clip(p, _EPS, 1 - _EPS))).sum(axis=1).mean())
    if info.labels == "class_ids" and p.ndim == 2:
        p = p / np.maximum(p.sum(axis=1, keepdims=True), _EPS)
        labels = y.reshape(-1).astype(np.int64)
        if labels.size != p.shape[0] or labels.max() >= p.shape[1]:
            return None
        return float(-np.log(np.clip(p[np.arange(labels.size), labels], _EPS, 1)).mean())
    if info.labels == "binary" and y.size == p.size:
        p, y = np.clip(p.reshape(-1), _EPS, 1 - _EPS), y.reshape(-1)
        return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())
    return None
