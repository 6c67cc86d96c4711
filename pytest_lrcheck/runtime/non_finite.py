"""Where a model first computes a NaN or an infinity: each layer's output on one batch."""

from __future__ import annotations

from typing import Any

import numpy as np

from pytest_lrcheck.runtime.batches import first_array
from pytest_lrcheck.runtime.keras_compat import flatten_layers


def first_non_finite_layer(model: Any, x: Any) -> tuple[str, str] | None:
    """The name and class of the first layer, in the model's own order, whose output on ``x``
    holds a NaN or an infinity; None when every output is finite, or when the model has no
    symbolic graph to tap (a subclassed model: no evidence)."""
    import keras

    layers = [layer for layer in flatten_layers(model) if not _is_input(layer)]
    if not layers:
        return None
    try:
        inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
        tap = keras.Model(inputs, [layer.output for layer in layers])
        outputs = tap(x, training=False)
    except Exception:
        # No graph to tap (a subclassed or nested model), or a layer the tap cannot rebuild.
        return None
    if not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    for layer, output in zip(layers, outputs, strict=True):
        values = np.asarray(keras.ops.convert_to_numpy(first_array(output)))
        if values.dtype.kind == "f" and not np.isfinite(values).all():
            return layer.name, type(layer).__name__
    return None


def _is_input(layer: Any) -> bool:
    return type(layer).__name__ == "InputLayer"
