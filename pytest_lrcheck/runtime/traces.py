"""The gradient functions that tracing a Keras training step leaves in TensorFlow's registry.

Under TensorFlow, Keras' optimizers sum the gradients through ``tf.distribute``'s all-reduce,
which is wrapped in ``tf.custom_gradient``.  Traced into a graph, every such call registers a
gradient function (``CustomGradient-<n>``) in TensorFlow's process-wide gradient registry, and
nothing ever removes it: the function holds the whole traced step graph, about 3.7 MiB per
traced training step (measured with TensorFlow 2.21 and Keras 3.15, for a plain ``fit`` of a
fresh model as for a check).  Nothing differentiates a check's step graph once the check is
done, so a check removes the registrations its own step calls made.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pytest_lrcheck.runtime.tf_compat import gradient_registry

PREFIX = "CustomGradient-"


class Registrations:
    """The gradient registrations made while `recording`, until `release` removes them."""

    def __init__(self) -> None:
        self._registry = gradient_registry()
        self._names: list[str] = []

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Note what the body registers.  Registrations are only ever added, so the new ones
        are the last entries; only the body's own tracing adds any in a test."""
        count = len(self._registry)
        try:
            yield
        finally:
            if len(self._registry) > count:
                added = list(self._registry)[count:]
                self._names.extend(name for name in added if name.startswith(PREFIX))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._names)

    def release(self) -> None:
        for name in self._names:
            self._registry.pop(name, None)
        self._names.clear()
