"""Everything training changes in a compiled Keras model, captured and put back bit for bit.

A check trains the user's own model through Keras' own training step, because only that step
trains every model Keras can (subclassed models, custom ``train_step``, several outputs, loss
dicts, custom losses and layers) on every backend.  Copying a model cannot: ``clone_model``
loses the statistics of adapted preprocessing layers and refuses custom objects.  Before the
first step every variable training touches is built (`keras_compat.build_for_training`) and
captured: the model's weights with its non-trainable state (BatchNorm statistics, adapted
preprocessing statistics, the seed states of Dropout and other random layers), every optimizer
variable (iterations, learning rate, slots, the loss scale of mixed precision) and every metric
variable.  Afterwards they are assigned back, with the model's ``stop_training`` flag and its
compiled train, test and predict functions: a function the check traced is dropped, so the
model goes on exactly as it would have without the check (a later ``fit`` traces its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

FUNCTIONS = ("train_function", "test_function", "predict_function")


def training_variables(model: Any) -> list[Any]:
    """Every variable of the model, its optimizer and its metrics, each once."""
    found: dict[int, Any] = {}
    optimizer = getattr(model, "optimizer", None)
    groups = (
        model.variables,
        [] if optimizer is None else optimizer.variables,
        getattr(model, "metrics_variables", []),
    )
    for group in groups:
        for variable in group:
            found.setdefault(id(variable), variable)
    return list(found.values())


@dataclass(frozen=True)
class ModelState:
    """The values of `training_variables` at one moment, and the model's flags."""

    values: tuple[tuple[Any, np.ndarray], ...]
    stop_training: bool
    functions: tuple[Any, ...]

    @classmethod
    def capture(cls, model: Any) -> ModelState:
        return cls(
            values=tuple((v, np.array(v.numpy(), copy=True)) for v in training_variables(model)),
            stop_training=bool(getattr(model, "stop_training", False)),
            functions=tuple(getattr(model, name, None) for name in FUNCTIONS),
        )

    def restore(self, model: Any) -> None:
        """Every captured variable back to its captured value.  A variable created after the
        capture (a layer built lazily inside a custom step) is left as it is: it had no value
        before to go back to."""
        for variable, value in self.values:
            variable.assign(value)
        model.stop_training = self.stop_training

    def restore_functions(self, model: Any) -> None:
        """The compiled functions back as they were (the check's own traces dropped)."""
        for name, function in zip(FUNCTIONS, self.functions, strict=True):
            setattr(model, name, function)

    def value_of(self, variable: Any) -> np.ndarray | None:
        for known, value in self.values:
            if known is variable:
                return value
        return None
