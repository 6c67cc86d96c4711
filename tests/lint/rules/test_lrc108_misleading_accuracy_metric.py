"""LRC108 misleading-accuracy-metric: edge cases beyond the rule's document."""

from __future__ import annotations

import pytest

from tests.lint.rules.conftest import findings_for, lines_for

CODE = "LRC108"


def compiled(head: str, loss: str, metrics: str, *, extra: str = "", fit: str = "") -> str:
    """A program whose model ends in ``head`` and is compiled with ``loss`` and ``metrics``."""
    return (
        "import numpy as np\n"
        "import tensorflow as tf\n"
        "import keras\n"
        "from tensorflow.keras import layers\n"
        f"{extra}"
        f"model = tf.keras.Sequential([layers.Dense(32, activation='relu'), {head}])\n"
        f"model.compile(optimizer='adam', loss={loss}, metrics={metrics})\n"
        f"{fit}"
    )


def metric_line(source: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if "metrics=" in line)


@pytest.mark.parametrize(
    ("loss", "metric"),
    [
        ("'mse'", "'accuracy'"),
        ("'mean_absolute_error'", "'acc'"),
        ("'huber'", "'accuracy'"),
        ("tf.keras.losses.MeanSquaredError()", "'accuracy'"),
        ("keras.losses.mean_absolute_error", "'accuracy'"),
        ("'msle'", "'accuracy'"),
    ],
)
def test_accuracy_on_a_one_unit_regression(loss: str, metric: str):
    source = compiled("layers.Dense(1)", loss, f"['mae', {metric}]")
    (finding,) = findings_for(CODE, source)
    line = source.splitlines()[metric_line(source) - 1]
    assert (finding.span.line, finding.span.column) == (metric_line(source), line.index(metric) + 1)
    assert finding.message.startswith(f"{metric} under ")
    assert "reads near 0" in finding.message
    assert "'mae'" in finding.message


@pytest.mark.parametrize(
    ("head", "fit", "expected"),
    [
        ("layers.Dense(1, activation='relu')", "", True),
        ("layers.Dense(1, activation='linear')", "", True),
        # classifiers trained with MSE: a probability output
        ("layers.Dense(1, activation='sigmoid')", "", False),
        ("layers.Dense(3, activation='softmax')", "", False),
        # several real-valued units: a regression only when the targets are known continuous
        ("layers.Dense(3)", "", False),
        ("layers.Dense(3)", "model.fit(x_train, y_train)\n", True),
        # class labels: a classifier trained with a regression loss
        ("layers.Dense(1)", "model.fit(x_train, labels)\n", False),
        ("layers.Dense(1)", "model.fit(x_train, y_digits)\n", False),
    ],
)
def test_regression_needs_a_real_valued_output_and_no_class_labels(
    head: str, fit: str, expected: bool
):
    extra = (
        "(x_train, y_train), _ = tf.keras.datasets.boston_housing.load_data()\n"
        "(_, y_digits), _ = tf.keras.datasets.mnist.load_data()\n"
        "labels = tf.keras.utils.to_categorical(y_digits)\n"
    )
    source = compiled(head, "'mse'", "['accuracy']", extra=extra, fit=fit)
    assert lines_for(CODE, source) == ([metric_line(source)] if expected else [])


@pytest.mark.parametrize(
    "metric",
    [
        "'binary_accuracy'",
        "tf.keras.metrics.BinaryAccuracy()",
        "keras.metrics.BinaryAccuracy(threshold=0.5)",
        "tf.keras.metrics.binary_accuracy",
        "'BinaryAccuracy'",  # the class name, which Keras deserialises
    ],
)
def test_binary_accuracy_on_a_multi_class_softmax(metric: str):
    source = compiled(
        "layers.Dense(10, activation='softmax')", "'sparse_categorical_crossentropy'", f"[{metric}]"
    )
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == metric_line(source)
    assert "reads 90%" in finding.message
    assert "'sparse_categorical_accuracy'" in finding.message


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("layers.Dense(4, activation='softmax')", True),
        ("layers.Dense(2, activation='softmax')", False),  # equals categorical accuracy
        ("layers.Dense(4, activation='sigmoid')", False),  # multi-label: the right metric
        ("layers.Dense(1, activation='sigmoid')", False),
        ("layers.Dense(4)", False),  # logits: thresholds are the author's business
    ],
)
def test_binary_accuracy_needs_three_or_more_softmax_classes(head: str, expected: bool):
    source = compiled(head, "'categorical_crossentropy'", "['binary_accuracy']")
    assert lines_for(CODE, source) == ([metric_line(source)] if expected else [])


