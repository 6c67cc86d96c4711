"""The model zoo: seeded, backend-neutral Keras 3 models with their training inputs.

One entry per kind of model and kind of input a user brings to ``fit``, each a builder
``entry.build(seed) -> Case`` (a compiled model, the `FitInputs` as the user would pass them,
held-out data to score it on).  Healthy entries really learn: ``tests/zoo/test_zoo.py`` fits
each with plain ``model.fit`` on every installed backend and checks that held-out loss beats
the best constant guess.  The tests and the benchmarks (the healthy matrix, the failure
calibration set) share these builders.

Importing the zoo does not import Keras: a builder does, so the caller can choose the
backend (``KERAS_BACKEND``) first.
"""

from __future__ import annotations

from tests.zoo.case import BACKENDS, Case, Entry, FitInputs, HeldOut, seeded
from tests.zoo.registry import ENTRIES, INPUT_KINDS, MODEL_KINDS, by_name, installed

__all__ = [
    "BACKENDS",
    "ENTRIES",
    "INPUT_KINDS",
    "MODEL_KINDS",
    "Case",
    "Entry",
    "FitInputs",
    "HeldOut",
    "by_name",
    "installed",
    "seeded",
]
