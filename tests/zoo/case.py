"""The values the zoo hands out: a model with its `fit` inputs, and the entries that build them."""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Expect = Literal["healthy", "unhealthy", "error"]
BACKENDS = ("tensorflow", "jax", "torch")


def keras() -> Any:
    """Keras, imported on first use (``KERAS_BACKEND`` is read at import) and typed as Any:
    it ships no type information, and one untyped doorway beats an ignore on every import."""
    return importlib.import_module("keras")


def seeded(seed: int) -> Any:
    """Seed Python, NumPy and the backend, as the ``lrcheck`` fixture does; returns Keras."""
    k = keras()
    k.utils.set_random_seed(seed)
    return k


@dataclass(frozen=True)
class FitInputs:
    """What the user passes to ``model.fit``, exactly as they would pass it.

    ``batch_size`` is None when ``x`` yields whole batches itself (tf.data, a generator, a
    PyDataset); ``batches`` is the number of batches in one pass over ``x``, and ``endless``
    marks an ``x`` that never runs out (``fit`` then needs ``steps_per_epoch``).
    """

    x: Any
    y: Any = None
    sample_weight: Any = None
    class_weight: Mapping[int, float] | None = None
    validation_data: Any = None
    batch_size: int | None = 32
    batches: int = 0
    endless: bool = False
    shuffle: bool = True

    def keywords(self) -> dict[str, Any]:
        """The keyword arguments the user gave besides x and y (``fit``'s names)."""
        given = {
            "sample_weight": self.sample_weight,
            "class_weight": self.class_weight,
            "validation_data": self.validation_data,
            "batch_size": self.batch_size,
        }
        return {key: value for key, value in given.items() if value is not None}

    def fit_keywords(self, steps: int) -> dict[str, Any]:
        """``fit`` keywords that train about ``steps`` batches, silently."""
        extra: dict[str, Any] = {"verbose": 0, "shuffle": self.shuffle}
        if self.endless:
            extra["steps_per_epoch"] = self.batches
        # An empty input gets one epoch: asking for more only repeats Keras' warning.
        extra["epochs"] = math.ceil(steps / self.batches) if self.batches else 1
        return {**self.keywords(), **extra}


@dataclass(frozen=True)
class HeldOut:
    """Data the model never trains on, and how to read its outputs.

    ``kinds`` names each output's target: ``classes`` (class probabilities; labels sparse or
    one-hot), ``logits`` (class logits), ``binary`` (a probability per sample) or
    ``regression``; a dict or list of them for a model with several outputs.
    """

    x: Any
    y: Any
    kinds: Any


@dataclass(frozen=True)
class Case:
    """One built zoo entry: a compiled model, its training inputs, its held-out data."""

    model: Any
    inputs: FitInputs
    held_out: HeldOut


@dataclass(frozen=True)
class Entry:
    """One kind of model or input, as a seeded builder.

    ``expect`` says what a plain ``fit`` does with it: ``healthy`` (it learns), ``unhealthy``
    (a silent failure whose cause is ``cause``), or ``error`` (Keras itself cannot train on
    these inputs; a check must say why).  ``needs`` lists packages beyond Keras and the
    backend (``tensorflow`` for tf.data); ``backends`` limits where it runs (string tensors
    inside a model exist only on TensorFlow).  ``note`` says what a check should notice.
    """

    name: str
    model_kind: str
    input_kind: str
    build: Callable[[int], Case] = field(repr=False, compare=False)
    expect: Expect = "healthy"
    cause: str | None = None
    needs: frozenset[str] = frozenset()
    backends: frozenset[str] = frozenset(BACKENDS)
    steps: int = 300
    note: str = ""

    def __post_init__(self) -> None:
        if (self.expect == "unhealthy") != (self.cause is not None):
            raise ValueError(f"zoo entry {self.name!r}: a cause goes with expect='unhealthy'")
        if not self.backends <= set(BACKENDS):
            raise ValueError(f"zoo entry {self.name!r}: unknown backend in {set(self.backends)}")

    def runs_on(self, backend: str, installed: Callable[[str], bool]) -> bool:
        """Whether this entry can run on ``backend`` with the packages ``installed`` says."""
        return backend in self.backends and all(installed(package) for package in self.needs)
