"""LRC109 double-softmax: edge cases beyond the rule's document."""

from __future__ import annotations

import pytest

from tests.lint.rules.conftest import findings_for, fixed, lines_for

CODE = "LRC109"


@pytest.mark.parametrize(
    ("imports", "first", "second"),
    [
        ("import tensorflow as tf", "tf.keras.layers.Dense(10, activation='softmax')",
         "tf.keras.layers.Softmax()"),
        ("import keras", "keras.layers.Dense(10, 'softmax')", "keras.layers.Activation('softmax')"),
        ("from tensorflow.keras.layers import Dense as D, Softmax as S",
         "D(10, activation='softmax')", "S()"),
        ("from keras import layers", "layers.Dense(10, activation='softmax')",
         "layers.Activation(keras.activations.softmax)"),
        ("import tensorflow.keras as tfk", "tfk.layers.Dense(10, activation='softmax')",
         "tfk.layers.Softmax(axis=-1)"),
        ("import tf_keras", "tf_keras.layers.Dense(10, activation='softmax')",
         "tf_keras.layers.Activation('softmax')"),
        ("import keras", "keras.layers.core.Dense(10, activation='softmax')",
         "keras.layers.core.Activation('softmax')"),
        ("import keras", "keras.layers.Softmax()", "keras.layers.Softmax()"),
    ],
)  # fmt: skip
def test_layer_after_a_softmax_in_a_sequential_list(imports: str, first: str, second: str):
    source = (
        f"{imports}\nimport keras\nimport tensorflow as tf\n"
        f"model = keras.Sequential([keras.Input((8,)), {first},\n    {second}])\n"
    )
    (finding,) = findings_for(CODE, source)
    assert (finding.span.line, finding.span.column) == (5, 5)
    assert finding.fix is None


def test_add_form_with_dropout_between_and_training_numbers():
    source = """
        from tensorflow.keras.layers import Activation, Dense, Dropout, Input
        from tensorflow.keras.models import Sequential

        model = Sequential()
        model.add(Input(shape=(16,)))
        model.add(Dense(10, activation="softmax"))
        model.add(Dropout(0.5))
        model.add(Activation("softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert (finding.span.line, finding.span.column) == (9, 11)
    assert "the softmax output of Dense (line 7)" in finding.message
    assert "no probability can exceed 0.23, so cross-entropy cannot fall below 1.46" in (
        finding.message
    )


def test_same_non_default_axis_twice_through_a_wrapper():
    source = """
        import keras

        inner = keras.Sequential(
            [keras.Input((20, 8)), keras.layers.Dense(1), keras.layers.Softmax(axis=1)]
        )
        outer = keras.Sequential([inner, keras.layers.Softmax(axis=1)])
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 7
    assert "the model before it (line 5)" in finding.message


def test_untrained_pair_gets_no_cross_entropy_numbers():
    source = """
        import keras

        model = keras.Sequential(
            [keras.Input((8,)), keras.layers.Dense(3, activation="softmax"), keras.layers.Softmax()]
        )
    """
    (finding,) = findings_for(CODE, source)
    assert "no probability can exceed 0.58" in finding.message
    assert "cross-entropy" not in finding.message


def test_functional_chain():
    source = """
        import keras
        from keras import layers

        inputs = keras.Input(shape=(8,))
        probabilities = layers.Dense(4, activation="softmax")(inputs)
        dropped = layers.Dropout(0.1)(probabilities)
        again = layers.Activation("softmax")(dropped)
        model = keras.Model(inputs, again)
    """
    assert lines_for(CODE, source) == [8]


def test_probability_wrappers_around_a_softmax_model():
    source = """
        import tensorflow as tf

        def build():
            return tf.keras.Sequential(
                [tf.keras.Input((8,)), tf.keras.layers.Dense(10, activation="softmax")]
            )

        model = build()
        probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
        inputs = tf.keras.Input((8,))
        wrapped = tf.keras.Model(inputs, tf.keras.layers.Softmax()(model(inputs)))
    """
    findings = findings_for(CODE, source)
    assert [f.span.line for f in findings] == [10, 12]
    assert all("the model before it (line 6)" in f.message for f in findings)


