"""Label provenance: synthetic and encoded labels carry their kind and class count."""

from __future__ import annotations

import ast
import textwrap

import pytest

from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.facts import build_facts
from pytest_lrcheck.lint.labels import class_count, label_encoding
from pytest_lrcheck.lint.values import Const, Value

HEADER = """\
import numpy as np
import keras
from sklearn.datasets import load_digits, load_iris, load_wine, make_blobs, make_classification
from sklearn.preprocessing import LabelBinarizer, LabelEncoder, OneHotEncoder
rng = np.random.default_rng(0)
"""


def last_value(body: str) -> Value | None:
    """The value of the last assignment's right-hand side; of ``y`` after an unpacking."""
    if body.startswith("_, y ="):
        body += "\ny = y"
    tree = ast.parse(HEADER + textwrap.dedent(body))
    facts = build_facts(tree)
    last = tree.body[-1]
    assert isinstance(last, ast.Assign)
    return facts.value_of(last.value)


@pytest.mark.parametrize(
    ("labels", "encoding", "classes"),
    [
        ("y = np.random.randint(0, 5, 100)", "integer", 5),
        ("y = np.random.randint(5, size=100)", "integer", 5),
        ("y = np.random.randint(0, 3, size=(100, 1))", "integer", 3),
        ("y = rng.integers(0, 4, size=200)", "integer", 4),
        ("_, y = make_classification(n_samples=500, n_classes=3, n_informative=4)", "integer", 3),
        ("_, y = make_classification(n_samples=500)", "integer", 2),
        ("_, y = make_blobs(n_samples=300, centers=4)", "integer", 4),
        ("y = np.eye(6)[np.random.randint(0, 6, 50)]", "one_hot", 6),
        ("y = keras.utils.to_categorical(np.random.randint(0, 7, 50))", "one_hot", 7),
        ("y = load_iris().target", "integer", 3),
        ("bunch = load_wine()\ny = bunch.target", "integer", 3),
        ("_, y = load_digits(return_X_y=True)", "integer", 10),
        (
            "enc = LabelEncoder().fit(['cat', 'dog', 'bird'])\ny = enc.transform(column)",
            "integer",
            3,
        ),
        (
            "enc = LabelEncoder().fit(['a', 'b', 'c', 'd'])\n"
            "y = keras.utils.to_categorical(enc.transform(column))",
            "one_hot",
            4,
        ),
    ],
)
def test_labels_know_their_encoding_and_class_count(labels: str, encoding: str, classes: int):
    value = last_value(labels)
    found = label_encoding(value)
    assert found is not None and found.kind == encoding
    count = class_count(value)
    assert count is not None and count.count == classes


@pytest.mark.parametrize(
    "labels",
    [
        "y = np.random.randint(0, 2, size=(100, 5))",  # a multi-label 0/1 matrix
        "y = np.random.randint(1, 7, 100)",  # not ids from 0
        "y = np.random.randint(0, 5, 100) * 10",  # a regression target made from ids
        "y = np.random.randint(0, 5, 100)\ny = y[y < 3]",  # a mask may drop classes
        "_, y = make_classification(n_samples=500, **options)",
        "_, y = make_blobs(n_samples=300, centers=[[0, 0], [1, 1]])",
        "y = LabelEncoder().fit_transform(column)",  # classes the file does not show
    ],
)
def test_no_class_count_without_the_evidence(labels: str):
    assert class_count(last_value(labels)) is None


def test_len_of_a_fitted_encoders_classes_is_known():
    value = last_value("enc = LabelEncoder().fit(['x', 'y', 'z'])\nn = len(enc.classes_) - 1")
    assert isinstance(value, Const) and value.value == 2


def test_one_hot_encoder_columns_on_two_classes_are_one_hot_not_one_column():
    source = HEADER + textwrap.dedent(
        """
        labels = OneHotEncoder(sparse_output=False).fit_transform(frame[["class"]])
        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(2, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(features, labels)
        """
    )
    assert "LRC106" in {f.code for f in lint_source(source)}
    # LabelBinarizer writes a single 0/1 column for two classes: not one-hot rows.
    binarized = source.replace("OneHotEncoder(sparse_output=False)", "LabelBinarizer()")
    assert "LRC106" not in {f.code for f in lint_source(binarized)}


def test_randint_labels_count_against_the_output_units():
    source = HEADER + textwrap.dedent(
        """
        x = np.random.normal(size=(500, 8))
        y = np.random.randint(0, 4, 500)
        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y)
        """
    )
    assert "LRC107" in {f.code for f in lint_source(source)}
    assert "LRC107" not in {f.code for f in lint_source(source.replace("Dense(3", "Dense(4"))}


def test_a_separate_sigmoid_layer_under_mse_on_bundled_class_labels_is_lrc105():
    source = HEADER + textwrap.dedent(
        """
        from sklearn.datasets import load_breast_cancer
        cancer = load_breast_cancer()
        model = keras.Sequential([keras.Input((30,)), keras.layers.Dense(16, activation="relu")])
        model.add(keras.layers.Dense(1))
        model.add(keras.layers.Activation("sigmoid"))
        model.compile(loss="mean_squared_error", optimizer="adam")
        model.fit(cancer.data, cancer.target)
        """
    )
    (finding,) = [f for f in lint_source(source) if f.code == "LRC105"]
    assert "load_breast_cancer" in finding.message
    regression = source.replace("load_breast_cancer", "load_diabetes")
    assert "LRC105" not in {f.code for f in lint_source(regression)}
