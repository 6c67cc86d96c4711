"""LRC112 class-ids-regression-loss: edge cases beyond the rule's document."""

from __future__ import annotations

import pytest

from .conftest import findings_for, lines_for

CODE = "LRC112"


def program(labels: str, head: str = "Dense(1)", loss: str = "'mse'") -> str:
    return (
        "import numpy as np\n"
        "import tensorflow as tf\n"
        "from tensorflow.keras.layers import Dense\n"
        "from sklearn.datasets import load_breast_cancer, load_wine\n"
        "from sklearn.preprocessing import LabelEncoder\n"
        f"{labels}\n"
        "model = tf.keras.Sequential(\n"
        f"    [tf.keras.Input((13,)), Dense(8, activation='relu'), {head}])\n"
        f"model.compile(optimizer='adam', loss={loss})\n"
        "model.fit(x, y, epochs=5)\n"
    )


@pytest.mark.parametrize(
    ("labels", "loss"),
    [
        ("x, y = load_wine(return_X_y=True)", "'mse'"),
        ("x, y = load_wine(return_X_y=True)", "tf.keras.losses.MeanAbsoluteError()"),
        ("x = features()\ny = LabelEncoder().fit_transform(frame['species'])", "'huber'"),
        ("(x, y), _ = tf.keras.datasets.cifar10.load_data()", "'mse'"),
    ],
)
def test_class_ids_under_a_regression_loss_fire_at_the_loss(labels, loss):
    source = program(labels, loss=loss)
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == next(
        n for n, line in enumerate(source.splitlines(), 1) if "model.compile(" in line
    )
    assert "class ids" in finding.message


@pytest.mark.parametrize(
    ("labels", "head", "loss"),
    [
        ("x, y = load_breast_cancer(return_X_y=True)", "Dense(1)", "'mse'"),  # two classes
        ("x = np.random.rand(50, 13)\ny = np.random.randint(0, 20, 50)", "Dense(1)", "'mse'"),
        ("x = features()\ny = scores()", "Dense(1)", "'mse'"),  # ordinal targets from a file
        ("x, y = load_wine(return_X_y=True)", "Dense(3, activation='softmax')",
         "'sparse_categorical_crossentropy'"),
        ("x, y = load_wine(return_X_y=True)", "Dense(1, activation='sigmoid')", "'mse'"),
        ("x, y = load_wine(return_X_y=True)\ny = y / 2.0", "Dense(1)", "'mse'"),
    ],
)  # fmt: skip
def test_silent_otherwise(labels, head, loss):
    assert lines_for(CODE, program(labels, head, loss)) == []
