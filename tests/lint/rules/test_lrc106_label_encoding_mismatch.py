"""LRC106 label-encoding-mismatch: edge cases beyond the rule's document."""

from __future__ import annotations

import textwrap

import pytest

from tests.lint.rules.conftest import findings_for, fixed, lines_for

CODE = "LRC106"

MNIST_ONE_HOT = """\
{imports}
(x_train, y_train), (x_test, y_test) = {prefix}.datasets.mnist.load_data()
x_train = x_train / 255.0
y_train = {encode}
layers = {prefix}.layers
model = {prefix}.Sequential([layers.Flatten(), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train)
"""


@pytest.mark.parametrize(
    ("imports", "prefix", "encode"),
    [
        ("import tensorflow as tf", "tf.keras", "tf.keras.utils.to_categorical(y_train, 10)"),
        ("import keras", "keras", "keras.utils.to_categorical(y_train)"),
        (
            "import tensorflow as tf\nfrom tensorflow.keras.utils import to_categorical as tc",
            "tf.keras",
            "tc(y_train, num_classes=10)",
        ),
        ("import tensorflow.keras as tfk", "tfk", "tfk.utils.to_categorical(y_train, 10)"),
        ("import tf_keras", "tf_keras", "tf_keras.utils.to_categorical(y_train, 10)"),
        (
            "import keras\nfrom keras.utils import np_utils",
            "keras",
            "np_utils.to_categorical(y_train, nb_classes=10)",
        ),
        ("import tensorflow as tf", "tf.keras", "tf.one_hot(y_train, depth=10)"),
        ("import tensorflow as tf\nimport pandas as pd", "tf.keras", "pd.get_dummies(y_train)"),
    ],
)
def test_one_hot_labels_in_every_spelling_under_a_sparse_loss(
    imports: str, prefix: str, encode: str
):
    source = MNIST_ONE_HOT.format(imports=imports, prefix=prefix, encode=encode)
    (finding,) = findings_for(CODE, source)
    fit_line = source.splitlines().index("model.fit(x_train, y_train)") + 1
    assert finding.span.line == fit_line
    assert finding.span.column == len("model.fit(x_train, ") + 1
    assert "is one-hot" in finding.message
    assert "use loss='categorical_crossentropy'" in finding.message


def test_dataset_labels_under_categorical_loss_in_the_add_form_with_keras2_idioms():
    source = """
        from keras.datasets import mnist
        from keras.layers.core import Dense, Flatten
        from keras.models import Sequential
        from keras.optimizers import SGD

        (x_train, y_train), (x_test, y_test) = mnist.load_data()
        x_train = x_train.astype("float32") / 255
        model = Sequential()
        model.add(Flatten(input_shape=(28, 28)))
        model.add(Dense(10, activation="softmax"))
        model.compile(loss="categorical_crossentropy", optimizer=SGD(lr=0.01))
        model.fit(x_train, y_train, nb_epoch=5, batch_size=32)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 13
    assert "holds integer class ids (mnist.load_data() at line 7)" in finding.message
    assert "categorical_crossentropy (line 12)" in finding.message
    assert "sparse_categorical_crossentropy" in finding.message


def test_model_built_in_a_function_and_trained_at_module_level():
    source = """
        import numpy as np
        import tensorflow as tf

        def build(classes):
            model = tf.keras.Sequential([tf.keras.layers.Dense(classes, activation="softmax")])
            model.compile(optimizer="adam", loss="categorical_crossentropy")
            return model

        one_hot = np.random.rand(100, 3)
        labels = np.argmax(one_hot, axis=1)
        features = np.random.rand(100, 8)
        model = build(3)
        model.fit(features, labels)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 14
    assert "argmax() at line 11" in finding.message


