"""Training batches in a seeded, repeatable order, from NumPy arrays, a tf.data.Dataset, a
generator or a keras.utils.PyDataset (the last two read only as far as the check trains).

Every run of a check (the main run, the second learning rate, the range test) starts the
same sequence again, so their losses compare batch for batch.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

Batch = tuple[Any, ...]


def take(value: Any, index: Any) -> Any:
    """Rows ``index`` of an array or of each array of a dict/list of them."""
    if isinstance(value, Mapping):
        return {k: v[index] for k, v in value.items()}
    if isinstance(value, list):
        return [v[index] for v in value]
    return value[index]


def first_array(value: Any) -> Any:
    """The first array of a dict/list/tuple of them (an array or a tensor), or ``value``."""
    if isinstance(value, Mapping):
        return next(iter(value.values()))
    if isinstance(value, (list, tuple)):
        return value[0]
    return value


def in_order(value: Any, names: list[str]) -> list[Any]:
    """The arrays of a dict/list/tuple of them (a dict's in the order of ``names``, when
    they are its keys), or ``[value]``: a model's outputs as ``model.outputs`` orders them."""
    if isinstance(value, Mapping):
        keys = names if set(names) == set(value) else list(value)
        return [value[key] for key in keys]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


class ArrayBatches:
    """Fixed-size batches of a shuffled copy of the data, reshuffled every epoch."""

    def __init__(
        self,
        x: Any,
        y: Any,
        n: int,
        batch_size: int,
        seed: int,
        weights: Any = None,
        stream: int = 0,
    ) -> None:
        self.x, self.y, self.n, self.seed, self.weights = x, y, n, seed, weights
        # Drop the ragged tail of each epoch: one batch shape means one trace of the step.
        self.batch_size = min(batch_size, n)
        self.per_epoch = n // self.batch_size
        self.stream = stream
        self._orders: dict[int, np.ndarray] = {}

    def _order(self, epoch: int) -> np.ndarray:
        order = self._orders.get(epoch)
        if order is None:
            key = [self.seed, epoch, self.stream] if self.stream else [self.seed, epoch]
            order = np.random.default_rng(key).permutation(self.n)
            self._orders[epoch] = order
        return order

    def reordered(self) -> ArrayBatches:
        """The same rows and batch size in another seeded order, for a second opinion."""
        return ArrayBatches(
            self.x, self.y, self.n, self.batch_size, self.seed, self.weights, self.stream + 1
        )

    def indices(self, step: int) -> np.ndarray:
        epoch, position = divmod(step, self.per_epoch)
        start = position * self.batch_size
        return self._order(epoch)[start : start + self.batch_size]

    def __iter__(self) -> Iterator[Batch]:
        for step in itertools.count():
            yield self._rows(self.indices(step))

    def _rows(self, index: Any) -> Batch:
        if self.weights is None:
            return take(self.x, index), take(self.y, index)
        return take(self.x, index), take(self.y, index), self.weights[index]

    def probe(self, size: int = 256) -> Batch:
        """A fixed sample of up to ``size`` rows, the same for every probe of one check."""
        return self._rows(self._order(0)[: min(size, self.n)])

    def sample_x(self, limit: int = 20_000) -> Any:
        """Up to ``limit`` rows of x, for statistics of the input's scale."""
        if self.n <= limit:
            return self.x
        return take(self.x, self._order(0)[:limit])

    def labels(self) -> Any:
        return self.y


class DatasetBatches:
    """The batches a tf.data.Dataset yields, repeated when it runs out."""

    def __init__(self, dataset: Any) -> None:
        first = next(iter(dataset.take(1)), None)
        if first is None:
            raise ValueError("the dataset is empty: it yields no batch to train on")
        _require_batched(unpack(first))
        self.dataset = dataset.repeat()
        import keras

        # Under JAX or torch, fit hands the train step NumPy arrays, not TensorFlow tensors.
        self._as_numpy = keras.backend.backend() != "tensorflow"

    def __iter__(self) -> Iterator[Batch]:
        for index, element in enumerate(self.dataset):
            batch = unpack(element)
            if self._as_numpy:
                batch = tuple(None if part is None else _numpy(part) for part in batch)
            yield finite(batch, index)

    def head(self, count: int) -> list[Batch]:
        return list(itertools.islice(iter(self), count))

    def probe(self, size: int = 256) -> Batch:
        return self.head(1)[0]

    def sample_x(self, limit: int = 20_000) -> Any:
        rows = self.head(5)
        return _numpy(rows[0][0]) if len(rows) == 1 else concat([_numpy(b[0]) for b in rows])

    def labels(self) -> Any:
        element = self.head(1)[0]
        return None if len(element) < 2 or element[1] is None else _numpy(element[1])