@pytest.mark.parametrize(
    ("head", "loss", "expected"),
    [
        ("layers.Dense(10, activation='softmax')", "'binary_crossentropy'", True),
        ("layers.Dense(10, activation='softmax')", "tf.keras.losses.BinaryCrossentropy()", True),
        # multi-label sigmoid heads: binary accuracy is what 'accuracy' should mean
        ("layers.Dense(10, activation='sigmoid')", "'binary_crossentropy'", False),
        ("layers.Dense(10)", "tf.keras.losses.BinaryCrossentropy(from_logits=True)", False),
        ("layers.Dense(2, activation='softmax')", "'binary_crossentropy'", False),
        ("layers.Dense(10, activation='softmax')", "'categorical_crossentropy'", False),
        ("layers.Dense(10, activation='softmax')", "my_loss", False),
    ],
)
def test_accuracy_under_binary_crossentropy_on_a_softmax(head: str, loss: str, expected: bool):
    source = compiled(head, loss, "['accuracy']", extra="from losses import my_loss\n")
    findings = findings_for(CODE, source)
    assert [f.span.line for f in findings] == ([metric_line(source)] if expected else [])
    if expected:
        assert "Keras up to 2.3 and tf.keras up to TF 2.1" in findings[0].message


@pytest.mark.parametrize(
    ("head", "loss", "advice"),
    [
        ("layers.Dense(10, activation='softmax')", "'categorical_crossentropy'", "'categorical"),
        ("layers.Dense(10)", "'sparse_categorical_crossentropy'", "'sparse_categorical_accuracy'"),
        ("layers.Dense(1, activation='sigmoid')", "'binary_crossentropy'", "'binary_accuracy'"),
        ("layers.Dense(1)", "'mse'", "'mae'"),
    ],
)
def test_exact_accuracy_on_any_dense_head(head: str, loss: str, advice: str):
    for metric in ("tf.keras.metrics.Accuracy()", "tf.keras.metrics.accuracy"):
        source = compiled(head, loss, f"('mse', {metric})")
        (finding,) = findings_for(CODE, source)
        line = source.splitlines()[metric_line(source) - 1]
        assert finding.span.column == line.index(metric) + 1
        assert "exactly equal" in finding.message
        assert advice in finding.message


def test_functional_model_built_in_a_function():
    source = """
        import keras
        from keras import layers

        def make():
            inputs = keras.Input(shape=(784,))
            outputs = layers.Dense(10, activation="softmax")(inputs)
            model = keras.Model(inputs, outputs)
            model.compile(
                optimizer="rmsprop",
                loss="categorical_crossentropy",
                metrics=["accuracy", keras.metrics.BinaryAccuracy(name="acc")],
            )
            return model

        model = make()
    """
    assert lines_for(CODE, source) == [12]


def test_keras2_spellings():
    source = """
        from keras.layers.core import Dense
        from keras.models import Sequential
        model = Sequential()
        model.add(Dense(64, input_dim=20, activation="relu"))
        model.add(Dense(10, activation="softmax"))
        model.compile(loss="binary_crossentropy", optimizer="sgd", metrics=["acc"])
        model.fit(x, y, nb_epoch=10)
    """
    assert lines_for(CODE, source) == [7]


