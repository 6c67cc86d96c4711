"""Zoo entries by how the data reaches ``fit``: backend tensors, tf.data pipelines (batched,
unbatched, empty, shuffled without a seed, weighted, with a NaN), generators, PyDataset.

One model throughout (`tests.zoo.nets.mlp` on digits), so only the input differs.
"""

from __future__ import annotations

import math

import numpy as np

from tests.zoo import data, feeds, nets
from tests.zoo.case import Case, Entry, FitInputs, HeldOut, seeded

TF = frozenset({"tensorflow"})


def _with(inputs: FitInputs, seed: int, parts: data.Split | None = None) -> Case:
    seeded(seed)
    parts = parts or data.digits()
    return Case(nets.mlp((64,), 10), inputs, HeldOut(parts.x_test, parts.y_test, "classes"))


def tensors(seed: int) -> Case:
    return _with(feeds.tensors(data.digits()), seed)


def dataset(seed: int) -> Case:
    return _with(feeds.dataset_inputs(data.digits()), seed)


def dataset_unseeded_shuffle(seed: int) -> Case:
    return _with(feeds.dataset_inputs(data.digits(), shuffle="unseeded"), seed)


def dataset_weighted(seed: int) -> Case:
    parts = data.digits()
    pipeline = feeds.tf_dataset(parts.x, parts.y, weights=data.weights_for(parts.y))
    return _with(FitInputs(pipeline, batch_size=None, batches=math.ceil(parts.n / 32)), seed)


def dataset_unbatched(seed: int) -> Case:
    parts = data.digits()
    pipeline = feeds.tf_dataset(parts.x, parts.y, batch_size=None)
    return _with(FitInputs(pipeline, batch_size=None, batches=parts.n), seed)


def dataset_empty(seed: int) -> Case:
    parts = data.digits()
    pipeline = feeds.tf_dataset(parts.x[:0], parts.y[:0])
    return _with(FitInputs(pipeline, batch_size=None, batches=0), seed)


def dataset_nan(seed: int) -> Case:
    """One bad pixel in one training image, inside a pipeline (the arrays path can see it
    up front; here only the batches show it)."""
    parts = data.digits()
    x = parts.x.copy()
    x[5, 3] = np.nan
    pipeline = feeds.tf_dataset(x, parts.y)
    return _with(FitInputs(pipeline, batch_size=None, batches=math.ceil(parts.n / 32)), seed)


def generator(seed: int) -> Case:
    return _with(feeds.generator_inputs(data.digits(), seed=seed), seed)


def py_dataset(seed: int) -> Case:
    return _with(feeds.sequence_inputs(data.digits()), seed)


ENTRIES = (
    Entry("tensors", "sequential", "tensors", tensors),
    Entry("tf-data", "sequential", "tf-data", dataset, needs=TF),
    Entry(
        "tf-data-unseeded-shuffle",
        "sequential",
        "tf-data-unseeded-shuffle",
        dataset_unseeded_shuffle,
        needs=TF,
        note="shuffle() without a seed: two runs see different batches; a check should say so",
    ),
    Entry("tf-data-weighted", "sample-weights", "tf-data-weighted", dataset_weighted, needs=TF),
    Entry(
        "tf-data-unbatched",
        "sequential",
        "tf-data-unbatched",
        dataset_unbatched,
        expect="error",
        needs=TF,
        note="no .batch(): fit feeds single samples and fails on the input shape",
    ),
    Entry(
        "tf-data-empty",
        "sequential",
        "tf-data-empty",
        dataset_empty,
        expect="error",
        needs=TF,
        note="an empty pipeline: fit trains nothing (or stops), a check must say it is empty",
    ),
    Entry(
        "tf-data-nan",
        "sequential",
        "tf-data-nan",
        dataset_nan,
        expect="unhealthy",
        cause="nan-input",
        needs=TF,
        note="a NaN pixel inside a pipeline: the loss turns NaN",
    ),
    Entry("generator", "sequential", "generator", generator),
    Entry("py-dataset", "sequential", "py-dataset", py_dataset),
)
