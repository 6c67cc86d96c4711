"""LRC402 missing-flatten: edge cases beyond the rule's document."""

from __future__ import annotations

import textwrap

import pytest

from pytest_lrcheck.lint.api import lint_source
from tests.lint.rules.conftest import findings_for, lines_for

CODE = "LRC402"


def assert_silent(source: str) -> None:
    """No LRC402 finding, on a snippet that parses (a syntax error would silence every rule)."""
    codes = {f.code for f in lint_source(textwrap.dedent(source))}
    assert "LRC000" not in codes, "the snippet does not parse"
    assert CODE not in codes


# {imports}, then a Sequential CNN on CIFAR-10 in the spelling under test; line 7 is the Dense.
CNN = """{imports}
import keras
(x_train, y_train), _ = keras.datasets.cifar10.load_data()
model = keras.Sequential([keras.Input((32, 32, 3)),
    {conv}(16, 3, activation="relu"),
    {pool}(),
    {dense}(64, activation="relu"),
    {dense}(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train / 255.0, y_train)
"""


@pytest.mark.parametrize(
    ("imports", "prefix"),
    [
        ("import tensorflow as tf", "tf.keras.layers."),
        ("import keras", "keras.layers."),
        ("from keras import layers", "layers."),
        ("import tensorflow.keras as tfk", "tfk.layers."),
        ("import tf_keras", "tf_keras.layers."),
        ("import keras", "keras.layers.convolutional."),  # Keras 2 module path
    ],
)
def test_every_spelling(imports: str, prefix: str):
    conv = f"{prefix}Conv2D"
    pool = f"{prefix}MaxPooling2D"
    source = CNN.format(imports=imports, conv=conv, pool=pool, dense=f"{prefix}Dense")
    (finding,) = findings_for(CODE, source)
    assert (finding.span.line, finding.span.column) == (7, 5)
    assert finding.message == (
        "Dense(64) receives the 4-D output of MaxPooling2D (line 6) with no Flatten in "
        "between, so the model outputs (batch, height, width, 10), one prediction per "
        "position, while sparse_categorical_crossentropy expects one per sample; add "
        "Flatten() or GlobalAveragePooling2D() before this layer"
    )


def test_aliased_imports_and_keras_2_names():
    source = """
        from keras.layers import Convolution2D, Dense as D, MaxPool2D
        from keras.models import Sequential

        model = Sequential()
        model.add(Convolution2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)))
        model.add(MaxPool2D(pool_size=(2, 2)))
        model.add(D(10, activation="softmax"))
        model.compile(loss="categorical_crossentropy", optimizer="adadelta")
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 8
    assert "categorical_crossentropy expects one per sample" in finding.message


def test_functional_chain_with_dataset_labels_and_no_pooling():
    source = """
        import keras
        from keras import layers

        (x_train, y_train), _ = keras.datasets.cifar100.load_data(label_mode="coarse")
        y_train = keras.utils.to_categorical(y_train, 20)
        inputs = keras.Input(shape=(32, 32, 3))
        x = layers.Rescaling(1.0 / 255)(inputs)
        x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
        x = layers.BatchNormalization()(x)
        outputs = layers.Dense(20, activation="softmax")(x)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train, y_train)
    """
    assert lines_for(CODE, source) == [11]


def test_strided_convolution_counts_as_downsampling():
    source = """
        import numpy as np
        import keras
        from keras import layers

        x = np.random.rand(64, 32, 32, 3)
        y = np.random.randint(0, 2, size=(64,))
        model = keras.Sequential([
            keras.Input((32, 32, 3)),
            layers.Conv2D(16, 3, strides=2, activation="relu"),
            layers.Dense(1, activation="sigmoid"),
        ])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        model.fit(x, y)
    """
    assert lines_for(CODE, source) == [11]


def test_model_built_in_a_function_and_trained_at_module_level():
    source = """
        from tensorflow import keras

        def build():
            return keras.Sequential([
                keras.layers.Conv2D(8, 3, input_shape=(28, 28, 1)),
                keras.layers.MaxPooling2D(),
                keras.layers.Dense(10, activation="softmax"),
            ])

        model = build()
        model.compile(optimizer="sgd", loss=keras.losses.SparseCategoricalCrossentropy())
    """
    assert lines_for(CODE, source) == [8]


def test_images_without_a_channel_axis_need_dataset_images_and_labels():
    template = """
