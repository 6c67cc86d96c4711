"""LRC404 argmax-without-axis: edge cases beyond the rule's document."""

from __future__ import annotations

import textwrap

import pytest

from pytest_lrcheck.lint.api import lint_source
from tests.lint.rules.conftest import findings_for, fixed, lines_for

CODE = "LRC404"


def assert_silent(source: str) -> None:
    """No LRC404 finding, on a snippet that parses (a syntax error would silence every rule)."""
    codes = {f.code for f in lint_source(textwrap.dedent(source))}
    assert "LRC000" not in codes, "the snippet does not parse"
    assert CODE not in codes


# A trained 10-class model and its test data; the line under test comes last (line 11).
SETUP = """import numpy as np
import tensorflow as tf
import keras
from keras import layers
from numpy import argmax
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0
model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(),
    layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
"""


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("classes = np.argmax(model.predict(x_test))", 11),
        ("classes = argmax(model.predict(x_test))", 11),
        ("classes = keras.ops.argmax(model.predict(x_test))", 11),
        ("classes = model.predict(x_test).argmax()", 11),
        ("classes = np.argmax(model.predict_on_batch(x_test))", 11),
        ("classes = np.argmax(model(x_test))", 11),
        ("print(np.argmax(model.predict(x_test), out=None))", 7),
    ],
)
def test_flattening_argmax_in_every_spelling(line: str, column: int):
    (finding,) = findings_for(CODE, SETUP + line + "\n")
    assert (finding.span.line, finding.span.column) == (11, column)
    assert "flattens the predictions for mnist.load_data() data (line 11)" in finding.message
    assert finding.message.endswith("not one class per sample; pass axis=-1")


@pytest.mark.parametrize("function", ["tf.argmax", "tf.math.argmax"])
def test_tensorflow_argmax_reduces_the_batch_axis(function: str):
    (finding,) = findings_for(CODE, SETUP + f"classes = {function}(model.predict(x_test))\n")
    assert f"{function}() without axis reduces axis 0" in finding.message
    assert "for each class the sample that scores highest" in finding.message


