"""Bad input gets a clear ValueError or TypeError naming the problem, never a TF traceback."""

from __future__ import annotations

import collections.abc
import math
import sys
from collections.abc import Mapping
from typing import Any

import numpy as np

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.runtime.model_facts import ModelFacts


def check_options(
    *, steps: Any, batch_size: Any = 32, seed: Any = 0, max_seconds: Any = 60.0
) -> None:
    for name, value in (("steps", steps), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    if (
        isinstance(max_seconds, bool)
        or not isinstance(max_seconds, (int, float))
        or not math.isfinite(max_seconds)
        or max_seconds <= 0
    ):
        raise ValueError(f"max_seconds must be a positive number of seconds, got {max_seconds!r}")


def require_compiled_model(model: Any) -> None:
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(
            f"model must be a keras.Model (Sequential, functional or subclassed), "
            f"got {type(model).__module__}.{type(model).__qualname__}"
        )
    if not getattr(model, "compiled", False) or getattr(model, "optimizer", None) is None:
        raise ValueError(
            f"model {model.name!r} is not compiled: call model.compile(optimizer=..., loss=...) "
            "before checking its training"
        )
    if (
        getattr(model, "loss", None) is None
        and type(model).compute_loss is keras.Model.compute_loss
        and type(model).train_step is keras.Model.train_step
    ):
        raise ValueError(
            f"model {model.name!r} was compiled without a loss: pass loss=... to model.compile"
        )


def is_dataset(x: Any) -> bool:
    """Whether ``x`` is a tf.data.Dataset (never imports TensorFlow: without it loaded, no
    value can be one)."""
    tf = sys.modules.get("tensorflow")
    data = getattr(tf, "data", None)
    return data is not None and isinstance(x, data.Dataset)


def reads_text(model: Any) -> bool:
    """Whether the model may take strings: a string input, or no symbolic inputs to tell
    (a subclassed model, which Keras then lets fail with its own message)."""
    inputs = getattr(model, "inputs", None)
    if not inputs:
        return True
    return any(str(getattr(tensor, "dtype", "")) == "string" for tensor in inputs)


def as_arrays(value: Any, name: str, parts: int = 1, *, text: bool = False) -> Any:
    """``value`` as a NumPy array, or a dict/list of them for a model with several inputs or
    outputs: a list or tuple is one array per part when the model has ``parts`` of them, or
    when every item is itself an array or a tensor (a list of numbers is one array).
    ``text``: strings are welcome (inputs that a TextVectorization or StringLookup reads)."""
    if isinstance(value, Mapping):
        return {key: _as_array(v, f"{name}[{key!r}]", text) for key, v in value.items()}
    if isinstance(value, (list, tuple)) and (
        (parts > 1 and len(value) == parts)
        or (len(value) > 1 and all(hasattr(v, "shape") and len(v.shape) for v in value))
    ):
        return [_as_array(v, f"{name}[{i}]", text) for i, v in enumerate(value)]
    return _as_array(value, name, text)


def check_arrays(x: Any, y: Any, names: tuple[str, str] = ("x", "y")) -> int:
    """Validate array data; return the number of samples.  ``names`` name x and y in errors
    (validation data is checked with the same rules)."""
    x_name, y_name = names
    if y is None:
        raise ValueError(
            f"{y_name} is missing: pass labels or targets with {x_name} (or a tf.data.Dataset)"
        )
    lengths: dict[str, int] = {}
    for name, array in [*_leaves(x, x_name), *_leaves(y, y_name)]:
        if array.ndim == 0:
            raise ValueError(f"{name} is a scalar; pass one row per sample")
        if array.shape[0] == 0:
            raise ValueError(f"{name} is empty (shape {array.shape}): there is nothing to train on")
        check_finite(array, name)
        lengths[name] = array.shape[0]
    if len(set(lengths.values())) > 1:
        shown = ", ".join(f"{k} has {v}" for k, v in lengths.items())
        raise ValueError(
            f"{x_name} and {y_name} must have one row per sample each, but {shown} rows"
        )
    return next(iter(lengths.values()))


def output_labels(y: Any, name: str, index: int) -> Any:
    """The labels of one output of several: ``y[name]`` of a dict, ``y[index]`` of a list."""
    if isinstance(y, Mapping):
        return y.get(name)
    if isinstance(y, (list, tuple)) and index < len(y):
        return y[index]
    return None


def check_labels(y: Any, facts: ModelFacts) -> None:
    """Labels that the compiled loss cannot read (a Keras shape error, or silent nonsense).
    A model with several outputs has each output's labels checked against its own loss, and
    an error names the output."""
    if facts.outputs:
        for index, (name, own) in enumerate(facts.outputs):
            labels = output_labels(y, name, index)
            problem = None
            try:
                check_labels(labels, own)
            except ValueError as error:
                problem = str(error)
            if problem is not None:
                raise ValueError(f"output {name!r}: {problem}")
        return
    loss, units = facts.loss, facts.output_units
    info = vocab.loss_named(loss)
    if info is None or not isinstance(y, np.ndarray):
        return
    # The same loss for the other label encoding, when Keras has one.
    twin = f"loss='{info.twin}'" if info.twin is not None else None
    if info.labels == "one_hot" and units is not None:
        if y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1 and units > 1):
            raise ValueError(
                f"{loss} expects one-hot labels of shape (n, {units}), but y "
                f"has shape {y.shape}: use keras.utils.to_categorical(y, {units})"
                + (f" or {twin}" if twin else "")
            )
        if y.shape[-1] != units:
            raise ValueError(
                f"y has {y.shape[-1]} columns but the model outputs {units} classes: "
                f"{loss} needs one column per class"
            )
        _check_range(y, 0.0, 1.0, f"{loss} expects one-hot labels")
    elif info.labels == "class_ids" and units is not None:
        if y.ndim > 1 and not (y.ndim == 2 and y.shape[1] == 1):
            raise ValueError(
                f"{loss} expects integer class ids of shape (n,), but "
                f"y has shape {y.shape}: pass y.argmax(axis=-1)"
                + (f" or use {twin} for one-hot labels" if twin else "")
            )
        if not np.all(np.equal(np.mod(y, 1), 0)):
            raise ValueError(f"{loss} expects integer class ids in y")
        low, high = int(y.min()), int(y.max())
        if low < 0 or high >= units:
            raise ValueError(
                f"y holds class ids {low}..{high} but the model outputs {units} classes "
                f"(ids 0..{units - 1}): give the last layer {high + 1} units or fix the labels"
            )
    elif info.labels == "binary":
        _check_range(y, 0.0, 1.0, f"{loss} expects labels in [0, 1]")
    if info.labels not in ("one_hot", "class_ids"):
        _check_columns(y, facts)


