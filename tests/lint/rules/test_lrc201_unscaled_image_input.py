from __future__ import annotations

import pytest

from .conftest import findings_for, lines_for

CODE = "LRC201"

HEAD = """
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
"""

MLP = """
model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    layers.Flatten(),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
"""


def program(data: str, fit: str = "model.fit(x_train, y_train)", model: str = MLP) -> str:
    return HEAD + data + model + fit + "\n"


def fit_line(source: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if ".fit(" in line)


@pytest.mark.parametrize("dataset", ["mnist", "fashion_mnist", "cifar10", "cifar100"])
def test_raw_pixels_of_every_image_dataset_fire(dataset):
    source = program(
        f"(x_train, y_train), (x_test, y_test) = keras.datasets.{dataset}.load_data()\n"
    )
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == fit_line(source)
    assert f"{dataset}.load_data()" in finding.message and "255" in finding.message


def test_casting_and_reshaping_is_not_scaling():
    source = program(
        "(x_train, y_train), _ = keras.datasets.mnist.load_data()\n"
        "x_train = x_train.astype('float32').reshape(-1, 28, 28)\n"
        "x_train = np.expand_dims(x_train, -1)[..., 0]\n"
    )
    assert lines_for(CODE, source) == [fit_line(source)]


def test_image_generator_without_rescale_fires_with_it_is_silent():
    model = MLP.replace("keras.Input(shape=(28, 28))", "keras.Input(shape=(64, 64, 3))")
    data = (
        "from tensorflow.keras.preprocessing.image import ImageDataGenerator\n"
        "gen = ImageDataGenerator(horizontal_flip=True)\n"
        "train = gen.flow_from_directory('data/train', target_size=(64, 64))\n"
    )
    fires = program(data, "model.fit(train, epochs=3)", model)
    assert lines_for(CODE, fires) == [fit_line(fires)]
    silent = fires.replace("horizontal_flip=True", "rescale=1.0 / 255")
    assert lines_for(CODE, silent) == []


def test_a_function_that_returns_raw_pixels_still_fires():
    source = program(
        "def load():\n"
        "    (x, y), (xt, yt) = keras.datasets.mnist.load_data()\n"
        "    return x, y\n"
        "x_train, y_train = load()\n"
    )
    assert lines_for(CODE, source) == [fit_line(source)]


@pytest.mark.parametrize(
    "data",
    [
        "x_train = x_train / 255.0\n",
        "x_train = (x_train - 127.5) / 127.5\n",
        "x_train = x_train.astype('float32')\nx_train /= 255\n",
        "x_train = keras.applications.mobilenet_v2.preprocess_input(x_train)\n",
        "x_train = tf.image.convert_image_dtype(x_train, tf.float32)\n",
        "if normalise:\n    x_train = x_train / 255.0\n",  # scaled on some path: not our call
        "x_train = preprocess(x_train)\n",  # user code we cannot see into
        "x_train[x_train > 0] = 1\n",  # binarised
        "from sklearn.preprocessing import StandardScaler\n"
        "x_train = StandardScaler().fit_transform(x_train.reshape(len(x_train), -1))\n",
    ],
)
def test_any_scaling_on_the_way_keeps_it_silent(data):
    source = program(
        "(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()\n" + data
    )
    assert findings_for(CODE, source) == []


@pytest.mark.parametrize(
    "first_layers",
    [
        "layers.Rescaling(1.0 / 255),",
        "layers.Normalization(),",
        "layers.BatchNormalization(),",
        "layers.RandomFlip('horizontal'),\n    layers.Rescaling(1.0 / 255),",
        "layers.Lambda(lambda t: t / 255.0),",
    ],
)
def test_a_model_that_scales_its_own_inputs_is_silent(first_layers):
    model = MLP.replace("layers.Flatten(),", first_layers + "\n    layers.Flatten(),")
    source = program("(x_train, y_train), _ = keras.datasets.mnist.load_data()\n", model=model)
    assert findings_for(CODE, source) == []


def test_pretrained_applications_expect_raw_pixels():
    model = (
        "base = keras.applications.EfficientNetB0(include_top=False, pooling='avg')\n"
        "model = keras.Sequential([base, layers.Dense(10, activation='softmax')])\n"
        "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
    )
    source = program("(x_train, y_train), _ = keras.datasets.cifar10.load_data()\n", model=model)
    assert findings_for(CODE, source) == []


def test_text_datasets_are_not_pixels():
    model = (
        "model = keras.Sequential([layers.Embedding(10000, 16), layers.GlobalAveragePooling1D(),"
        " layers.Dense(1, activation='sigmoid')])\n"
        "model.compile(optimizer='adam', loss='binary_crossentropy')\n"
    )
    data = "(x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=10000)\n"
    assert findings_for(CODE, program(data, model=model)) == []


def test_functional_model_reached_through_a_merge_is_not_judged():
    model = (
        "a = keras.Input(shape=(28, 28))\n"
        "b = keras.Input(shape=(28, 28))\n"
        "x = layers.Concatenate()([layers.Flatten()(a), layers.Flatten()(b)])\n"
        "model = keras.Model([a, b], layers.Dense(10, activation='softmax')(x))\n"
    )
    data = "(x_train, y_train), _ = keras.datasets.mnist.load_data()\n"
    assert findings_for(CODE, program(data, model=model)) == []


@pytest.mark.parametrize(
    ("after_flatten", "fires"),
    [
        ("layers.Rescaling(1.0 / 255),", False),
        ("layers.BatchNormalization(),", False),
        ("layers.Dropout(0.1),\n    layers.Rescaling(1.0 / 255),", False),
        ("layers.Dense(32, activation='relu'),\n    layers.BatchNormalization(),", True),
    ],
)
def test_scaling_right_after_flatten_counts(after_flatten, fires):
    model = MLP.replace("layers.Flatten(),", "layers.Flatten(),\n    " + after_flatten)
    source = program("(x_train, y_train), _ = keras.datasets.mnist.load_data()\n", model=model)
    assert bool(findings_for(CODE, source)) is fires