def test_predictions_kept_in_a_variable_and_a_model_built_in_a_function():
    source = """
        import numpy as np
        from tensorflow import keras

        def build():
            return keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])

        model = build()
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        x = np.random.rand(100, 4)
        predictions = model.predict(x)
        labels = np.argmax(predictions)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 12
    assert "the predictions for 100 generated samples (line 11)" in finding.message


@pytest.mark.parametrize(
    "data",
    [
        "x_test[:8]",
        "x_test[..., np.newaxis]",
        "x_test[:, :, :, None]",
        "x_test.reshape(-1, 28, 28)",
        "np.random.rand(32, 28, 28)",
        "np.random.normal(size=(32, 28, 28))",
        "np.zeros((32, 28, 28))",
        "np.random.default_rng(0).random((32, 28, 28))",
        "tf.random.normal((32, 28, 28))",
        "x_split",
    ],
)
def test_batches_of_many_samples(data: str):
    setup = SETUP + "from sklearn.model_selection import train_test_split\n"
    setup += "x_split, _ = train_test_split(np.random.rand(50, 28, 28) * 0 + x_test[:50])\n"
    assert lines_for(CODE, setup + f"classes = np.argmax(model.predict({data}))\n") == [13]


def test_batched_image_sources():
    source = """
        import numpy as np
        import keras
        from keras.preprocessing.image import ImageDataGenerator

        model = keras.Sequential([keras.Input((64, 64, 3)), keras.layers.Flatten(),
            keras.layers.Dense(5, activation="softmax")])
        test_ds = keras.utils.image_dataset_from_directory("data/test", image_size=(64, 64))
        flow = ImageDataGenerator(rescale=1 / 255).flow_from_directory("data/test")
        a = np.argmax(model.predict(test_ds))
        b = np.argmax(model.predict(flow))
    """
    assert lines_for(CODE, source) == [10, 11]


@pytest.mark.parametrize(
    "data",
    [
        "x_test[0]",
        "x_test[:1]",
        "x_test[0:1]",
        "x_test[n:n + 8]",  # size not literal
        "x_test[index]",
        "x_test[y_test == 3]",
        "x_test[0][None]",
        "x_test[None, 0]",
        "np.expand_dims(x_test[0], 0)",
        "np.random.rand(1, 28, 28)",
        "np.random.rand(28, 28)[None]",
        "load_digit_image()",
        "keras.utils.img_to_array(keras.utils.load_img('seven.png'))",
        "preprocess(x_test)",
    ],
)
def test_single_samples_or_unknown_sizes_stay_silent(data: str):
    setup = SETUP.replace("from numpy import argmax\n", "n = index = len(y_test) // 2\n")
    assert_silent(setup + f"classes = np.argmax(model.predict({data}))\n")


@pytest.mark.parametrize(
    "line",
    [
        "classes = np.argmax(model.predict(x_test), axis=1)",
        "classes = np.argmax(model.predict(x_test), -1)",
        "classes = np.argmax(model.predict(x_test), axis=None)",  # deliberate
        "classes = tf.argmax(model.predict(x_test), 1)",
        "classes = model.predict(x_test).argmax(1)",
        "classes = model.predict(x_test).argmax(axis=-1)",
        "classes = np.argmax(model.predict(x_test), **options)",
        "classes = np.argmax(*arguments)",
        "classes = model(x_test).argmax()",  # a tensor: no such method, it fails by itself
        "classes = np.argmax(model.predict(x_test)[0])",
        "classes = np.argmax(model.predict(x_test).sum(axis=0))",
    ],
)
def test_axis_given_or_no_batch_of_scores(line: str):
    setup = SETUP.replace("from numpy import argmax\n", "options = arguments = None\n")
    assert_silent(setup + line + "\n")


def test_flat_index_used_on_purpose():
    assert_silent(
        SETUP + "best = np.unravel_index(np.argmax(model.predict(x_test)), (10000, 10))\n"
    )


@pytest.mark.parametrize(
    "model",
    [
        # one output unit: argmax over the batch picks the best sample, which may be wanted
        "keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])",
        # the head is not known
        "keras.models.load_model('model.keras')",
        "make_model()",
        "keras.applications.MobileNetV2()",
    ],
)
def test_models_not_known_to_output_class_scores(model: str):
    source = (
        "import numpy as np\nimport keras\nfrom mylib import make_model\n"
        f"model = {model}\n"
        "x = np.random.rand(100, 4)\nbest = np.argmax(model.predict(x))\n"
    )
    assert_silent(source)


def test_class_scores_known_from_the_activation_or_the_loss():
    template = (
        "import numpy as np\nimport keras\nunits = int('3')\n"
        "model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(units{activation})])\n"
        "{compile}\nx = np.random.rand(100, 4)\nbest = np.argmax(model.predict(x))\n"
    )
    softmax = template.format(activation=", activation='softmax'", compile="")
    assert lines_for(CODE, softmax) == [7]
    loss = template.format(activation="", compile="model.compile(loss='categorical_crossentropy')")
    assert lines_for(CODE, loss) == [7]
    assert_silent(template.format(activation="", compile="model.compile(loss='mse')"))


@pytest.mark.parametrize(
    "source",
    [
        # names that are not NumPy's or TensorFlow's argmax
        "import keras\nfrom mylib import argmax\nm = keras.Sequential([keras.layers.Dense(3)])\n"
        "(x, y), _ = keras.datasets.mnist.load_data()\nc = argmax(m.predict(x))\n",
        "import keras\nimport numpy as np\nfrom mylib import *\n"
        "m = keras.Sequential([keras.layers.Dense(3)])\n"
        "(x, y), _ = keras.datasets.mnist.load_data()\nc = argmax(m.predict(x))\n",
        "import numpy as np\nclass Model:\n    def predict(self, x): return x\n"
        "c = np.argmax(Model().predict(np.random.rand(10, 3)))\n",
    ],
)
def test_stays_silent_without_a_keras_model(source: str):
    assert_silent(source)


def test_fix_appends_axis_in_the_call_s_own_layout():
    source = SETUP + (
        "a = np.argmax(model.predict(x_test))\n"
        "b = model.predict(x_test).argmax()\n"
        "c = tf.argmax(\n    model.predict(x_test),\n)\n"
        "d = np.argmax(model.predict(x_test), out=None)\n"
    )
    expected = SETUP + (
        "a = np.argmax(model.predict(x_test), axis=-1)\n"
        "b = model.predict(x_test).argmax(axis=-1)\n"
        "c = tf.argmax(\n    model.predict(x_test),\n    axis=-1,\n)\n"
        "d = np.argmax(model.predict(x_test), out=None, axis=-1)\n"
    )
    findings = findings_for(CODE, source)
    assert [f.span.line for f in findings] == [11, 12, 13, 16]
    assert all(f.fix is not None and f.fix.safety == "unsafe" for f in findings)
    assert fixed(source, unsafe=False) == source
    assert fixed(source) == expected
    assert fixed(expected) == expected, "a second fix must change nothing"


def test_a_slice_with_bounds_bound_to_literals_is_a_batch():
    setup = SETUP.replace("from numpy import argmax\n", "start = 100\n")
    line = "classes = np.argmax(model.predict(x_test[start:start + 8]))\n"
    assert lines_for(CODE, setup + line) == [11]
