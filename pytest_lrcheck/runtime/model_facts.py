"""What a live, compiled Keras model says about itself: output activation, loss, optimizer.

These are the facts the static rules read from source (LRC101-LRC105), read here from the
objects instead, so a model built in a helper, a loop or a notebook is judged the same way.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.runtime import keras_compat

# Layers that pass the previous activation through unchanged, looking back from the output.
_PASSTHROUGH = vocab.PASSTHROUGH_LAYERS | vocab.RESHAPING_LAYERS


@dataclass(frozen=True)
class ModelFacts:
    output_activation: str | None
    output_units: int | None
    loss: str | None  # canonical Keras function name, None when not a single known loss
    loss_label: str
    from_logits: bool
    label_smoothing: float
    optimizer: str | None
    learning_rate: float | None
    lr_schedule: bool
    input_scaling_layer: str | None
    embedding_input: bool
    relu_layers: tuple[str, ...]
    saturating_layers: tuple[str, ...]
    # Dimensions of the model's one output, batch included (None: several outputs, unknown).
    output_rank: int | None = None
    # A model with several outputs: (name, the facts of that output alone) for each, in the
    # order of ``model.outputs``; the facts above then describe no single output.
    outputs: tuple[tuple[str, ModelFacts], ...] = ()
    # The facts of one output of several: the weight of its loss in the total Keras trains on
    # (``loss_weights``; None when it cannot be read).
    loss_weight: float | None = 1.0

    @property
    def is_classifier(self) -> bool:
        return self.loss in vocab.CLASSIFICATION_LOSSES

    @property
    def n_classes(self) -> int | None:
        """Classes a categorical cross-entropy chooses among, whose chance level is their log
        (None for other losses: a focal loss's value is not a log-likelihood)."""
        info = vocab.loss_named(self.loss)
        if info is None or info.constant_guess != "entropy":
            return None
        return self.output_units if info.labels in ("one_hot", "class_ids") else None


def read_model_facts(model: Any) -> ModelFacts:
    """Facts of a compiled Keras model; unknown facts are None, never guessed."""
    layers = _all_layers(model)
    output_layer = _output_layer(model)
    loss_name, loss_label, from_logits, smoothing = describe_loss(getattr(model, "loss", None))
    lr, schedule = read_learning_rate(getattr(model, "optimizer", None))
    optimizer = getattr(model, "optimizer", None)
    scaling, embedding = _input_handling(layers)
    facts = ModelFacts(
        output_activation=_activation_name(output_layer) if output_layer is not None else None,
        output_units=_output_units(model),
        loss=loss_name,
        loss_label=loss_label,
        from_logits=from_logits,
        label_smoothing=smoothing,
        optimizer=None if optimizer is None else type(optimizer).__name__,
        learning_rate=lr,
        lr_schedule=schedule,
        input_scaling_layer=scaling,
        embedding_input=embedding,
        relu_layers=tuple(
            layer.name
            for layer in layers
            if layer is not output_layer and _activation_name(layer) in vocab.RELU_FAMILY
        ),
        saturating_layers=tuple(
            layer.name
            for layer in layers
            if layer is not output_layer
            and type(layer).__name__ not in vocab.RECURRENT_LAYERS
            and _activation_name(layer) in vocab.SATURATING_ACTIVATIONS
        ),
        output_rank=_output_rank(model),
    )
    return replace(facts, outputs=_per_output(model, facts))


def _per_output(model: Any, facts: ModelFacts) -> tuple[tuple[str, ModelFacts], ...]:
    """Each output's activation, units and loss (a loss dict by name, a list by position, one
    loss for all), so labels and pairings are judged, and named, per output."""
    outputs = list(getattr(model, "outputs", None) or [])
    names = list(getattr(model, "output_names", None) or [])
    if len(outputs) < 2 or len(names) != len(outputs):
        return ()
    losses = getattr(model, "loss", None)
    try:
        weights = keras_compat.compiled_loss_weights(model)
        readable = True
    except LookupError:
        weights, readable = None, False
    found = []
    for index, (name, tensor) in enumerate(zip(names, outputs, strict=True)):
        loss_name, loss_label, from_logits, smoothing = describe_loss(
            _output_entry(losses, name, index)
        )
        layer = _look_through(keras_compat.producing_layer(tensor), len(model.layers))
        shape = tuple(getattr(tensor, "shape", ()) or ())
        last = shape[-1] if shape else None
        own = replace(
            facts,
            output_activation=_activation_name(layer) if layer is not None else None,
            output_units=last if isinstance(last, int) else None,
            loss=loss_name,
            loss_label=loss_label,
            from_logits=from_logits,
            label_smoothing=smoothing,
            output_rank=len(shape) or None,
            loss_weight=_loss_weight(weights, name, index) if readable else None,
        )
        found.append((str(name), own))
    return tuple(found)


def _output_entry(setting: Any, name: str, index: int) -> Any:
    """One output's entry of a compile setting given per output (``loss``, ``loss_weights``):
    by name from a dict, by position from a list, or the setting itself, the same for all."""
    if isinstance(setting, Mapping):
        return setting.get(name)
    if isinstance(setting, (list, tuple)):
        return setting[index] if index < len(setting) else None
    return setting


def _loss_weight(weights: Any, name: str, index: int) -> float | None:
    """The weight of one output's loss: ``loss_weights`` by name (a dict), by position (a
    list), the same for all (a number), 1 without them; None when none applies."""
    if weights is None:
        return 1.0
    weight = _output_entry(weights, name, index)
    if isinstance(weight, bool) or not isinstance(weight, numbers.Real):
        return None
    value = float(weight)
    return value if math.isfinite(value) and value >= 0 else None


def describe_loss(loss: Any) -> tuple[str | None, str, bool, float]:
    """(canonical name or None, printable label, from_logits, label_smoothing) of a loss."""
    import keras  # type: ignore[import-untyped,unused-ignore]

    if loss is None or isinstance(loss, (dict, list, tuple)):
        return None, "several losses" if loss else "no loss", False, 0.0
    from_logits = bool(getattr(loss, "from_logits", False))
    smoothing = float(getattr(loss, "label_smoothing", 0.0) or 0.0)
    fn: Any = loss
    if isinstance(loss, str):
        try:
            fn = keras.losses.get(loss)
        except (ValueError, TypeError):
            return None, loss, from_logits, smoothing
    fn = getattr(fn, "fn", fn)
    name = getattr(fn, "__name__", type(fn).__name__)
    label = loss if isinstance(loss, str) else name
    canonical = name if name in vocab.LOSSES else None
    return canonical, label, from_logits, smoothing


# Steps at which a schedule is read: its largest rate among them is the one that tests
# stability.  Its step-0 value would be 0 for a warm-up, and the last one a decayed rate.
SCHEDULE_STEPS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000)