def _check_columns(y: np.ndarray, facts: ModelFacts) -> None:
    """Targets with another number of columns than a (batch, units) output: an elementwise
    loss broadcasts (n, 1) predictions against (n, 10) targets without a word, and the run
    then fails for a reason no symptom can name."""
    units, loss = facts.output_units, facts.loss
    if units is None or facts.output_rank != 2 or y.ndim != 2 or y.shape[1] == units:
        return
    raise ValueError(
        f"y has {y.shape[1]} columns but the model's output has {units} unit(s): {loss} would "
        f"broadcast the ({y.shape[0]}, {units}) predictions against the {y.shape} targets and "
        f"compare every unit with every column; give the last layer {y.shape[1]} unit(s) or "
        "pass the targets it predicts"
    )


def check_varied_labels(y: Any) -> None:
    """A single sample gives no loss curve to judge.  (Labels that are all the same are not
    refused: the run is judged, and LRC517 says there was nothing to learn.)"""
    if not isinstance(y, np.ndarray) or y.size == 0:
        return
    rows = y.reshape(y.shape[0], -1)
    if rows.shape[0] < 2:
        raise ValueError(
            f"the data has {rows.shape[0]} sample: a training check needs at least 2 (and a "
            "few batches' worth to judge a loss curve)"
        )


def _check_range(y: np.ndarray, low: float, high: float, what: str) -> None:
    y_min, y_max = float(y.min()), float(y.max())
    if y_min < low or y_max > high:
        raise ValueError(f"{what}, but y ranges over [{y_min:g}, {y_max:g}]")


def _as_array(value: Any, name: str, text: bool = False) -> np.ndarray:
    if hasattr(value, "numpy") and not isinstance(value, np.ndarray):
        value = value.numpy()  # an eager tf.Tensor
    elif hasattr(value, "detach"):
        value = value.detach().cpu().numpy()  # a torch tensor
    if isinstance(value, (collections.abc.Iterator, collections.abc.Sequence)) and not (
        isinstance(value, (list, tuple, str, bytes))
    ):
        raise TypeError(
            f"{name} is a {type(value).__qualname__}, which yields batches: pass it as x alone "
            "(batches of (x, y)), or pass arrays"
        )
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as error:
        raise TypeError(f"{name} must be array-like (a NumPy array or a tensor): {error}") from None
    if text and (array.dtype.kind in "SU" or (array.dtype == object and _all_text(array))):
        return array
    if array.dtype == object or not (
        np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.bool_)
    ):
        raise TypeError(
            f"{name} must hold numbers, got dtype {array.dtype} "
            f"(from {type(value).__module__}.{type(value).__qualname__})"
        )
    return array


def _all_text(array: np.ndarray) -> bool:
    return all(isinstance(item, (str, bytes)) for item in array.reshape(-1)[:1000])


def _leaves(value: Any, name: str) -> list[tuple[str, np.ndarray]]:
    if isinstance(value, Mapping):
        return [(f"{name}[{k!r}]", v) for k, v in value.items()]
    if isinstance(value, list):
        return [(f"{name}[{i}]", v) for i, v in enumerate(value)]
    return [(name, value)]


def check_finite(array: np.ndarray, name: str) -> None:
    if not np.issubdtype(array.dtype, np.floating):
        return
    bad = ~np.isfinite(array)
    if bad.any():
        count = int(bad.sum())
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        kinds = "NaN" if np.isnan(array).any() else "Inf"
        if kinds == "NaN" and np.isinf(array).any():
            kinds = "NaN/Inf"
        raise ValueError(
            f"{name} contains {count} {kinds} value(s), first at index {first}: "
            "clean or impute the data before training"
        )


def class_weights_to_samples(y: Any, class_weight: Any) -> np.ndarray:
    """The weight of each sample's class, as ``fit`` turns ``class_weight`` into weights."""
    if not isinstance(class_weight, Mapping):
        raise TypeError(f"class_weight must be a dict of class to weight, got {class_weight!r}")
    if not isinstance(y, np.ndarray):
        raise ValueError("class_weight needs one label array y (a model with one output)")
    labels = y.argmax(axis=-1) if y.ndim > 1 and y.shape[-1] > 1 else y.reshape(-1)
    labels = labels.astype(np.int64)
    missing = sorted(set(np.unique(labels).tolist()) - set(class_weight))
    if missing:
        raise ValueError(f"class_weight has no weight for class(es) {missing[:10]}")
    return np.array([class_weight[label] for label in labels.tolist()], dtype=np.float32)
