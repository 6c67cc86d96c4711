"""LRC202 inconsistent-scaling: edge cases beyond the rule's document."""

from __future__ import annotations

import textwrap

import pytest

from tests.lint.rules.conftest import findings_for, lines_for

CODE = "LRC202"

MNIST = """
    import tensorflow as tf
    from tensorflow import keras
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    {prepare}
    model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, "softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train)
    {use}
"""


def mnist(prepare: str, use: str) -> str:
    return textwrap.dedent(MNIST).format(prepare=prepare, use=use)


@pytest.mark.parametrize(
    "prepare",
    [
        "x_train = x_train / 255.0",
        "x_train = x_train.astype('float32') / 255",
        "x_train = x_train.astype('float32')\nx_train /= 255.0",
        "x_train = (x_train - 127.5) / 127.5",
        "x_train = x_train * (1.0 / 255)",
        "x_train = tf.image.convert_image_dtype(x_train, tf.float32)",
        "x_train = keras.utils.normalize(x_train, axis=1)",
    ],
)
@pytest.mark.parametrize(
    ("use", "needle"),
    [
        ("model.evaluate(x_test, y_test)", "x_test"),
        ("preds = model.predict(x_test[:8])", "x_test[:8]"),
        ("model.fit(x_train, y_train, validation_data=(x_test, y_test))", "x_test"),
        ("model.test_on_batch(x_test[:32], y_test[:32])", "x_test[:32]"),
    ],
)
def test_raw_held_out_inputs_after_scaled_training(prepare: str, use: str, needle: str):
    source = mnist(prepare, use)
    (finding,) = findings_for(CODE, source)
    lines = source.splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text == use.split("\n")[-1])
    assert (finding.span.line, finding.span.column) == (line, lines[line - 1].index(needle) + 1)
    assert "(mnist.load_data() at line 4)" in finding.message
    assert "unscaled" in finding.message


def test_one_finding_per_array_naming_its_later_uses():
    use = "model.evaluate(x_test, y_test)\nmodel.predict(x_test)\nmodel.evaluate(x_test / 255.0)"
    findings = findings_for(CODE, mnist("x_train = x_train / 255.0", use))
    assert [f.span.line for f in findings] == [9]
    assert "reaches evaluate(), predict() at line 10 unscaled" in findings[0].message
    assert "were scaled (/ 255 at line 5)" in findings[0].message


@pytest.mark.parametrize(
    ("prepare", "use"),
    [
        # scaled the same way, or differently: not this rule's concern
        ("x_train = x_train / 255.0\nx_test = x_test / 255.0", "model.evaluate(x_test, y_test)"),
        ("x_train = x_train / 255.0\nx_test = x_test / 127.5 - 1", "model.evaluate(x_test)"),
        # scaled on some path
        ("x_train = x_train / 255.0\nif FAST:\n    x_test = x_test / 255", "model.predict(x_test)"),
        # training not scaled on every path
        ("if FAST:\n    x_train = x_train / 255.0", "model.evaluate(x_test, y_test)"),
        # through a function the checker does not know
        ("x_train = x_train / 255.0\nx_test = prep(x_test)", "model.evaluate(x_test, y_test)"),
        ("x_train = x_train / 255.0", "model.evaluate(prep(x_test), y_test)"),
        # an in-place change the checker does not follow
        ("x_train = x_train / 255.0\nx_test[x_test > 0] = 1", "model.evaluate(x_test, y_test)"),
        # another source: a photo loaded from disk
        ("x_train = x_train / 255.0", "model.predict(keras.utils.load_img('digit.png'))"),
        # a tf.data pipeline
        ("x_train = x_train / 255.0\nds = tf.data.Dataset.from_tensor_slices(x_test).map(f)",
         "model.evaluate(ds)"),
    ],
)  # fmt: skip
def test_silent_unless_scaled_training_meets_raw_data_of_the_same_source(prepare: str, use: str):
    source = "from helpers import FAST, f, prep\n" + mnist(prepare, use)
    assert lines_for(CODE, source) == []


