"""LRC102 single-unit-softmax: edge cases beyond the rule's document."""

from __future__ import annotations

import pytest

from tests.lint.rules.conftest import DENSE_SPELLINGS, findings_for, fixed, lines_for

CODE = "LRC102"


@pytest.mark.parametrize(("imports", "dense"), DENSE_SPELLINGS)
def test_every_spelling_of_dense_is_recognised(imports: str, dense: str):
    source = f"{imports}\nlayer = {dense}(1, activation='softmax')\n"
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 2
    assert finding.span.column == source.splitlines()[1].index("'softmax'") + 1


@pytest.mark.parametrize(
    "call",
    [
        "Dense(1, 'softmax')",
        "Dense(units=1, activation='softmax')",
        "Dense(ONE, activation='softmax')",
        "Dense(1, activation=tf.nn.softmax)",
        "Dense(1, activation=tf.keras.activations.softmax)",
        "Conv2D(1, (1, 1), activation='softmax')",
        "Conv2DTranspose(filters=1, kernel_size=3, activation='softmax')",
    ],
)
def test_one_unit_layers_with_their_own_softmax(call: str):
    source = f"""
        import tensorflow as tf
        from tensorflow.keras.layers import Conv2D, Conv2DTranspose, Dense
        ONE = 1
        layer = {call}
    """
    assert lines_for(CODE, source) == [5]


def test_sequential_add_form_reports_at_the_activation_with_a_fix():
    source = """
        from tensorflow.keras.layers import Dense, Input
        from tensorflow.keras.models import Sequential

        model = Sequential()
        model.add(Input(shape=(8,)))
        model.add(Dense(16, activation="relu"))
        model.add(Dense(1, activation="softmax"))
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    """
    (finding,) = findings_for(CODE, source)
    assert (finding.span.line, finding.span.column) == (8, 31)
    assert "use activation='sigmoid'" in finding.message
    assert finding.fix is not None and finding.fix.safety == "unsafe"
    repaired = fixed(source)
    assert 'Dense(1, activation="sigmoid")' in repaired
    assert not findings_for(CODE, repaired)


