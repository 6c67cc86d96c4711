"""Look inside a model on one fixed batch: predictions, unit activity, per-layer gradients.

Probes run eagerly (no tracing cost) and only when a run is unhealthy, or once at the end of
a run for the prediction summary the verdict needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.runtime.keras_compat import flatten_layers
from pytest_lrcheck.runtime.model_facts import ModelFacts, read_model_facts
from pytest_lrcheck.runtime.model_state import ModelState


@dataclass(frozen=True)
class Predictions:
    values: np.ndarray
    constant: bool
    ties_at_one: float  # share of samples with two or more outputs exactly 1.0
    distinct_classes: int | None
    output: str | None = None  # the output's name, for a model with several


@dataclass(frozen=True)
class LayerActivity:
    name: str
    activation: str
    dead_fraction: float  # relu: units that are zero for every sample of the batch
    saturated_fraction: float  # sigmoid/tanh: outputs within 1% of their bounds


@dataclass(frozen=True)
class LayerGradient:
    name: str
    grad_norm: float
    weight_norm: float


@dataclass(frozen=True)
class WeightChange:
    """Which trainable weights a run moved: the names of the trainable variables, and of
    those that hold exactly their starting values at its end."""

    trainable: tuple[str, ...]
    unchanged: tuple[str, ...]
    frozen: int  # non-trainable weight tensors of the layers (statistics, frozen layers)
    steps: int


def weight_change(model: Any, start: ModelState, end: ModelState, steps: int) -> WeightChange:
    """Compare each trainable variable's value at the run's start and end.  A variable the
    start does not know (built during the run) counts as changed: no evidence against it."""
    trainable, unchanged = [], []
    for variable in model.trainable_variables:
        trainable.append(variable.path)
        before, after = start.value_of(variable), end.value_of(variable)
        if before is not None and after is not None and np.array_equal(before, after):
            unchanged.append(variable.path)
    frozen = sum(1 for v in model.non_trainable_variables if len(v.shape) >= 2)
    return WeightChange(tuple(trainable), tuple(unchanged), frozen, steps)


def summarize_predictions(values: np.ndarray) -> Predictions:
    values = np.asarray(values, dtype=np.float64).reshape(values.shape[0], -1)
    spread = float(values.std(axis=0).mean())
    scale = float(np.abs(values).mean()) + 1.0
    constant = spread <= 1e-4 * scale
    distinct = None
    if values.shape[1] > 1:
        distinct = int(np.unique(values.argmax(axis=1)).size)
        constant = constant or distinct == 1
    ties = float(np.mean((values == 1.0).sum(axis=1) >= 2)) if values.shape[1] > 1 else 0.0
    return Predictions(values, bool(constant), ties, distinct)


def summarize_outputs(outputs: Sequence[np.ndarray], facts: ModelFacts) -> tuple[Predictions, ...]:
    """One `Predictions` per output of a model with several, in the order of
    ``facts.outputs`` and named after its output; for a model with one output (or outputs its
    facts do not describe), that of its first output alone, unnamed."""
    if facts.outputs and len(outputs) == len(facts.outputs):
        return tuple(
            replace(summarize_predictions(values), output=name)
            for (name, _), values in zip(facts.outputs, outputs, strict=True)
        )
    return (summarize_predictions(outputs[0]),)


def collapse_judged(predictions: Sequence[Predictions], facts: ModelFacts) -> list[Predictions]:
    """The outputs whose predictions decide whether the model collapsed: its classifier
    outputs (a regression output has no class to collapse onto), or every output when none
    is a classifier (their values' spread decides then)."""
    kinds = dict(facts.outputs)
    classifiers = [p for p in predictions if p.output in kinds and kinds[p.output].is_classifier]
    return classifiers or list(predictions)


def collapsed(predictions: Sequence[Predictions], facts: ModelFacts) -> bool:
    """Whether the model predicts the same for every probe sample: every output
    `collapse_judged` reads (a model with one output: that one) is constant."""
    return all(p.constant for p in collapse_judged(predictions, facts))


def collapsed_outputs(predictions: Sequence[Predictions], facts: ModelFacts) -> tuple[str, ...]:
    """The names of the outputs that collapsed, for a model with several whose every
    judged output did (`collapsed`); () otherwise, and for a model with one output."""
    if not collapsed(predictions, facts):
        return ()
    return tuple(p.output for p in collapse_judged(predictions, facts) if p.output is not None)


def layer_activity(
    model: Any, x: Any, facts: ModelFacts | None = None
) -> tuple[LayerActivity, ...]:
    """Dead ReLUs and saturated sigmoid/tanh units of the hidden layers; () if unreadable.
    ``facts`` are the model's, when the caller has read them already."""
    import keras

    facts = read_model_facts(model) if facts is None else facts
    wanted = set(facts.relu_layers) | set(facts.saturating_layers)
    if not wanted:
        return ()
    layers = [layer for layer in flatten_layers(model) if layer.name in wanted]
    try:
        inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
        probe = keras.Model(inputs, [layer.output for layer in layers])
        outputs = probe(x, training=False)
    except Exception:
        # Subclassed or nested models have no symbolic graph (no ``inputs``) to tap: no
        # activity evidence.
        return ()
    if not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    found = []
    for layer, output in zip(layers, outputs, strict=True):
        values = np.asarray(keras.ops.convert_to_numpy(output), dtype=np.float64)
        values = values.reshape(values.shape[0], -1)
        name = _activation(layer)
        dead = saturated = 0.0
        if name in vocab.RELU_FAMILY:
            dead = float(np.mean(np.all(values <= 0.0, axis=0)))
        elif name in vocab.SIGMOIDS:
            saturated = float(np.mean((values < 0.01) | (values > 0.99)))
        else:
            saturated = float(np.mean(np.abs(values) > 0.99))
        found.append(LayerActivity(layer.name, name, dead, saturated))
    return tuple(found)


def layer_gradients(model: Any, x: Any, y: Any) -> tuple[LayerGradient, ...]:
    """Gradient and weight norms of each kernel, input side first; () if not computable."""
    from pytest_lrcheck.runtime.gradients import loss_gradients

    try:
        grads = loss_gradients(model, x, y)
    except Exception:
        # A model whose loss the helper cannot differentiate (a custom train_step with no
        # compiled loss): no gradient evidence.
        return ()
    found = []
    for variable, grad in zip(model.trainable_variables, grads, strict=True):
        if grad is None or len(variable.shape) < 2:
            continue
        weight = np.asarray(variable.numpy(), dtype=np.float64)
        found.append(
            LayerGradient(variable.path, float(np.linalg.norm(grad)), float(np.linalg.norm(weight)))
        )
    return tuple(found)


def _activation(layer: Any) -> str:
    applied = vocab.ACTIVATION_LAYERS.get(type(layer).__name__)
    if applied is not None:
        return applied
    activation = getattr(layer, "activation", None)
    return str(getattr(activation, "__name__", activation))
