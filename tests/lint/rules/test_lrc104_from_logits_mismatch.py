"""LRC104 from-logits-mismatch: edge cases beyond the rule's document."""

from __future__ import annotations

import pytest

from tests.lint.rules.conftest import findings_for, fixed, lines_for

CODE = "LRC104"


@pytest.mark.parametrize(
    ("imports", "loss"),
    [
        ("import tensorflow as tf", "tf.keras.losses.CategoricalCrossentropy(from_logits=True)"),
        ("import keras", "keras.losses.SparseCategoricalCrossentropy(from_logits=True)"),
        (
            "from tensorflow.keras.losses import CategoricalCrossentropy as CCE",
            "CCE(from_logits=True)",
        ),
        ("from keras import losses", "losses.CategoricalFocalCrossentropy(from_logits=True)"),
        ("import tensorflow.keras as tfk", "tfk.losses.CategoricalCrossentropy(from_logits=True)"),
        ("import tf_keras", "tf_keras.losses.SparseCategoricalCrossentropy(from_logits=True)"),
    ],
)
def test_reported_at_the_from_logits_value(imports: str, loss: str):
    source = (
        f"{imports}\nimport keras\n"
        "model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3, 'softmax')])\n"
        f"model.compile(optimizer='adam', loss={loss})\n"
    )
    (finding,) = findings_for(CODE, source)
    line = source.splitlines()[3]
    assert (finding.span.line, finding.span.column) == (4, line.index("True") + 1)
    assert finding.span.end_column - finding.span.column == len("True")
    assert finding.severity == "warning"
    assert "apply softmax itself" in finding.message
    assert "(line 3)" in finding.message


def test_positional_from_logits_of_binary_crossentropy_after_sigmoid():
    source = """
        import tensorflow as tf

        model = tf.keras.Sequential(
            [tf.keras.Input((8,)), tf.keras.layers.Dense(1, activation="sigmoid")]
        )
        model.compile(optimizer="adam", loss=tf.keras.losses.BinaryCrossentropy(True))
    """
    (finding,) = findings_for(CODE, source)
    assert (finding.span.line, finding.span.column) == (7, 73)
    assert "BinaryCrossentropy apply sigmoid itself" in finding.message
    assert "BinaryCrossentropy(False)" in fixed(source)


def test_loss_bound_to_a_name_and_softmax_layer_head():
    source = """
        import keras
        from keras import layers

        loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        inputs = keras.Input(shape=(16,))
        scores = layers.Dense(10)(inputs)
        probabilities = layers.Softmax()(scores)
        model = keras.Model(inputs, probabilities)
        model.compile(optimizer="adam", loss=loss_fn, metrics=["accuracy"])
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 5
    assert "already applies softmax (line 8)" in finding.message
    repaired = fixed(source)
    assert "SparseCategoricalCrossentropy(from_logits=False)" in repaired
    assert not findings_for(CODE, repaired)


def test_variable_from_logits_is_reported_but_not_rewritten():
    source = """
        import keras

        FROM_LOGITS = True
        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3, activation="softmax")])
        model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=FROM_LOGITS))
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 6
    assert finding.fix is None


def test_hard_sigmoid_message_does_not_promise_a_rescue():
    source = """
        import keras

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(1, "hard_sigmoid")])
        model.compile(loss=keras.losses.BinaryCrossentropy(from_logits=True))
    """
    (finding,) = findings_for(CODE, source)
    assert "TensorFlow backend" not in finding.message
    softmax = findings_for(CODE, source.replace('"hard_sigmoid"', '"sigmoid"'))[0]
    assert "only the TensorFlow backend undoes this" in softmax.message


def test_model_built_in_a_function_compiled_at_module_level():
    source = """
        import tensorflow as tf

        def build():
            return tf.keras.Sequential([
                tf.keras.Input((28, 28)),
                tf.keras.layers.Flatten(),
                tf.keras.layers.Dense(10, activation=tf.nn.softmax),
            ])

        model = build()
        model.compile(
            optimizer="adam",
            loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )
    """
    assert lines_for(CODE, source) == [14]


def test_second_fix_changes_nothing():
    source = """
        import keras

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3, activation="softmax")])
        model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))
    """
    once = fixed(source)
    assert "from_logits=False" in once
    assert fixed(once) == once


@pytest.mark.parametrize(
    ("head", "loss"),
    [
        # logits, as from_logits=True says
        ("keras.layers.Dense(3)", "keras.losses.CategoricalCrossentropy(from_logits=True)"),
        # log-probabilities are valid logits
        (
            "keras.layers.Dense(3, activation='log_softmax')",
            "keras.losses.CategoricalCrossentropy(from_logits=True)",
        ),
        # not a probability: another mismatch, not this one
        (
            "keras.layers.Dense(3, activation='relu')",
            "keras.losses.CategoricalCrossentropy(from_logits=True)",
        ),
        # from_logits false or unknown
        (
            "keras.layers.Dense(3, activation='softmax')",
            "keras.losses.CategoricalCrossentropy(from_logits=False)",
        ),
        (
            "keras.layers.Dense(3, activation='softmax')",
            "keras.losses.CategoricalCrossentropy(from_logits=flag)",
        ),
        # the activation is not known
        ("keras.layers.Dense(3, activation=act)", "keras.losses.CategoricalCrossentropy(True)"),
        # a string loss cannot take from_logits
        ("keras.layers.Dense(3, activation='softmax')", "'categorical_crossentropy'"),
    ],
)
def test_stays_silent(head: str, loss: str):
    assert not findings_for(CODE, TEMPLATE.format(head=head, loss=loss))


def test_the_silence_template_does_report_a_softmax_head():
    source = TEMPLATE.format(
        head="keras.layers.Dense(3, activation='softmax')",
        loss="keras.losses.CategoricalCrossentropy(True)",
    )
    assert lines_for(CODE, source) == [6]


TEMPLATE = """
import keras

def build(flag, act):
    model = keras.Sequential([keras.Input((8,)), {head}])
    model.compile(optimizer="adam", loss={loss})
"""


def test_silent_for_custom_training_loops_and_double_compile():
    source = """
        import keras
        import tensorflow as tf

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3, activation="softmax")])
        loss_fn = keras.losses.CategoricalCrossentropy(from_logits=True)

        def train_step(x, y):
            with tf.GradientTape() as tape:
                loss = loss_fn(y, model(x, training=True))
            return tape.gradient(loss, model.trainable_weights)

        other = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3, activation="softmax")])
        other.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))
        other.compile(loss="categorical_crossentropy")
    """
    assert not findings_for(CODE, source)
