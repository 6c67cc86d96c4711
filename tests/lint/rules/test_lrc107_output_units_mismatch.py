"""LRC107 output-units-mismatch: edge cases beyond the rule's document."""

from __future__ import annotations

import textwrap

import pytest

from tests.lint.rules.conftest import DENSE_SPELLINGS, findings_for, lines_for

CODE = "LRC107"


@pytest.mark.parametrize(("imports", "dense"), DENSE_SPELLINGS)
def test_every_spelling_of_the_head_is_recognised(imports: str, dense: str):
    source = (
        "import keras\n"
        f"{imports}\n"
        "(x, y), _ = keras.datasets.mnist.load_data()\n"
        f"model = keras.Sequential([keras.layers.Flatten(), {dense}(12, activation='softmax')])\n"
        "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
        "model.fit(x / 255.0, y)\n"
    )
    (finding,) = findings_for(CODE, source)
    line = source.splitlines()[3]
    assert (finding.span.line, finding.span.column) == (4, line.index("12,") + 1)
    assert finding.message.startswith("the last layer has 12 units but the labels at line 6")
    assert "mnist labels, loaded at line 3" in finding.message
    assert "2 outputs never see a label; use 10 units" in finding.message


@pytest.mark.parametrize(
    ("load", "units", "classes"),
    [
        ("mnist.load_data()", 100, 10),
        ("fashion_mnist.load_data()", 100, 10),
        ("cifar10.load_data()", 100, 10),
        ("cifar100.load_data()", 10, 100),
        ("cifar100.load_data(label_mode='coarse')", 100, 20),
        ("cifar100.load_data('coarse')", 100, 20),
        ("reuters.load_data(num_words=10000)", 10, 46),
        ("imdb.load_data(num_words=10000)", 1, 2),
    ],
)
def test_known_dataset_class_counts(load: str, units: int, classes: int):
    source = f"""
        import tensorflow as tf
        (x_train, y_train), (x_test, y_test) = tf.keras.datasets.{load}
        model = tf.keras.Sequential([tf.keras.layers.Dense({units}, activation="sigmoid")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 4
    assert f"has {units} units but the labels at line 6 have {classes} classes" in finding.message


def test_matching_dataset_counts_are_silent():
    source = """
        import tensorflow as tf
        (x_train, y_train), _ = tf.keras.datasets.cifar100.load_data(label_mode="coarse")
        model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(20)])
        model.compile(
            optimizer="adam",
            loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )
        model.fit(x_train / 255.0, y_train[:5000])
    """
    assert lines_for(CODE, source) == []


@pytest.mark.parametrize(
    ("encode", "classes"),
    [
        ("to_categorical(raw, num_classes=NUM_CLASSES)", 4),
        ("to_categorical(raw, 4)", 4),
        ("tf.one_hot(raw, 6)", 6),
        ("tf.one_hot(raw, depth=6)", 6),
        ("np_utils.to_categorical(raw, nb_classes=5)", 5),
    ],
)
def test_stated_class_counts_under_categorical_loss(encode: str, classes: int):
    source = f"""
        import numpy as np
        import tensorflow as tf
        from keras.utils import np_utils
        from tensorflow.keras.utils import to_categorical
        NUM_CLASSES = 4
        raw = np.random.randint(0, 3, 200)
        labels = {encode}
        inputs = tf.keras.Input(shape=(8,))
        hidden = tf.keras.layers.Dense(32, activation="relu")(inputs)
        logits = tf.keras.layers.Dense(3)(hidden)
        outputs = tf.keras.layers.Activation("softmax")(logits)
        model = tf.keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(np.random.rand(200, 8), labels)
    """
    (finding,) = findings_for(CODE, source)
    # Reported at the units of the Dense layer, not at the Activation layer after it.
    assert (finding.span.line, finding.span.column) == (
        11,
        len("logits = tf.keras.layers.Dense(") + 1,
    )
    assert f"have {classes} classes" in finding.message
    assert f"one-hot rows of width {classes} cannot be compared with 3 outputs" in finding.message


def test_model_built_in_a_function_with_the_add_form():
    source = """
        from keras.datasets import cifar10
        from keras.layers import Dense, Dropout, Flatten
        from keras.models import Sequential

        def build():
            model = Sequential()
            model.add(Flatten(input_shape=(32, 32, 3)))
            model.add(Dense(128, activation="relu"))
            model.add(Dense(5, activation="softmax"))
            model.add(Dropout(0.1))
            model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd")
            return model

        (x_train, y_train), (x_test, y_test) = cifar10.load_data()
        net = build()
        net.fit(x_train / 255.0, y_train, nb_epoch=3)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 10
    assert "class ids 5-9 have no output" in finding.message