class StreamBatches(DatasetBatches):
    """The batches of a generator or a keras.utils.PyDataset, read one at a time as the check
    trains (never the whole of it), kept, and replayed from the start when it runs out, so
    every rerun of a check sees the same batches."""

    def __init__(self, source: Any) -> None:
        self._source = source
        self._read: list[Batch] = []
        self._stream: Iterator[Any] | None = _stream(source)
        if not self._fetch():
            raise ValueError(
                f"the {type(source).__qualname__} is empty: it yields no batch to train on"
            )
        _require_batched(self._read[0])

    def _fetch(self) -> bool:
        if self._stream is None:
            return False
        element = next(self._stream, None)
        if element is None:
            self._stream = None
            return False
        self._read.append(unpack(element))
        return True

    def __iter__(self) -> Iterator[Batch]:
        for step in itertools.count():
            if step >= len(self._read) and not self._fetch():
                yield from itertools.cycle(self._read)
                return
            yield finite(self._read[step], step)


def finite(batch: Batch, index: int) -> Batch:
    """The batch, once its floating-point inputs and labels are checked: a NaN or Inf that a
    pipeline yields is named as such, as it is for arrays, instead of showing up as a loss
    that stalls after the weights it poisoned."""
    from pytest_lrcheck.runtime.validate import check_finite

    for name, part in zip(("x", "y", "sample_weight"), batch, strict=False):
        if part is None:
            continue
        leaves = part.values() if isinstance(part, Mapping) else part
        for leaf in leaves if isinstance(part, (Mapping, list, tuple)) else [part]:
            values = np.asarray(leaf)
            if values.dtype.kind == "f":
                check_finite(values, f"{name} of batch {index}")
    return batch


def is_stream(x: Any) -> bool:
    """A generator, an iterator, or a PyDataset-like sequence of batches."""
    if isinstance(x, Iterator):
        return True
    return hasattr(x, "__getitem__") and hasattr(x, "num_batches") and hasattr(x, "__len__")


def _stream(source: Any) -> Iterator[Any]:
    if isinstance(source, Iterator):
        return source
    return (source[index] for index in range(len(source)))


def _require_batched(batch: Batch) -> None:
    """A pipeline without ``.batch()`` yields single samples, which the model reads as a
    batch of rows of one sample each: say so before Keras fails on the shape."""
    shape = getattr(first_array(batch[0]), "shape", None)
    labels = None if len(batch) < 2 else first_array(batch[1])
    label_shape = getattr(labels, "shape", None)
    if shape is not None and label_shape is not None and len(label_shape) == 0:
        raise ValueError(
            f"the data yields single samples (x of shape {tuple(shape)} with a scalar label), "
            "not batches: call .batch(32) on the dataset"
        )


def unpack(element: Any) -> Batch:
    """(x, y) or (x, y, sample_weight) from a dataset element, as Keras' fit reads it."""
    if isinstance(element, tuple):
        if len(element) == 1:
            return (element[0], None)
        if len(element) in (2, 3):
            return element
        raise ValueError(
            f"dataset elements must be (x, y) or (x, y, sample_weight), got a {len(element)}-tuple"
        )
    return (element, None)


def _numpy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _numpy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_numpy(v) for v in value]
    return np.asarray(value)


def concat(parts: list[Any]) -> Any:
    """The rows of several batches (arrays, or dicts/lists of them) as one."""
    if isinstance(parts[0], Mapping):
        return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    if isinstance(parts[0], list):
        return [np.concatenate([p[i] for p in parts]) for i in range(len(parts[0]))]
    return np.concatenate(parts)