import numpy as np
from tensorflow import keras
(x_train, y_train), _ = keras.datasets.mnist.load_data()
model = keras.Sequential([keras.Input(shape=(28, 28)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit({x}, {y})
"""
    (finding,) = findings_for(CODE, template.format(x="x_train / 255.0", y="y_train"))
    assert finding.span.line == 6
    assert "receives the 3-D input (line 5)" in finding.message
    assert "outputs (batch, rows, 10)" in finding.message
    assert "add Flatten() before this layer" in finding.message
    # A (steps, features) sequence of generated data: Dense per step may be meant.
    generated = template.format(x="np.random.rand(8, 28, 28)", y="np.zeros((8, 28))")
    assert_silent(generated)
    assert_silent(template.format(x="x_train / 255.0", y="labels()"))


@pytest.mark.parametrize(
    "layers_between",
    [
        "layers.Flatten(),",
        "layers.GlobalAveragePooling2D(),",
        "layers.GlobalMaxPool2D(),",
        "layers.Reshape((-1,)),",
        "layers.Lambda(lambda t: t),",  # unknown to the checker
        "layers.LSTM(8),",  # not followed
        "layers.GlobalAveragePooling2D(keepdims=True),",  # keeps the axes, but say nothing
    ],
)
def test_anything_that_may_flatten_silences_the_rule(layers_between: str):
    source = (
        "import keras\nfrom keras import layers\n"
        "(x, y), _ = keras.datasets.cifar10.load_data()\n"
        "model = keras.Sequential([keras.Input((32, 32, 3)), layers.Conv2D(8, 3),\n"
        f"    layers.MaxPooling2D(), {layers_between}\n"
        "    layers.Dense(10, activation='softmax')])\n"
        "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
        "model.fit(x, y)\n"
    )
    assert_silent(source)


def test_a_flatten_after_the_dense_gives_a_per_sample_output():
    source = (
        "import keras\nfrom keras import layers\n"
        "model = keras.Sequential([keras.Input((32, 32, 3)), layers.Conv2D(8, 3),\n"
        "    layers.MaxPooling2D(), layers.Dense(16, activation='relu'), layers.Flatten(),\n"
        "    layers.Dense(10, activation='softmax')])\n"
        "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
    )
    assert_silent(source)


@pytest.mark.parametrize(
    ("body", "fit"),
    [
        # per-pixel classification: no pooling, per-pixel labels
        ("layers.Conv2D(8, 3, padding='same'), layers.Dense(5, activation='softmax')",
         "model.fit(x, np.argmax(x, axis=-1))"),
        # a decoder: upsampling back to full resolution
        ("layers.Conv2D(8, 3), layers.MaxPooling2D(), layers.UpSampling2D(),"
         " layers.Dense(5, activation='softmax')", "model.fit(x, y)"),
        ("layers.Conv2D(8, 3), layers.MaxPooling2D(), layers.Conv2DTranspose(8, 3),"
         " layers.Dense(5, activation='softmax')", "model.fit(x, y)"),
        # sequences: Conv1D then Dense per step
        ("layers.Reshape((32, 96)), layers.Conv1D(8, 3), layers.MaxPooling1D(),"
         " layers.Dense(5, activation='softmax')", "model.fit(x, y)"),
        # TimeDistributed heads are deliberate
        ("layers.Conv2D(8, 3), layers.MaxPooling2D(),"
         " layers.TimeDistributed(layers.Dense(5, activation='softmax'))", "model.fit(x, y)"),
        # the output layer is a convolution
        ("layers.Conv2D(8, 3), layers.MaxPooling2D(), layers.Dense(16),"
         " layers.Conv2D(5, 1, activation='softmax')", "model.fit(x, y)"),
    ],
)  # fmt: skip
def test_per_position_models_stay_silent(body: str, fit: str):
    source = (
        "import numpy as np\nimport keras\nfrom keras import layers\n"
        "x = np.random.rand(16, 32, 32, 3)\ny = np.random.randint(0, 5, size=(16,))\n"
        f"model = keras.Sequential([keras.Input((32, 32, 3)), {body}])\n"
        "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
        f"{fit}\n"
    )
    assert_silent(source)


@pytest.mark.parametrize(
    "compile_call",
    [
        "model.compile(optimizer='adam', loss='mse')",
        "model.compile(optimizer='adam', loss=my_loss)",
        "model.compile(optimizer='adam', loss={'out': 'sparse_categorical_crossentropy'})",
        "pass",
    ],
)
def test_only_classification_losses(compile_call: str):
    source = (
        "import keras\nfrom keras import layers\nmy_loss = None\n"
        "(x, y), _ = keras.datasets.cifar10.load_data()\n"
        "model = keras.Sequential([keras.Input((32, 32, 3)), layers.Conv2D(8, 3),\n"
        "    layers.MaxPooling2D(), layers.Dense(10, activation='softmax')])\n"
        f"{compile_call}\n"
    )
    assert_silent(source)


def test_layers_that_may_be_absent_or_added_elsewhere():
    source = """
        import keras
        from keras import layers
        from mylib import add_head

        flat = True
        model = keras.Sequential([keras.Input((32, 32, 3)), layers.Conv2D(8, 3)])
        model.add(layers.MaxPooling2D())
        if flat:
            model.add(layers.Flatten())
        model.add(layers.Dense(10, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")

        other = keras.Sequential([keras.Input((32, 32, 3)), layers.Conv2D(8, 3)])
        other.add(layers.MaxPooling2D())
        add_head(other)
        other.add(layers.Dense(10, activation="softmax"))
        other.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    """
    assert_silent(source)


def test_conv_blocks_added_in_a_loop_keep_the_rank():
    template = """
import keras
from keras import layers

model = keras.Sequential([keras.Input((32, 32, 3))])
for filters in filter_sizes:
    model.add(layers.Conv2D(filters, 3, activation="relu"))
    model.add(layers.MaxPooling2D())
model.add(layers.Dense(128, activation="relu"))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
{fit}
"""
    # The only pooling is in the loop, which may not run: no evidence without the labels.
    assert_silent(template.format(fit=""))
    fit = "(x, y), _ = keras.datasets.cifar10.load_data()\nmodel.fit(x, y)"
    (finding,) = findings_for(CODE, template.format(fit=fit))
    assert finding.span.line == 9
    assert "receives the 4-D output of MaxPooling2D (line 8)" in finding.message


@pytest.mark.parametrize(
    "source",
    [
        "import keras\nclass Dense:\n    def __init__(self, n, activation=None): pass\n"
        "m = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.MaxPooling2D(),"
        " Dense(10)])\nm.compile(loss='sparse_categorical_crossentropy')\n",
        "import keras\nfrom keras.layers import Dense, MaxPooling2D\nfrom mylayers import *\n"
        "m = keras.Sequential([keras.Input((8, 8, 3)), MaxPooling2D(), Dense(10)])\n"
        "m.compile(loss='sparse_categorical_crossentropy')\n",
    ],
)
def test_names_that_are_not_keras_layers(source: str):
    assert_silent(source)