@pytest.mark.parametrize(
    "model_code",
    [
        # the head is not known
        "model = tf.keras.Sequential([layers.Dense(1), layers.Lambda(lambda t: t)])",
        "model = tf.keras.models.load_model('m.keras')",
        "model = tf.keras.Sequential([Custom(1)])",
    ],
)
def test_silent_when_the_head_is_not_known(model_code: str):
    source = (
        "import tensorflow as tf\n"
        "from tensorflow.keras import layers\n"
        "from mine import Custom\n"
        f"{model_code}\n"
        "model.compile(optimizer='adam', loss='mse', metrics=['accuracy', 'binary_accuracy'])\n"
    )
    assert lines_for(CODE, source) == []


def test_a_metrics_list_bound_to_a_name_is_reported_where_the_metric_is_written():
    source = """
        import tensorflow as tf
        from tensorflow.keras import layers
        METRICS = ["accuracy"]
        model = tf.keras.Sequential([layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse", metrics=METRICS)
    """
    assert lines_for(CODE, source) == [4]


def test_silent_when_metrics_are_not_known_or_the_model_has_several_outputs():
    source = """
        import tensorflow as tf
        from tensorflow.keras import layers
        model = tf.keras.Sequential([layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse", metrics=make_metrics())
        model2 = tf.keras.Sequential([layers.Dense(1)])
        model2.compile(optimizer="adam", loss={"a": "mse"}, metrics=["accuracy"])
        model3 = tf.keras.Sequential([layers.Dense(1)])
        model3.compile(optimizer="adam", loss="mse", metrics=["mae", my_metric, "mse"])
    """
    assert lines_for(CODE, source) == []


def test_only_the_misleading_metric_of_a_list_is_reported():
    source = compiled(
        "layers.Dense(10, activation='softmax')",
        "'categorical_crossentropy'",
        "['accuracy', 'top_k_categorical_accuracy', 'binary_accuracy', 'categorical_accuracy']",
    )
    (finding,) = findings_for(CODE, source)
    line = source.splitlines()[metric_line(source) - 1]
    assert finding.span.column == line.index("'binary_accuracy'") + 1


@pytest.mark.parametrize(
    ("setup", "metrics", "fires"),
    [
        ("chosen = [tf.keras.metrics.BinaryAccuracy()]\n", "chosen", True),
        ("chosen = ['binary_accuracy', 'mae']\n", "chosen", True),
        ("chosen = [tf.keras.metrics.SparseCategoricalAccuracy()]\n", "chosen", False),
        ("chosen = make_metrics()\n", "chosen", False),
    ],
)
def test_metrics_kept_in_a_list_before_compile(setup: str, metrics: str, fires: bool):
    source = compiled(
        "layers.Dense(10, activation='softmax')",
        "'sparse_categorical_crossentropy'",
        metrics,
        extra=setup,
    )
    assert bool(findings_for(CODE, source)) is fires


def test_exact_accuracy_is_reported_whatever_the_width_of_the_output():
    source = """
        import numpy as np
        from tensorflow import keras

        y = np.load("labels.npy")
        head = keras.layers.Dense(int(y.max()) + 1, activation="softmax")
        model = keras.Sequential([keras.Input((8,)), head])
        loss = "sparse_categorical_crossentropy"
        model.compile(optimizer="adam", loss=loss, metrics=[keras.metrics.Accuracy()])
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 9
    assert "this softmax output gives real numbers" in finding.message
    assert "'sparse_categorical_accuracy'" in finding.message


def test_binary_accuracy_on_a_softmax_of_unknown_width_stays_silent():
    # Two units make binary accuracy meaningful enough; the width is not known here.
    source = """
        import numpy as np
        from tensorflow import keras

        y = np.load("labels.npy")
        head = keras.layers.Dense(int(y.max()) + 1, activation="softmax")
        model = keras.Sequential([keras.Input((8,)), head])
        loss = "categorical_crossentropy"
        model.compile(optimizer="adam", loss=loss, metrics=["binary_accuracy"])
    """
    assert findings_for(CODE, source) == []