def test_label_encoder_output_of_an_unknown_column_is_class_ids():
    source = """
        import keras
        import pandas as pd
        from sklearn.preprocessing import LabelEncoder

        frame = pd.read_csv("data.csv")
        encoder = LabelEncoder()
        encoder.fit(frame["label"])
        labels = encoder.transform(frame["label"])
        inputs = keras.Input(shape=(4,))
        outputs = keras.layers.Dense(3, activation="softmax")(inputs)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy())
        model.fit(frame[["a", "b", "c", "d"]].values, labels)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 14
    assert finding.fix is None  # a loss object is not rewritten


@pytest.mark.parametrize(
    ("encode", "loss", "expected"),
    [
        # The last encoding step decides, also when both sit on one line.
        ("to_categorical(LabelEncoder().fit_transform(raw))", "sparse_categorical", [9]),
        ("np.argmax(to_categorical(raw), axis=1)", "categorical", [9]),
        ("to_categorical(LabelEncoder().fit_transform(raw))", "categorical", []),
        ("np.argmax(to_categorical(raw), axis=1)", "sparse_categorical", []),
    ],
)
def test_encoding_steps_on_one_line_are_ordered(encode: str, loss: str, expected: list[int]):
    source = f"""
        import numpy as np
        import tensorflow as tf
        from sklearn.preprocessing import LabelEncoder
        from tensorflow.keras.utils import to_categorical
        raw = np.random.randint(0, 4, 50)
        labels = {encode}
        model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="softmax")])
        model.compile(optimizer="adam", loss="{loss}_crossentropy"); model.fit(raw, labels)
    """
    assert lines_for(CODE, source) == expected


def test_evaluate_train_on_batch_and_validation_labels_are_checked():
    source = """
        import keras
        from keras import layers
        from keras.utils import to_categorical
        (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
        y_test = to_categorical(y_test, 10)
        model = keras.Sequential([layers.Flatten(), layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train / 255, y_train, validation_data=(x_test / 255, y_test))
        model.evaluate(x_test / 255, y_test)
        model.train_on_batch(x_train[:32] / 255, y_test[:32])
    """
    findings = findings_for(CODE, source)
    lines = textwrap.dedent(source).splitlines()
    expected = [
        (9, lines[8].rindex("y_test") + 1),
        (10, lines[9].rindex("y_test") + 1),
        (11, lines[10].rindex("y_test") + 1),
    ]
    assert [(f.span.line, f.span.column) for f in findings] == expected
    # y_train (integer ids) agrees with the loss, so the labels are at fault, not the loss.
    assert all(f.fix is None for f in findings)
    assert "y_train (line 9) matches the loss, so pass integer class ids here too" in (
        findings[0].message
    )


def test_one_finding_when_every_label_argument_disagrees_with_the_loss():
    source = """
        import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, "softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train / 255.0, y_train, validation_data=(x_test / 255.0, y_test))
        model.evaluate(x_test / 255.0, y_test)
    """
    (finding,) = findings_for(CODE, source)
    assert (finding.span.line, finding.span.column) == (6, len("model.fit(x_train / 255.0, ") + 1)
    assert "as are y_test at line 6, y_test at line 7," in finding.message
    assert finding.fix is not None


def test_fix_swaps_the_literal_keeping_its_quotes_and_then_is_silent():
    source = """
        import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        y_train = keras.utils.to_categorical(y_train)
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, "softmax")])
        model.compile('adam', 'sparse_categorical_crossentropy')
        model.fit(x_train / 255.0, y_train)
    """
    result = fixed(source)
    assert "model.compile('adam', 'categorical_crossentropy')" in result
    assert result.count("\n") == textwrap.dedent(source).count("\n")
    assert lines_for(CODE, result) == []
    assert fixed(source, unsafe=False) == textwrap.dedent(source)  # unsafe: not applied by --fix


def test_loss_given_through_a_variable_is_reported_without_a_fix():
    source = """
        import keras
        LOSS = "categorical_crossentropy"
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, "softmax")])
        model.compile(optimizer="adam", loss=LOSS)
        model.fit(x_train / 255.0, y_train)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 7
    assert finding.fix is None


@pytest.mark.parametrize(
    "labels",
    [
        # matching encodings
        "to_categorical(y_train, 10)",
        "to_categorical(y_train[:1000], 10)",
        # encoded on one path only
        "to_categorical(y_train, 10) if FLAG else y_train",
        # through a function the checker does not know
        "prepare(y_train)",
        # a column of one-hot rows is no longer one-hot
        "to_categorical(y_train, 10)[:, 0]",
        # k-1 columns: not one-hot
        "pd.get_dummies(y_train, drop_first=True)",
        # an unknown method
        "to_categorical(y_train, 10).my_method()",
    ],
)
def test_silent_when_the_encoding_is_right_or_not_certain(labels: str):
    # The same program with ``labels = y_train`` is reported: see the control below.
    source = f"""
        import pandas as pd
        import tensorflow as tf
        from tensorflow.keras.utils import to_categorical
        from helpers import prepare, FLAG
        (x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
        labels = {labels}
        model = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train / 255.0, labels)
    """
    assert lines_for(CODE, source) == []