def test_one_missing_class_names_the_single_id():
    source = """
        import keras
        (x, y), _ = keras.datasets.mnist.load_data()
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(9, "softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x / 255.0, y)
    """
    (finding,) = findings_for(CODE, source)
    assert "class id 9 has no output" in finding.message


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ("y_train", [5]),  # the control
        ("y_train[:1000]", [5]),  # a slice keeps the classes
        ("y_train[y_train < 5]", []),  # a mask may drop classes
        ("y_train[indices]", []),
        ("y_train - 1", []),  # other ids than the dataset's
        ("y_train // 2", []),
        ("to_categorical(y_train, 5)", []),  # disagrees with the dataset: fails by itself
        ("relabel(y_train)", []),  # a function the checker does not know
        ("y_train if FLAG else to_categorical(y_train, 3)", []),
    ],
)
def test_class_count_must_survive_every_step(labels: str, expected: list[int]):
    source = f"""
        import keras
        from keras.utils import to_categorical
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(5, "softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train / 255.0, {labels})
    """
    assert lines_for(CODE, source) == expected


def test_labels_stating_different_counts_are_not_judged():
    source = """
        import numpy as np
        import keras
        x = np.random.rand(100, 4)
        y = np.random.randint(0, 3, 100)
        model = keras.Sequential([keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, keras.utils.to_categorical(y, 4))
        model.evaluate(x, keras.utils.to_categorical(y, 5))
    """
    assert lines_for(CODE, source) == []


def test_validation_labels_state_a_count_too():
    source = """
        import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(8, "softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train / 255.0, unknown_labels, validation_data=(x_test / 255.0, y_test))
    """
    (finding,) = findings_for(CODE, source)
    assert "the labels at line 6 have 10 classes" in finding.message


@pytest.mark.parametrize(
    "model_code",
    [
        # binary classification with one sigmoid unit under binary cross-entropy is right
        """
        model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        """,
        # a one-unit softmax is LRC102's finding
        """
        model = keras.Sequential([keras.layers.Dense(1, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        """,
        # units the checker cannot evaluate
        """
        model = keras.Sequential([keras.layers.Dense(n_out, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        """,
        # a conditional head
        """
        model = keras.Sequential()
        if WIDE:
            model.add(keras.layers.Dense(1, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        """,
        # a loaded model
        """
        model = keras.models.load_model("imdb.keras")
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        """,
        # a custom loss
        """
        model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss=focal_loss)
        """,
        # compiled twice
        """
        model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.compile(optimizer="adam", loss="binary_crossentropy")
        """,
        # a Lambda after the Dense layer may reshape the output
        """
        model = keras.Sequential(
            [keras.layers.Dense(1), keras.layers.Lambda(lambda t: t)]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        """,
    ],
)
def test_silent_when_the_head_or_loss_does_not_allow_a_judgement(model_code: str):
    source = f"""
        import keras
        from config import WIDE, focal_loss, n_out
        (x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=10000)
        {textwrap.indent(textwrap.dedent(model_code), "        ").strip()}
        model.fit(x_train, y_train)
    """
    assert lines_for(CODE, source) == []


def test_local_dense_class_is_not_keras():
    source = """
        import keras
        class Dense:
            def __init__(self, units, activation=None):
                self.units = units
        (x, y), _ = keras.datasets.mnist.load_data()
        model = keras.Sequential([keras.layers.Flatten(), Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x / 255.0, y)
    """
    assert lines_for(CODE, source) == []
