"""Facts that tell one sample from a batch, and other small facts the layer rules rely on."""

from __future__ import annotations

import ast

import pytest

from pytest_lrcheck.lint.facts import FileFacts, build_facts
from pytest_lrcheck.lint.names import NameResolver
from pytest_lrcheck.lint.values import DataVal, Op

HEAD = "import numpy as np\nimport tensorflow as tf\nimport keras\nrng = np.random.default_rng(0)\n"


def value_of_last(body: str) -> tuple[FileFacts, object]:
    tree = ast.parse(HEAD + body)
    facts = build_facts(tree)
    last = tree.body[-1]
    assert isinstance(last, ast.Expr)
    return facts, facts.value_of(last.value)


@pytest.mark.parametrize(
    ("expression", "rows"),
    [
        ("np.random.rand(100, 20)", 100),
        ("np.random.randn(7, 3, 3)", 7),
        ("np.random.random((50, 4))", 50),
        ("np.random.normal(0, 1, (30, 2))", 30),
        ("np.random.normal(size=(30, 2))", 30),
        ("np.random.randint(0, 10, size=(64, 1))", 64),
        ("np.zeros((8, 2))", 8),
        ("rng.random((12, 3))", 12),
        ("rng.normal(size=(5, 5))", 5),
        ("rng.integers(0, 3, (9, 1))", 9),
        ("tf.random.normal((16, 4))", 16),
        ("tf.random.uniform(shape=(16, 4))", 16),
        # one axis: samples or features, no telling; shapes that are not literal
        ("np.random.rand(100)", None),
        ("np.zeros(n)", None),
        ("np.random.rand(n, 3)", None),
    ],
)
def test_generated_arrays_know_their_rows(expression: str, rows: int | None):
    _, value = value_of_last(f"n = samples()\n{expression}\n")
    assert isinstance(value, DataVal)
    (source,) = value.sources
    assert (source.kind, source.rows) == ("generated", rows)


def _last_op(value: object) -> Op:
    assert isinstance(value, DataVal)
    return max(value.may, key=lambda op: op.order())


@pytest.mark.parametrize(
    ("index", "kind", "detail", "number"),
    [
        ("[..., None]", "reshape", "newaxis", None),
        ("[:, :, np.newaxis]", "reshape", "newaxis", None),
        ("[..., tf.newaxis]", "reshape", "newaxis", None),
        ("[:8]", "select", "slice", 8.0),
        ("[2:10]", "select", "slice", 8.0),
        ("[k:k + 3]", "select", "slice", 3.0),
        ("[0:1]", "select", "slice", 1.0),
        ("[10:]", "select", "slice", None),
        ("[:8:2]", "select", "slice", None),
        ("[-8:]", "select", "slice", None),
        ("[None, ...]", "select", "axes", None),  # a leading axis: a batch of one
        ("[..., 0]", "select", "axes", None),
        ("[0]", "select", "index", None),
    ],
)
def test_subscripts(index: str, kind: str, detail: str, number: float | None):
    _, value = value_of_last(f"k = 4\nx = np.random.rand(100, 5)\nx{index}\n")
    op = _last_op(value)
    assert (op.kind, op.detail, op.number) == (kind, detail, number)


def test_a_layer_given_unpacked_options_has_an_unknown_activation():
    tree = ast.parse(
        HEAD + "options = {}\nm = keras.Sequential([keras.layers.Dense(4, **options)])\n"
    )
    (model,) = build_facts(tree).models
    activation = model.layers[0].activation
    assert activation is not None
    assert (activation.name, activation.explicit) == (None, True)


@pytest.mark.parametrize(
    ("initializer", "name"),
    [("tf.zeros_initializer()", "zeros"), ("tf.ones_initializer()", "ones"),
     ("tf.constant_initializer(0.5)", "constant"), ("tf.keras.initializers.Zeros()", "zeros")],
)  # fmt: skip
def test_tensorflow_initializers(initializer: str, name: str):
    tree = ast.parse(
        HEAD + f"m = keras.Sequential([keras.layers.Dense(4, kernel_initializer={initializer})])\n"
    )
    (model,) = build_facts(tree).models
    assert model.layers[0].kernel_initializer == name


def test_dotted_name_keeps_the_spelling_that_qualname_folds():
    tree = ast.parse(
        "import tensorflow as tf\nfrom tensorflow.keras.optimizers import legacy\n"
        "tf.keras.optimizers.legacy.Adam\nlegacy.SGD\n"
    )
    resolver = NameResolver(tree)
    first, second = (stmt.value for stmt in tree.body[2:])  # type: ignore[attr-defined]
    assert resolver.dotted_name(first, tree) == "tf.keras.optimizers.legacy.Adam".replace(
        "tf.", "tensorflow.", 1
    )
    assert resolver.qualname(first, tree) == "keras.optimizers.Adam"
    assert resolver.dotted_name(second, tree) == "tensorflow.keras.optimizers.legacy.SGD"