@pytest.mark.parametrize(
    "call",
    [
        "tf.nn.softmax(model.predict(samples))",
        "tf.math.softmax(model.predict(samples))",
        "tf.nn.softmax(logits=model.predict(samples))",
        "keras.activations.softmax(model(samples))",
        "keras.ops.softmax(model(samples, training=False))",
        "keras.ops.softmax(predictions)",
        "tf.nn.softmax(predictions, axis=-1)",
    ],
)
def test_softmax_functions_on_predictions(call: str):
    source = f"""
        import numpy as np
        import keras
        import tensorflow as tf

        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(5, activation="softmax")])
        samples = np.random.rand(10, 8)
        predictions = model.predict(samples)
        result = {call}
    """
    (finding,) = findings_for(CODE, source)
    assert (finding.span.line, finding.span.column) == (9, 10)
    assert "already a softmax (line 6)" in finding.message
    assert "no probability can exceed 0.40" in finding.message
    assert "cross-entropy" not in finding.message


def test_fix_unwraps_a_single_argument_call():
    source = """
        import numpy as np
        import tensorflow as tf
        from tensorflow import keras
        model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(5, activation="softmax")])
        samples = np.random.rand(10, 8)
        predictions = model.predict(samples)
        best = tf.nn.softmax(predictions).numpy().argmax(axis=1)
        scores = tf.nn.softmax(model(samples))
        kept = tf.nn.softmax(predictions, axis=-1)
    """
    repaired = fixed(source)
    assert "best = predictions.numpy().argmax(axis=1)" in repaired
    assert "scores = model(samples)" in repaired
    assert "kept = tf.nn.softmax(predictions, axis=-1)" in repaired  # options: left alone
    assert fixed(repaired) == repaired
    assert lines_for(CODE, repaired) == [10]


def test_no_fix_for_layers_only_for_calls():
    source = """
        import keras

        model = keras.Sequential(
            [keras.Input((8,)), keras.layers.Dense(3, activation="softmax"), keras.layers.Softmax()]
        )
    """
    assert fixed(source) == fixed(source, unsafe=False)
    assert "keras.layers.Softmax()" in fixed(source)


@pytest.mark.parametrize(
    "source",
    [
        # different axes: softmax over time steps after a softmax over features
        "import keras\nmodel = keras.Sequential([keras.Input((20, 8)), "
        "keras.layers.Dense(4, activation='softmax'), keras.layers.Softmax(axis=1)])\n",
        # a weighted layer between: new scores
        "import keras\nmodel = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4, "
        "activation='softmax'), keras.layers.Dense(4), keras.layers.Softmax()])\n",
        # the second softmax is added under a branch
        "import keras\nmodel = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4, "
        "activation='softmax')])\nif PROBABILITIES:\n    model.add(keras.layers.Softmax())\n",
        # a relu output followed by a softmax: one softmax
        "import keras\nmodel = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4, "
        "activation='relu'), keras.layers.Softmax()])\n",
        # the softmax removed before wrapping
        "import keras\nmodel = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4), "
        "keras.layers.Softmax()])\nmodel.pop()\n"
        "probability_model = keras.Sequential([model, keras.layers.Softmax()])\n",
        # the tutorial idiom: a linear model, softmax added afterwards
        "import keras\nimport tensorflow as tf\nmodel = keras.Sequential([keras.Input((8,)), "
        "keras.layers.Dense(4)])\nprobs = tf.nn.softmax(model.predict(x))\n"
        "probability_model = keras.Sequential([model, keras.layers.Softmax()])\n",
        # over the batch axis: another bug, not this one
        "import keras\nimport tensorflow as tf\nmodel = keras.Sequential([keras.Input((8,)), "
        "keras.layers.Dense(4, activation='softmax')])\n"
        "probs = tf.nn.softmax(model.predict(x), axis=0)\n",
        # a slice of the predictions, or data of unknown origin
        "import keras\nimport tensorflow as tf\nmodel = keras.Sequential([keras.Input((8,)), "
        "keras.layers.Dense(4, activation='softmax')])\n"
        "first = tf.nn.softmax(model.predict(x)[0])\nother = tf.nn.softmax(load())\n",
        # the model's softmax runs over another axis than the function's
        "import keras\nimport tensorflow as tf\nmodel = keras.Sequential([keras.Input((20, 8)), "
        "keras.layers.Dense(1), keras.layers.Softmax(axis=1)])\n"
        "probs = tf.nn.softmax(model.predict(x))\n",
        # a local function called softmax
        "import keras\ndef softmax(v):\n    return v\nmodel = keras.Sequential([keras.Input((8,)), "
        "keras.layers.Dense(4, activation='softmax')])\nprobs = softmax(model.predict(x))\n",
    ],
    ids=[
        "different-axes",
        "weighted-layer-between",
        "conditional-add",
        "single-softmax",
        "popped",
        "linear-model",
        "batch-axis",
        "slice-or-unknown",
        "other-axis-in-model",
        "local-function",
    ],
)
def test_stays_silent(source: str):
    assert not findings_for(CODE, source)
