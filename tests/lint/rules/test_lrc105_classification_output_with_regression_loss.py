"""LRC105 classification-output-with-regression-loss: edge cases beyond the rule's document."""

from __future__ import annotations

import pytest

from tests.lint.rules.conftest import findings_for, lines_for

CODE = "LRC105"


@pytest.mark.parametrize(
    ("imports", "loss", "name"),
    [
        ("import tensorflow as tf", "'mse'", "mean_squared_error"),
        ("import tensorflow as tf", "'mean_absolute_error'", "mean_absolute_error"),
        ("import tensorflow as tf", "tf.keras.losses.MeanSquaredError()", "mean_squared_error"),
        ("import keras", "keras.losses.mean_squared_error", "mean_squared_error"),
        ("from keras.losses import Huber", "Huber()", "huber"),
        ("import tensorflow.keras as tfk", "tfk.losses.LogCosh()", "log_cosh"),
        (
            "import tf_keras",
            "tf_keras.losses.MeanAbsolutePercentageError()",
            "mean_absolute_percentage_error",
        ),
        ("import keras", "'msle'", "mean_squared_logarithmic_error"),
    ],
)
def test_softmax_with_any_regression_loss_is_reported_at_the_loss(
    imports: str, loss: str, name: str
):
    source = (
        f"{imports}\nimport keras\n"
        "model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4, 'softmax')])\n"
        f"model.compile(optimizer='adam', loss={loss})\n"
    )
    (finding,) = findings_for(CODE, source)
    line = source.splitlines()[3]
    assert (finding.span.line, finding.span.column) == (4, line.index(loss) + 1)
    assert finding.message.startswith(f"{name} on a softmax output (line 3)")
    assert finding.severity == "warning"
    assert finding.fix is None


def test_softmax_message_names_the_label_evidence_when_there_is_some():
    source = """
        import numpy as np
        from tensorflow import keras

        x = np.random.rand(100, 8)
        y = keras.utils.to_categorical(np.random.randint(0, 3, 100), 3)
        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="mse")
        model.fit(x, y)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 8
    assert "one-hot labels from to_categorical, line 6" in finding.message


@pytest.mark.parametrize(
    ("labels", "evidence"),
    [
        ("keras.utils.to_categorical(raw, 10)", "one-hot labels from to_categorical"),
        ("tf.one_hot(raw, 10)", "one-hot labels from one_hot"),
        ("LabelBinarizer().fit_transform(raw)", "one-hot labels from fit_transform"),
        ("LabelEncoder().fit_transform(raw)", "integer class labels from fit_transform"),
        ("np.argmax(onehot, axis=1)", "integer class labels from argmax"),
        ("y_train", "mnist class labels from load_data(), line 9"),
        ("y_train.reshape(-1, 1)", "mnist class labels"),
    ],
)
def test_sigmoid_is_reported_with_evidence_of_class_labels(labels: str, evidence: str):
    source = f"""
        import numpy as np
        import tensorflow as tf
        from tensorflow import keras
        from sklearn.preprocessing import LabelBinarizer, LabelEncoder

        raw = np.random.randint(0, 10, size=100)
        onehot = np.random.rand(100, 10)
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(10, "sigmoid")])
        model.compile(optimizer="adam", loss="mse")
        model.fit(x_train.reshape(-1, 784) / 255.0, {labels})
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 11
    assert evidence in finding.message
    assert "use binary_crossentropy" in finding.message


@pytest.mark.parametrize(
    "metric",
    [
        "'categorical_accuracy'",
        "'sparse_categorical_accuracy'",
        "keras.metrics.CategoricalAccuracy()",
        "keras.metrics.TopKCategoricalAccuracy(k=3)",
    ],
)
def test_sigmoid_is_reported_with_a_class_metric(metric: str):
    source = f"""
        import keras

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(5, activation="sigmoid")])
        model.compile(optimizer="adam", loss="mae", metrics=[{metric}])
    """
    (finding,) = findings_for(CODE, source)
    assert "metric, line 5" in finding.message


