"""The LRC201 fix: ``x = x / 255.0`` after the loading statement, only where unambiguous."""

from __future__ import annotations

import textwrap

import pytest

from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.fixer import apply_fixes


def fix(source: str) -> str:
    text = textwrap.dedent(source)
    findings = [f for f in lint_source(text) if f.code == "LRC201"]
    assert findings, "LRC201 must fire on the test program"
    return apply_fixes(text, findings, unsafe=True).source


def lrc201(source: str) -> list[int]:
    return [f.line for f in lint_source(source) if f.code == "LRC201"]


MODEL = """\
model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
"""


@pytest.mark.parametrize(
    ("imports", "load"),
    [
        ("from tensorflow import keras", "keras.datasets.mnist.load_data()"),
        ("import tensorflow as tf\nkeras = tf.keras",
         "tf.keras.datasets.fashion_mnist.load_data()"),
        ("import keras\nfrom keras.datasets import cifar10", "cifar10.load_data()"),
        ("import tf_keras as keras", "keras.datasets.cifar100.load_data(label_mode='fine')"),
    ],
)  # fmt: skip
def test_inserts_scaling_for_train_and_test_after_the_load(imports: str, load: str):
    source = f"{imports}\n\n(x_train, y_train), (x_test, y_test) = {load}\n{MODEL}"
    source += "model.fit(x_train, y_train, validation_data=(x_test, y_test))\n"
    fixed = fix(source)
    assert fixed == source.replace(
        f"= {load}\n", f"= {load}\nx_train = x_train / 255.0\nx_test = x_test / 255.0\n"
    )
    assert lrc201(fixed) == []
    assert not apply_fixes(fixed, lint_source(fixed), unsafe=True).changed


def test_discarded_test_split_is_not_scaled():
    load = "(xs, ys), (_, _) = keras.datasets.mnist.load_data()"
    source = f"from tensorflow import keras\n{load}\n{MODEL}model.fit(xs, ys)\n"
    assert "xs = xs / 255.0\nmodel" in fix(source).replace(f"\n{MODEL}", "\nmodel")


def test_updates_of_the_names_themselves_are_fine():
    source = (
        textwrap.dedent(
            """\
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        x_train = x_train.reshape(-1, 28, 28)
        """
        )
        + MODEL
        + "model.fit(x_train, y_train)\n"
    )
    fixed = fix(source)
    assert (
        "load_data()\nx_train = x_train / 255.0\nx_test = x_test / 255.0\nx_train = x_train.reshape"
        in fixed
    )


def test_keeps_windows_line_endings():
    source = (
        "from tensorflow import keras\n(x_train, y_train), (x_test, y_test) = "
        "keras.datasets.mnist.load_data()\n" + MODEL + "model.fit(x_train, y_train)\n"
    ).replace("\n", "\r\n")
    findings = [f for f in lint_source(source) if f.code == "LRC201"]
    fixed = apply_fixes(source, findings, unsafe=True).source
    assert "load_data()\r\nx_train = x_train / 255.0\r\nx_test = x_test / 255.0\r\n" in fixed
    assert "\n" not in fixed.replace("\r\n", "")


AMBIGUOUS = {
    "loaded in a function": """\
        from tensorflow import keras
        def load():
            (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
            return x_train, y_train
        x_train, y_train = load()
        """,
    "shares its line": """\
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data(); n = 10
        """,
    "rebound elsewhere": """\
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        def helper():
            x_train = None
            return x_train
        """,
    "declared global": """\
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        def helper():
            global x_train
        """,
    "flat unpacking": """\
        from tensorflow import keras
        train, test = keras.datasets.mnist.load_data()
        x_train, y_train = train
        """,
    "two sources": """\
        import numpy as np
        from tensorflow import keras
        (a, y_train), (b, c) = keras.datasets.mnist.load_data()
        (d, e), (f, g) = keras.datasets.fashion_mnist.load_data()
        x_train = np.concatenate([a, d])
        """,
}


@pytest.mark.parametrize("case", sorted(AMBIGUOUS))
def test_no_fix_where_it_would_be_ambiguous(case: str):
    source = textwrap.dedent(AMBIGUOUS[case]) + MODEL + "model.fit(x_train, y_train)\n"
    findings = [f for f in lint_source(source) if f.code == "LRC201"]
    assert findings, "the finding itself still stands"
    assert all(f.fix is None for f in findings)


def test_image_files_get_no_fix():
    source = (
        textwrap.dedent(
            """\
        import numpy as np
        from tensorflow import keras
        x_train = keras.utils.img_to_array(keras.utils.load_img("a.png"))
        y_train = np.array([1])
        """
        )
        + MODEL
        + "model.fit(x_train, y_train)\n"
    )
    findings = [f for f in lint_source(source) if f.code == "LRC201"]
    assert findings and all(f.fix is None for f in findings)
