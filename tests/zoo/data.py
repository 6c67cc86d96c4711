"""The zoo's data: sklearn's bundled sets and seeded generated ones, split train/held-out.

Nothing is downloaded.  Every function returns fresh arrays, so a builder may change its
copy.  The data does not depend on the model's seed: seeds vary the model and the check.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from typing import Any

import numpy as np

HELD_OUT = 0.25


@dataclass(frozen=True)
class Split:
    x: np.ndarray
    y: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    @property
    def n(self) -> int:
        return len(self.x)


def split(x: np.ndarray, y: np.ndarray, seed: int = 0) -> Split:
    """A seeded shuffle, then the last quarter held out."""
    order = np.random.default_rng(seed).permutation(len(x))
    cut = int(len(x) * (1 - HELD_OUT))
    train, test = order[:cut], order[cut:]
    return Split(x[train].copy(), y[train].copy(), x[test].copy(), y[test].copy())


@functools.cache
def _bundled(name: str) -> tuple[np.ndarray, np.ndarray]:
    datasets = importlib.import_module("sklearn.datasets")
    bunch = getattr(datasets, f"load_{name}")()
    data = bunch.images if name == "digits" else bunch.data
    return np.asarray(data, dtype="float64"), np.asarray(bunch.target)


def digits(
    scale: str = "unit", classes: int = 10, onehot: bool = False, shape: str = "flat"
) -> Split:
    """sklearn's 8x8 digits (1797 images; pixels 0-16).

    ``scale``: ``unit`` ([0, 1]), ``bytes`` (0-255, as an 8-bit image), ``wide`` (x100 + 50:
    columns in the hundreds, for an adapted Normalization).  ``shape``: ``flat`` (64),
    ``image`` (8, 8) or ``channels`` (8, 8, 1).
    """
    images, labels = _bundled("digits")
    keep = labels < classes
    images, labels = images[keep], labels[keep]
    pixels = {
        "unit": images / 16.0,
        "bytes": np.minimum(images * 16, 255),
        "wide": images * 100 + 50,
    }[scale]
    shaped = {
        "flat": pixels.reshape(len(pixels), 64),
        "image": pixels,
        "channels": pixels[..., None],
    }[shape]
    y = np.eye(classes, dtype="float32")[labels] if onehot else labels.astype("int64")
    return split(shaped.astype("float32"), y)


def tabular(name: str) -> Split:
    """``iris``, ``wine`` or ``breast_cancer``, standardized with the training statistics."""
    x, y = _bundled(name)
    parts = split(x, y.astype("int64"))
    mean, std = parts.x.mean(axis=0), parts.x.std(axis=0) + 1e-9
    return Split(
        ((parts.x - mean) / std).astype("float32"),
        parts.y,
        ((parts.x_test - mean) / std).astype("float32"),
        parts.y_test,
    )


def regression(n: int = 1200, features: int = 10, seed: int = 0) -> Split:
    """A smooth nonlinear target with noise, unit-scale inputs and target."""
    rng = np.random.default_rng(100 + seed)
    x = rng.normal(size=(n, features))
    w = rng.normal(size=(features, 1))
    y = np.tanh(x @ w) + 0.5 * x[:, :1] ** 2 + 0.1 * rng.normal(size=(n, 1))
    return split(x.astype("float32"), y.astype("float32"))


def blobs(n: int = 1200, features: int = 8, seed: int = 0) -> Split:
    """Two Gaussian clouds, binary labels as float."""
    rng = np.random.default_rng(300 + seed)
    labels = rng.integers(0, 2, n)
    centers = rng.normal(size=(2, features)) * 1.5
    x = centers[labels] + rng.normal(size=(n, features))
    return split(x.astype("float32"), labels.astype("float32"))


def imbalanced(seed: int = 0) -> Split:
    """A 95/5 binary task: a model first learns the prior, then beats it."""
    datasets = importlib.import_module("sklearn.datasets")
    x, y = datasets.make_classification(
        n_samples=3000,
        n_features=20,
        n_informative=5,
        weights=[0.95, 0.05],
        class_sep=1.0,
        random_state=seed,
    )
    x = (x - x.mean(0)) / x.std(0)
    return split(x.astype("float32"), y.astype("float32"))


def sequences(n: int = 1200, length: int = 12, seed: int = 0) -> Split:
    """Noise sequences; the label says whether they sum above zero."""
    rng = np.random.default_rng(200 + seed)
    x = rng.normal(size=(n, length, 1)).astype("float32")
    return split(x, (x.sum(axis=(1, 2)) > 0).astype("float32"))


def token_ids(n: int = 2000, length: int = 20, vocabulary: int = 50, seed: int = 0) -> Split:
    """Rows of word ids in [1, vocabulary); the label says whether word 7 occurs."""
    rng = np.random.default_rng(seed)
    ids = rng.integers(1, vocabulary, size=(n, length)).astype("int32")
    return split(ids, (ids == 7).any(axis=1).astype("float32"))


def texts(n: int = 2000, seed: int = 0) -> Split:
    """`token_ids` written out as sentences ("w12 w7 w33 ..."), one string per row."""
    parts = token_ids(n, seed=seed)

    def words(ids: np.ndarray) -> np.ndarray:
        return np.array([" ".join(f"w{t}" for t in row) for row in ids])

    return Split(words(parts.x), parts.y, words(parts.x_test), parts.y_test)


def colours(n: int = 1600, seed: int = 0) -> Split:
    """One colour word per row (for StringLookup); the label says whether it is a warm
    colour, with a tenth of the labels flipped so the task is not trivial."""
    rng = np.random.default_rng(400 + seed)
    names = np.array(["red", "orange", "yellow", "green", "blue", "violet"])
    index = rng.integers(0, len(names), n)
    y = (index < 3) ^ (rng.uniform(size=n) < 0.1)
    return split(names[index].reshape(-1, 1), y.astype("float32"))


def weights_for(y: np.ndarray, seed: int = 0) -> np.ndarray:
    """Per-sample weights in [0.5, 1.5]: uneven, as real ones are, but never zero."""
    return np.random.default_rng(500 + seed).uniform(0.5, 1.5, len(y)).astype("float32")


def majority_share(y: Any) -> float:
    values = np.asarray(y)
    labels = values.argmax(axis=-1) if values.ndim == 2 and values.shape[1] > 1 else values
    _, counts = np.unique(labels.reshape(-1), return_counts=True)
    return float(counts.max() / counts.sum())
