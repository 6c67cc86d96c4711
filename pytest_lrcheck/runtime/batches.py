"""Training batches in a seeded, repeatable order, from NumPy arrays or a tf.data.Dataset.

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


class ArrayBatches:
    """Fixed-size batches of a shuffled copy of the data, reshuffled every epoch."""

    def __init__(self, x: Any, y: Any, n: int, batch_size: int, seed: int) -> None:
        self.x, self.y, self.n, self.seed = x, y, n, seed
        # Drop the ragged tail of each epoch: one batch shape means one trace of the step.
        self.batch_size = min(batch_size, n)
        self.per_epoch = n // self.batch_size
        self._orders: dict[int, np.ndarray] = {}

    def _order(self, epoch: int) -> np.ndarray:
        order = self._orders.get(epoch)
        if order is None:
            order = np.random.default_rng([self.seed, epoch]).permutation(self.n)
            self._orders[epoch] = order
        return order

    def indices(self, step: int) -> np.ndarray:
        epoch, position = divmod(step, self.per_epoch)
        start = position * self.batch_size
        return self._order(epoch)[start : start + self.batch_size]

    def __iter__(self) -> Iterator[Batch]:
        for step in itertools.count():
            index = self.indices(step)
            yield take(self.x, index), take(self.y, index)

    def probe(self, size: int = 256) -> Batch:
        """A fixed sample of up to ``size`` rows, the same for every probe of one check."""
        index = self._order(0)[: min(size, self.n)]
        return take(self.x, index), take(self.y, index)

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
        self.dataset = dataset.repeat()

    def __iter__(self) -> Iterator[Batch]:
        for element in self.dataset:
            yield unpack(element)

    def head(self, count: int) -> list[Batch]:
        return list(itertools.islice(iter(self), count))

    def probe(self, size: int = 256) -> Batch:
        return self.head(1)[0]

    def sample_x(self, limit: int = 20_000) -> Any:
        rows = self.head(5)
        return _numpy(rows[0][0]) if len(rows) == 1 else _concat([_numpy(b[0]) for b in rows])

    def labels(self) -> Any:
        element = self.head(1)[0]
        return None if len(element) < 2 or element[1] is None else _numpy(element[1])


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


def _concat(parts: list[Any]) -> Any:
    if isinstance(parts[0], Mapping):
        return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    if isinstance(parts[0], list):
        return [np.concatenate([p[i] for p in parts]) for i in range(len(parts[0]))]
    return np.concatenate(parts)