def test_evaluate_and_train_on_batch_labels_count_too():
    source = """
        import numpy as np
        import keras

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="sgd", loss="mse")
        for step in range(10):
            model.train_on_batch(np.random.rand(4, 8), keras.utils.to_categorical([0, 1, 1, 0]))
    """
    assert lines_for(CODE, source) == [6]


def test_model_built_in_a_function_and_trained_at_module_level():
    source = """
        import keras
        from keras import layers

        def build_model(classes):
            model = keras.Sequential()
            model.add(keras.Input(shape=(32,)))
            model.add(layers.Dense(64, activation="relu"))
            model.add(layers.Dense(classes, activation="sigmoid"))
            model.compile(optimizer="adam", loss="mean_squared_error")
            return model

        (x, y), _ = keras.datasets.reuters.load_data(num_words=32)
        model = build_model(46)
        model.fit(x, y)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 10
    assert "reuters class labels" in finding.message


@pytest.mark.parametrize(
    ("activation", "loss", "fit"),
    [
        # autoencoder: the targets are the inputs, in [0, 1]
        ("sigmoid", "'mse'", "model.fit(images, images)"),
        ("sigmoid", "'binary_crossentropy'", "model.fit(images, images)"),
        # plain accuracy is no evidence
        ("sigmoid", "'mse'", "model.fit(images, targets)"),
        # ordinal ids rescaled to [0, 1]: a deliberate regression
        ("sigmoid", "'mse'", "model.fit(images, LabelEncoder().fit_transform(grades) / 4.0)"),
        # a regression dataset's targets
        ("sigmoid", "'mse'", "model.fit(hx, hy)"),
        # targets the checker cannot trace
        ("sigmoid", "'mse'", "model.fit(images, load_targets())"),
        # the right loss
        ("softmax", "'categorical_crossentropy'", "model.fit(images, onehot)"),
        ("softmax", "keras.losses.KLDivergence()", "model.fit(images, onehot)"),
        ("sigmoid", "'binary_crossentropy'", "model.fit(images, onehot)"),
        # not a probability output
        ("relu", "'mse'", "model.fit(images, onehot)"),
        ("linear", "'mse'", "model.fit(images, onehot)"),
    ],
)
def test_stays_silent(activation: str, loss: str, fit: str):
    source = TEMPLATE.format(activation=activation, loss=loss, fit=fit, units="UNITS")
    assert not findings_for(CODE, source)


def test_one_unit_softmax_is_left_to_lrc102():
    source = TEMPLATE.format(
        activation="softmax", loss="'mse'", fit="model.fit(images, onehot)", units="1"
    )
    assert not findings_for(CODE, source)
    assert lines_for("LRC102", source) == [12]


def test_the_silence_template_does_report_sigmoid_on_one_hot_labels():
    source = TEMPLATE.format(
        activation="sigmoid", loss="'mse'", fit="model.fit(images, onehot)", units="UNITS"
    )
    assert lines_for(CODE, source) == [13]


TEMPLATE = """
import numpy as np
import keras
from sklearn.preprocessing import LabelEncoder

UNITS = 16
images = np.random.rand(64, 16)
targets = np.random.rand(64, 16)
grades = np.random.choice(["a", "b", "c", "d", "e"], 64)
onehot = keras.utils.to_categorical(np.random.randint(0, 16, 64), 16)
(hx, hy), _ = keras.datasets.boston_housing.load_data()
model = keras.Sequential([keras.Input((16,)), keras.layers.Dense({units}, "{activation}")])
model.compile(optimizer="adam", loss={loss}, metrics=["accuracy"])
{fit}
"""


def test_silent_for_multi_output_and_subclassed_models():
    source = """
        import keras
        from keras import layers

        inputs = keras.Input(shape=(8,))
        kind = layers.Dense(3, activation="softmax", name="kind")(inputs)
        size = layers.Dense(1, name="size")(inputs)
        model = keras.Model(inputs, [kind, size])
        model.compile(optimizer="adam", loss={"kind": "mse", "size": "mse"})

        class Net(keras.Model):
            def __init__(self):
                super().__init__()
                self.out = layers.Dense(3, activation="softmax")

            def call(self, x):
                return self.out(x)

        net = Net()
        net.compile(optimizer="adam", loss="mse")
    """
    assert not findings_for(CODE, source)