def read_learning_rate(optimizer: Any) -> tuple[float | None, bool]:
    """The learning rate (a schedule's largest over its first 10,000 steps, sampled), and
    whether it follows a schedule."""
    if optimizer is None:
        return None, False
    import keras  # type: ignore[import-untyped,unused-ignore]

    raw = keras_compat.learning_rate_setting(optimizer)
    if isinstance(raw, keras.optimizers.schedules.LearningRateSchedule):
        try:
            return _rounded(max(float(raw(step)) for step in SCHEDULE_STEPS)), True
        except (TypeError, ValueError):
            return None, True
    try:
        return _rounded(float(optimizer.learning_rate)), False
    except (TypeError, ValueError, AttributeError):
        return None, callable(raw)


def _rounded(value: float) -> float:
    # The rate lives in a float32 variable: 0.01 comes back as 0.009999999776.
    return float(f"{value:.6g}")


def _all_layers(model: Any) -> list[Any]:
    return keras_compat.flatten_layers(model)


def _output_layer(model: Any) -> Any | None:
    """The layer whose activation the loss sees, looking back past Dropout, Reshape..."""
    layers = list(getattr(model, "layers", []))
    outputs = getattr(model, "outputs", None) or []
    if len(outputs) > 1:
        return None
    layer = layers[-1] if layers else None
    if outputs:
        layer = keras_compat.producing_layer(outputs[0])
    return _look_through(layer, len(layers))


def _look_through(layer: Any, depth: int) -> Any | None:
    """``layer``, or the layer whose activation it passes on (past Dropout, Reshape...)."""
    for _ in range(depth + 1):
        if layer is None or type(layer).__name__ not in _PASSTHROUGH:
            break
        try:
            layer = keras_compat.producing_layer(layer.input)
        except (AttributeError, ValueError):
            return None
    if layer is not None and hasattr(layer, "layers") and layer.layers:
        return _output_layer(layer)
    return layer


def _activation_name(layer: Any) -> str | None:
    kind = type(layer).__name__
    applied = vocab.ACTIVATION_LAYERS.get(kind)
    if applied is not None:
        return applied
    activation = getattr(layer, "activation", None)
    if activation is None:
        return "linear" if kind in vocab.DENSE_LIKE else None
    if isinstance(activation, str):
        return activation
    return getattr(activation, "__name__", None)


def _output_units(model: Any) -> int | None:
    try:
        shape = model.output_shape
    except (AttributeError, ValueError):
        return None
    if isinstance(shape, list) or not isinstance(shape, tuple) or not shape:
        return None
    last = shape[-1]
    return last if isinstance(last, int) else None


def _output_rank(model: Any) -> int | None:
    try:
        shape = model.output_shape
    except (AttributeError, ValueError):
        return None
    return len(shape) if isinstance(shape, tuple) else None


def _input_handling(layers: list[Any]) -> tuple[str | None, bool]:
    """(name of a scaling layer before the first weighted layer, whether that layer reads ids:
    an Embedding, a lookup...)."""
    for layer in layers:
        kind = type(layer).__name__
        if kind in vocab.SCALING_LAYERS:
            return layer.name, False
        if kind in vocab.INTEGER_INPUT_LAYERS:
            return None, True
        if getattr(layer, "weights", None) and kind != "InputLayer":
            return None, False
    return None, False