def test_control_raw_dataset_labels_under_categorical_loss_are_reported():
    source = """
        import tensorflow as tf
        (x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
        labels = y_train[:1000]
        model = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train[:1000] / 255.0, labels)
    """
    assert lines_for(CODE, source) == [7]


def test_one_hot_branch_makes_integer_labels_uncertain():
    source = """
        import tensorflow as tf
        (x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
        if tf.executing_eagerly():
            y_train = tf.keras.utils.to_categorical(y_train, 10)
        model = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train / 255.0, y_train)
        model2 = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])
        model2.compile(optimizer="adam", loss="categorical_crossentropy")
        model2.fit(x_train / 255.0, y_train)
    """
    assert lines_for(CODE, source) == []


@pytest.mark.parametrize(
    ("shadow", "expected"),
    [
        ("# nothing shadows it", [6]),  # the control: without a shadow the rule fires
        ("def to_categorical(y, n):\n    return y", []),
        ("from mylib import *", []),
        ("class to_categorical:\n    pass", []),
    ],
)
def test_silent_when_to_categorical_is_not_keras(shadow: str, expected: list[int]):
    source = (
        "import tensorflow as tf\n"
        "from tensorflow.keras.utils import to_categorical\n"
        f"{shadow}\n"
        "raw = tf.random.uniform((50,), maxval=4, dtype=tf.int32)\n"
        "labels = to_categorical(raw, 4)\n"
        "model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation='softmax')])\n"
        "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
        "model.fit(tf.random.uniform((50, 3)), labels)\n"
    )
    shift = shadow.count("\n")
    assert lines_for(CODE, source) == [line + 2 + shift for line in expected]


def test_label_binarizer_is_trusted_only_on_heads_with_more_than_two_classes():
    template = """
        import numpy as np
        import keras
        from sklearn.preprocessing import LabelBinarizer
        labels = LabelBinarizer().fit_transform(np.random.randint(0, {n}, 80))
        model = keras.Sequential([keras.layers.Dense({n}, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(np.random.rand(80, 5), labels)
    """
    # With two classes LabelBinarizer writes one 0/1 column: valid sparse labels.
    assert lines_for(CODE, template.format(n=2)) == []
    assert lines_for(CODE, template.format(n=3)) == [8]


@pytest.mark.parametrize(
    "setup",
    [
        # a subclassed model: its layers and loss are not this file's facts
        """
        class Net(keras.Model):
            def call(self, x):
                return x
        model = Net()
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        """,
        # multi-output: a dict of losses
        """
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss={"out": "sparse_categorical_crossentropy"})
        """,
        # compiled twice: which loss applies depends on the order at run time
        """
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
        # a custom loss
        """
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss=my_loss)
        """,
    ],
)
def test_silent_when_the_model_or_its_loss_is_not_known(setup: str):
    source = f"""
        import keras
        from losses import my_loss
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        y_train = keras.utils.to_categorical(y_train, 10)
        {textwrap.indent(textwrap.dedent(setup), "        ").strip()}
        model.fit(x_train / 255.0, y_train)
    """
    assert lines_for(CODE, source) == []


def test_a_loaded_model_compiled_here_is_judged_by_its_loss_alone():
    # The mismatch is between the labels and the loss; the architecture does not matter.
    source = """
        import keras
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        model = keras.models.load_model("model.keras")
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train / 255.0, keras.utils.to_categorical(y_train, 10))
    """
    assert lines_for(CODE, source) == [6]


def test_expert_code_with_matching_encodings_is_silent():
    source = """
        import tensorflow as tf
        (x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
        x_train, x_test = x_train / 255.0, x_test / 255.0
        smooth = tf.keras.utils.to_categorical(y_train, 10) * 0.9 + 0.01
        model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(10)])
        model.compile(
            optimizer="adam",
            loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )
        model.fit(x_train, y_train, validation_data=(x_test, y_test))
        teacher = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(10)])
        teacher.compile(
            optimizer="adam",
            loss=tf.keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1),
        )
        teacher.fit(x_train, smooth)
    """
    assert lines_for(CODE, source) == []


def test_categorical_focal_loss_with_class_ids_advises_one_hot_labels():
    source = """
        import keras
        (x_train, y_train), _ = keras.datasets.cifar10.load_data()
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, "softmax")])
        model.compile(optimizer="adam", loss=keras.losses.CategoricalFocalCrossentropy())
        model.fit(x_train / 255.0, y_train)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 6
    assert finding.message.endswith("; one-hot encode the labels with to_categorical")
    assert finding.fix is None
