"""The linter and the runtime judge an output activation and a loss by the same table.

Each model is written once as source: the linter reads it, and the same source is run to build
the live model the runtime reads.  Both must agree on whether the pair fits.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from pytest_lrcheck.lint.api import lint_source

pytestmark = pytest.mark.tensorflow

PAIR_RULES = {"LRC101", "LRC102", "LRC103", "LRC104", "LRC105"}


@pytest.fixture(scope="module")
def keras() -> ModuleType:
    pytest.importorskip("tensorflow")
    return pytest.importorskip("keras")


def _source(units: int, activation: str, loss: str) -> str:
    return (
        "import keras\n"
        "model = keras.Sequential(\n"
        f"    [keras.Input((4,)), keras.layers.Dense(8), keras.layers.Dense({units}, "
        f"activation={activation!r})]\n"
        ")\n"
        f"model.compile(optimizer='adam', loss={loss})\n"
    )


@pytest.mark.parametrize(
    ("units", "activation", "loss", "mismatched"),
    [
        (10, "softmax", "'categorical_crossentropy'", False),
        (10, "sigmoid", "'categorical_crossentropy'", True),
        (10, "sigmoid", "'categorical_focal_crossentropy'", True),
        (10, "softmax", "keras.losses.CategoricalFocalCrossentropy()", False),
        (10, "linear", "keras.losses.SparseCategoricalCrossentropy(from_logits=True)", False),
        (10, "softmax", "keras.losses.SparseCategoricalCrossentropy(from_logits=True)", True),
        (1, "sigmoid", "keras.losses.BinaryCrossentropy(from_logits=True)", True),
        (1, "sigmoid", "'binary_focal_crossentropy'", False),
        (1, "relu", "'binary_focal_crossentropy'", True),
        (1, "softmax", "'binary_crossentropy'", True),
        (10, "softmax", "'huber'", True),
        (10, "softmax", "'mse'", True),
        (1, "linear", "'mse'", False),
    ],
)
def test_both_halves_agree(keras: ModuleType, units: int, activation: str, loss: str, mismatched):
    from pytest_lrcheck.runtime.detectors.mismatch import config_mismatch
    from pytest_lrcheck.runtime.model_facts import read_model_facts

    source = _source(units, activation, loss)
    static = {f.code for f in lint_source(source)} & PAIR_RULES
    namespace: dict[str, Any] = {}
    exec(compile(source, "<model>", "exec"), namespace)
    live = config_mismatch(read_model_facts(namespace["model"]))
    assert bool(static) == mismatched, static
    assert (live is not None) == mismatched, live
