"""LRC111 multiclass-single-sigmoid: edge cases beyond the rule's document."""

from __future__ import annotations

import pytest

from .conftest import findings_for, lines_for

CODE = "LRC111"


def program(labels: str, head: str = "Dense(1, activation='sigmoid')", loss: str = "'bce'") -> str:
    return (
        "import numpy as np\n"
        "from tensorflow import keras\n"
        "from tensorflow.keras.layers import Dense\n"
        "from sklearn.datasets import load_breast_cancer, load_iris, make_classification\n"
        f"{labels}\n"
        f"model = keras.Sequential([keras.Input((4,)), Dense(8, activation='relu'), {head}])\n"
        f"model.compile(optimizer='adam', loss={loss})\n"
        "model.fit(x, y, epochs=5)\n"
    ).replace("'bce'", "'binary_crossentropy'")


@pytest.mark.parametrize(
    "labels",
    [
        "x, y = load_iris(return_X_y=True)",
        "x, y = make_classification(n_samples=300, n_features=4, n_classes=3, n_informative=3)",
        "(x, y), _ = keras.datasets.mnist.load_data()",
        "x = np.random.rand(100, 4)\ny = np.random.randint(0, 5, 100)",
    ],
)
def test_three_or_more_classes_on_one_sigmoid_fire(labels):
    source = program(labels)
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == _line_of(source, "Dense(1, activation='sigmoid')")
    assert "softmax" in finding.message


@pytest.mark.parametrize(
    ("labels", "head", "loss"),
    [
        ("x, y = load_breast_cancer(return_X_y=True)", None, None),  # two classes
        ("x, y = make_classification(n_samples=300, n_features=4)", None, None),
        ("x, y = load_iris(return_X_y=True)", "Dense(3, activation='softmax')",
         "'sparse_categorical_crossentropy'"),
        # A categorical loss on one unit is LRC107's finding, a regression loss LRC105's.
        ("x, y = load_iris(return_X_y=True)", None, "'sparse_categorical_crossentropy'"),
        ("x, y = load_iris(return_X_y=True)", None, "'mse'"),
        ("x = load()\ny = labels()", None, None),
        ("x, y = load_iris(return_X_y=True)\ny = keras.utils.to_categorical(y)", None, None),
    ],
)  # fmt: skip
def test_silent_otherwise(labels, head, loss):
    source = program(labels, head or "Dense(1, activation='sigmoid')", loss or "'bce'")
    assert lines_for(CODE, source) == []


def _line_of(source: str, text: str) -> int:
    return next(n for n, line in enumerate(source.splitlines(), 1) if text in line)