def test_model_built_in_a_function_and_compiled_at_module_level():
    source = """
        import keras

        def build(units):
            return keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, "softmax")])

        model = build(3)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 5
    assert "categorical_crossentropy is constant" in finding.message
    assert "binary_crossentropy" in finding.message
    assert finding.fix is None


def test_softmax_layer_after_one_unit_dense_is_reported_at_the_softmax_layer():
    source = """
        import keras
        from keras import layers

        inputs = keras.Input(shape=(8,))
        score = layers.Dense(1)(inputs)
        dropped = layers.Dropout(0.2)(score)
        outputs = layers.Softmax()(dropped)
        model = keras.Model(inputs, outputs)
    """
    (finding,) = findings_for(CODE, source)
    assert (finding.span.line, finding.span.column) == (8, 11)
    assert "Dense(1) (line 6)" in finding.message
    assert finding.fix is None  # a Softmax() layer is not rewritten


def test_activation_softmax_after_a_linear_one_unit_dense_is_fixed_there():
    source = """
        import keras
        from keras import layers

        model = keras.Sequential([keras.Input((4,)), layers.Dense(1), layers.Activation("softmax")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    assert lines_for(CODE, source) == [5]
    assert 'layers.Activation("sigmoid")' in fixed(source)


def test_no_fix_when_another_nonlinearity_is_stacked_in_the_head():
    source = """
        import keras
        from keras import layers

        model = keras.Sequential(
            [keras.Input((4,)), layers.Dense(1, activation="relu"), layers.Activation("softmax")]
        )
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert finding.fix is None


def test_no_fix_when_the_softmax_is_a_function_object():
    source = """
        import tensorflow as tf

        model = tf.keras.Sequential(
            [tf.keras.Input((4,)), tf.keras.layers.Dense(1, activation=tf.nn.softmax)]
        )
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert finding.fix is None


@pytest.mark.parametrize(
    ("loss", "advice", "fixable"),
    [
        ('"binary_crossentropy"', "activation='sigmoid'", True),
        ("keras.losses.BinaryCrossentropy()", "activation='sigmoid'", True),
        ("keras.losses.BinaryCrossentropy(from_logits=True)", "remove the activation", False),
        ('"sparse_categorical_crossentropy"', "integer labels", False),
        ('"categorical_crossentropy"', "one-hot labels", False),
        ('"mse"', "linear output", False),
        ("my_loss", "activation='sigmoid'", True),
    ],
)
def test_message_and_fix_follow_the_loss(loss: str, advice: str, fixable: bool):
    source = f"""
        import keras

        def my_loss(y_true, y_pred):
            return keras.ops.mean(y_pred)

        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="softmax")])
        model.compile(optimizer="adam", loss={loss})
    """
    (finding,) = findings_for(CODE, source)
    assert finding.message.startswith("softmax over a single unit always outputs 1.0")
    assert advice in finding.message
    assert (finding.fix is not None) == fixable


def test_uncompiled_model_is_still_reported_and_fixed():
    source = """
        import keras

        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="softmax")])
    """
    (finding,) = findings_for(CODE, source)
    assert "every prediction of Dense(1) is the same" in finding.message
    assert finding.fix is not None


def test_hidden_one_unit_softmax_gets_the_layer_message():
    source = """
        import keras
        from keras import layers

        inputs = keras.Input(shape=(20, 8))
        scores = layers.TimeDistributed(layers.Dense(1, activation="softmax"))(inputs)
        pooled = layers.Flatten()(layers.Multiply()([inputs, scores]))
        outputs = layers.Dense(3, activation="softmax")(pooled)
        model = keras.Model(inputs, outputs)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 6
    assert "this Dense(1) layer is constant" in finding.message
    assert finding.fix is None


def test_segmentation_head_with_one_filter():
    source = """
        import keras
        from keras import layers

        inputs = keras.Input(shape=(64, 64, 3))
        x = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
        masks = layers.Conv2D(1, 1, activation="softmax")(x)
        model = keras.Model(inputs, masks)
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 7
    assert "Conv2D(1)" in finding.message
    assert 'layers.Conv2D(1, 1, activation="sigmoid")' in fixed(source)


@pytest.mark.parametrize(
    "source",
    [
        # the number of units is not known
        "import keras\ndef head(n):\n    return keras.layers.Dense(n, activation='softmax')\n",
        # two units: a real softmax
        "import keras\nlayer = keras.layers.Dense(2, activation='softmax')\n",
        # attention over time steps: the softmax runs over axis 1
        "import keras\nfrom keras import layers\ninputs = keras.Input((20, 8))\n"
        "scores = layers.Dense(1)(inputs)\nweights = layers.Softmax(axis=1)(scores)\n"
        "model = keras.Model(inputs, weights)\n",
        # the axis is not known
        "import keras\nfrom keras import layers\ndef build(axis):\n"
        "    inputs = keras.Input((20, 8))\n"
        "    return keras.Model(inputs, layers.Softmax(axis)(layers.Dense(1)(inputs)))\n",
        # a local class named Dense
        "import keras\nclass Dense:\n    def __init__(self, *a, **k): pass\n"
        "layer = Dense(1, activation='softmax')\n",
        # a star import from a module that is not Keras
        "from keras.layers import Dense\nfrom mylayers import *\n"
        "layer = Dense(1, activation='softmax')\n",
        # an activation the checker cannot read
        "import keras\ndef build(act):\n    return keras.layers.Dense(1, activation=act)\n",
        # EinsumDense takes an equation first, not units
        "import keras\nlayer = keras.layers.EinsumDense('ab,bc->ac', output_shape=1, "
        "activation='softmax')\n",
        # a sigmoid, the right one-unit probability
        "import keras\nlayer = keras.layers.Dense(1, activation='sigmoid')\n",
    ],
    ids=[
        "unknown-units",
        "two-units",
        "softmax-over-steps",
        "unknown-axis",
        "local-class",
        "star-import",
        "unknown-activation",
        "einsum-dense",
        "sigmoid",
    ],
)
def test_stays_silent(source: str):
    assert not findings_for(CODE, source)


def test_layer_added_under_a_branch_hides_the_head_but_not_the_layer():
    source = """
        import keras

        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8)])
        if BINARY:
            model.add(keras.layers.Dense(1))
            model.add(keras.layers.Softmax())
    """
    # The head is not known (the layers may be absent), and a Softmax layer alone has no units.
    assert not findings_for(CODE, source)


def test_one_finding_when_the_head_layer_is_shared_by_two_models():
    source = """
        import keras

        head = keras.layers.Dense(1, activation="softmax")
        first = keras.Sequential([keras.Input((4,)), head])
        second = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4), head])
    """
    assert lines_for(CODE, source) == [4]