def test_other_model_or_other_dataset_is_not_compared():
    source = """
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        (f_train, g_train), (f_test, g_test) = keras.datasets.fashion_mnist.load_data()
        first = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, "softmax")])
        first.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        first.fit(x_train / 255.0, y_train)
        second = keras.Sequential(
            [keras.Input((28, 28)), keras.layers.Rescaling(1 / 255), keras.layers.Flatten()]
        )
        second.fit(x_test, y_test)
        first.evaluate(f_test, g_test)
    """
    assert lines_for(CODE, source) == []


def test_scaler_fitted_on_one_half_of_a_split_only():
    source = """
        import numpy as np
        import tensorflow as tf
        from sklearn.model_selection import train_test_split
        from sklearn.preprocessing import StandardScaler

        features = np.random.rand(500, 6)
        targets = np.random.rand(500)
        x_train, x_test, y_train, y_test = train_test_split(features, targets)
        scaler = StandardScaler()
        x_train = scaler.fit_transform(x_train)
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(x_train, y_train, validation_data=(x_test, y_test))
    """
    (finding,) = findings_for(CODE, source)
    line = textwrap.dedent(source).splitlines()[13]
    assert (finding.span.line, finding.span.column) == (14, line.index("x_test") + 1)
    assert "fit_transform() at line 11" in finding.message


def test_generators_from_the_keras2_era():
    source = """
        from keras.datasets import cifar10
        from keras.layers import Dense, Flatten
        from keras.models import Sequential
        from keras.preprocessing.image import ImageDataGenerator

        (x_train, y_train), (x_test, y_test) = cifar10.load_data()
        datagen = ImageDataGenerator(rescale=1.0 / 255, rotation_range=15)
        model = Sequential([Flatten(input_shape=(32, 32, 3)), Dense(10, activation="softmax")])
        model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
        model.fit_generator(datagen.flow(x_train, y_train), nb_epoch=10)
        model.evaluate(x_test, y_test)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 12
    assert "by the image generator at line 11" in finding.message


@pytest.mark.parametrize(
    ("val_options", "expected"),
    [
        ("", [15]),
        ("rescale=1.0 / 255", []),
        ("preprocessing_function=preprocess_input", []),
        ("**OPTIONS", []),
    ],
)
def test_directory_generators(val_options: str, expected: list[int]):
    source = f"""
        from tensorflow.keras import layers, models
        from tensorflow.keras.applications.resnet50 import preprocess_input
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from settings import OPTIONS

        def build():
            model = models.Sequential([layers.Input((64, 64, 3)), layers.Flatten()])
            model.add(layers.Dense(3, activation="softmax"))
            model.compile(optimizer="adam", loss="categorical_crossentropy")
            return model

        train = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory("train")
        val = ImageDataGenerator({val_options}).flow_from_directory("val")
        build().fit(train, validation_data=val)
    """
    findings = findings_for(CODE, source)
    assert [f.span.line for f in findings] == expected
    if expected:
        assert "val (flow_from_directory() at line 14)" in findings[0].message


@pytest.mark.parametrize(
    ("labels", "inputs", "expected"),
    [
        ("y_train / 255", "x_train", [7]),
        ("y_train / 255.0", "x_train.astype('float32')", [7]),
        # the inputs are scaled too: odd labels, but not scaling "in place of the inputs"
        ("y_train / 255", "x_train / 255", []),
        # ids stay ids
        ("y_train - 1", "x_train", []),
        ("y_train % 2", "x_train", []),
        ("y_train", "x_train", []),
    ],
)
def test_labels_scaled_in_place_of_the_inputs(labels: str, inputs: str, expected: list[int]):
    source = f"""
        import keras
        (x_train, y_train), _ = keras.datasets.cifar10.load_data()
        labels = {labels}
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, "softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit({inputs}, labels)
    """
    findings = findings_for(CODE, source)
    assert [f.span.line for f in findings] == expected
    if expected:
        line = textwrap.dedent(source).splitlines()[6]
        assert findings[0].span.column == line.index("labels") + 1
        assert "the class labels labels are scaled (/ 255 at line 4)" in findings[0].message


def test_regression_targets_may_be_scaled():
    source = """
        import keras
        (x_train, y_train), _ = keras.datasets.boston_housing.load_data()
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(x_train, y_train / 50.0)
    """
    assert lines_for(CODE, source) == []
