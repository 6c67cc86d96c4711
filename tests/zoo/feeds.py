"""The ways users feed ``fit``: arrays, backend tensors, tf.data, generators, PyDataset.

Each returns the `FitInputs` a user's call to ``fit`` amounts to.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from tests.zoo.case import FitInputs, keras
from tests.zoo.data import Split


def arrays(parts: Split, batch_size: int = 32, **keywords: Any) -> FitInputs:
    return structured(parts.x, parts.y, parts.n, batch_size, **keywords)


def structured(x: Any, y: Any, n: int, batch_size: int = 32, **keywords: Any) -> FitInputs:
    """Arrays, or lists or dicts of them (several inputs or outputs), of ``n`` rows."""
    return FitInputs(x, y, batch_size=batch_size, batches=math.ceil(n / batch_size), **keywords)


def tensors(parts: Split, batch_size: int = 32) -> FitInputs:
    """The backend's own tensors (tf.Tensor, jax.Array, torch.Tensor)."""
    convert = keras().ops.convert_to_tensor
    return FitInputs(
        convert(parts.x),
        convert(parts.y),
        batch_size=batch_size,
        batches=math.ceil(parts.n / batch_size),
    )


def tf_dataset(
    x: Any,
    y: Any,
    *,
    batch_size: int | None = 32,
    shuffle: str | None = "seeded",
    weights: Any = None,
) -> Any:
    """A tf.data pipeline: ``shuffle`` is ``seeded``, ``unseeded`` (a different order on
    every pass and every run) or None (the order of the arrays); ``batch_size=None`` leaves
    it unbatched (one sample per element)."""
    tf = importlib.import_module("tensorflow")
    parts = (x, y) if weights is None else (x, y, weights)
    dataset = tf.data.Dataset.from_tensor_slices(parts)
    if shuffle is not None:
        dataset = dataset.shuffle(4096, seed=0 if shuffle == "seeded" else None)
    return dataset if batch_size is None else dataset.batch(batch_size)


def dataset_inputs(parts: Split, batch_size: int = 32, **options: Any) -> FitInputs:
    return FitInputs(
        tf_dataset(parts.x, parts.y, batch_size=batch_size, **options),
        batch_size=None,
        batches=math.ceil(parts.n / batch_size),
    )


def endless_batches(
    x: np.ndarray, y: np.ndarray, batch_size: int = 32, seed: int = 0
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """A Python generator of shuffled batches that never ends, the usual way to write one."""
    rng = np.random.default_rng(seed)
    while True:
        order = rng.permutation(len(x))
        for start in range(0, len(x) - batch_size + 1, batch_size):
            rows = order[start : start + batch_size]
            yield x[rows], y[rows]


def generator_inputs(parts: Split, batch_size: int = 32, seed: int = 0) -> FitInputs:
    return FitInputs(
        endless_batches(parts.x, parts.y, batch_size, seed),
        batch_size=None,
        batches=parts.n // batch_size,
        endless=True,
    )


def sequence_inputs(parts: Split, batch_size: int = 32) -> FitInputs:
    """A `keras.utils.PyDataset` of the (pre-shuffled) arrays."""
    from tests.zoo.user_code import ArraySequence

    sequence = ArraySequence(parts.x, parts.y, batch_size)
    return FitInputs(sequence, batch_size=None, batches=len(sequence))


def numpy_of(value: Any) -> np.ndarray:
    """A tensor of any backend (or of tf.data's TensorFlow) as a NumPy array."""
    return np.asarray(keras().ops.convert_to_numpy(value))
