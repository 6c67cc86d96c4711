from __future__ import annotations

import pytest

from tests.lint.rules.conftest import DENSE_SPELLINGS, findings_for, fixed, lines_for

CODE = "LRC101"


@pytest.mark.parametrize(("imports", "dense"), DENSE_SPELLINGS)
def test_every_spelling_of_a_sigmoid_head_fires(imports, dense):
    source = f"""
    {imports}
    import keras as K
    model = K.Sequential([{dense}(10, activation="sigmoid")])
    model.compile(optimizer="sgd", loss="categorical_crossentropy")
    """
    assert lines_for(CODE, source) == [4]


@pytest.mark.parametrize(
    "loss",
    [
        '"sparse_categorical_crossentropy"',
        "keras.losses.SparseCategoricalCrossentropy()",
        "keras.losses.categorical_crossentropy",
        "keras.losses.CategoricalCrossentropy(from_logits=False)",
        "keras.losses.CategoricalFocalCrossentropy()",
    ],
)
def test_every_categorical_loss_form_fires(loss):
    source = f"""
    import keras
    model = keras.Sequential([keras.layers.Dense(10, activation="relu")])
    model.compile(optimizer="adam", loss={loss})
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 3 and "relu" in finding.message


def test_default_linear_head_is_reported_at_the_layer_without_a_fix():
    source = """
    import keras
    model = keras.Sequential()
    model.add(keras.layers.Dense(5))
    model.compile(loss="categorical_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 4 and finding.span.column == 11
    assert "linear (no activation)" in finding.message and finding.fix is None


def test_a_following_activation_layer_is_judged_not_the_dense():
    fires = """
    import keras
    from keras import layers
    model = keras.Sequential([layers.Dense(10), layers.Activation("tanh")])
    model.compile(loss="categorical_crossentropy")
    """
    silent = fires.replace('"tanh"', '"softmax"')
    assert lines_for(CODE, fires) == [4]
    assert lines_for(CODE, silent) == []


def test_functional_model_built_in_a_function_and_compiled_outside():
    source = """
    from tensorflow import keras

    def build():
        inputs = keras.Input(shape=(8,))
        x = keras.layers.Dense(16, activation="relu")(inputs)
        return keras.Model(inputs, keras.layers.Dense(3, activation="sigmoid")(x))

    model = build()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    """
    assert lines_for(CODE, source) == [7]


def test_single_unit_head_gets_the_binary_advice_and_no_fix():
    source = """
    import keras
    model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
    model.compile(loss="sparse_categorical_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert "binary_crossentropy" in finding.message and finding.fix is None


def test_fix_keeps_the_quote_style():
    source = """
    import keras
    model = keras.Sequential([keras.layers.Dense(10, activation='sigmoid')])
    model.compile(loss='categorical_crossentropy')
    """
    assert "activation='softmax'" in fixed(source)
    assert "activation='sigmoid'" in fixed(source, unsafe=False)


@pytest.mark.parametrize(
    "source",
    [
        # from_logits=True with a linear head: the expert idiom
        """
        import keras
        model = keras.Sequential([keras.layers.Dense(10)])
        model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))
        """,
        # from_logits unknown
        """
        import keras
        model = keras.Sequential([keras.layers.Dense(10)])
        model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=LOGITS))
        """,
        # a custom activation function
        """
        import keras
        model = keras.Sequential([keras.layers.Dense(10, activation=my_activation)])
        model.compile(loss="categorical_crossentropy")
        """,
        # a local class named Dense
        """
        import keras
        class Dense:
            def __init__(self, *a, **k): pass
        model = keras.Sequential([Dense(10, activation="sigmoid")])
        model.compile(loss="categorical_crossentropy")
        """,
        # a star import from a non-Keras module may rebind Dense
        """
        import keras
        from keras.layers import Dense
        from mylayers import *
        model = keras.Sequential([Dense(10, activation="sigmoid")])
        model.compile(loss="categorical_crossentropy")
        """,
        # the head is chosen under an if
        """
        import keras
        model = keras.Sequential([keras.layers.Dense(8, activation="relu")])
        if multilabel:
            model.add(keras.layers.Dense(10, activation="sigmoid"))
        else:
            model.add(keras.layers.Dense(10, activation="softmax"))
        model.compile(loss="categorical_crossentropy")
        """,
        # compiled twice: which loss trains is not known
        """
        import keras
        model = keras.Sequential([keras.layers.Dense(10, activation="sigmoid")])
        model.compile(loss="binary_crossentropy")
        model.compile(loss="categorical_crossentropy")
        """,
        # multi-output losses
        """
        import keras
        model = keras.Sequential([keras.layers.Dense(10, activation="sigmoid")])
        model.compile(loss={"a": "categorical_crossentropy"})
        """,
        # a model loaded from disk
        """
        import keras
        model = keras.models.load_model("m.keras")
        model.compile(loss="categorical_crossentropy")
        """,
    ],
)
def test_stays_silent_without_evidence(source):
    assert findings_for(CODE, source) == []


def test_a_one_filter_convolution_head_gets_no_softmax_fix():
    # A softmax over one channel is constant: the repair is a binary loss, not softmax.
    source = """
        import keras
        model = keras.Sequential(
            [keras.Input((32, 32, 3)), keras.layers.Conv2D(1, 3, activation="sigmoid")]
        )
        model.compile(loss="categorical_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert "over a single sigmoid output unit cannot rank classes" in finding.message
    assert finding.fix is None


def test_categorical_focal_crossentropy_is_categorical_and_fixed_to_softmax():
    source = """
        import keras
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(5, activation="sigmoid")])
        model.compile(loss="categorical_focal_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert finding.fix is not None and finding.fix.description == "Use activation='softmax'"
    assert 'activation="softmax"' in fixed(source)


@pytest.mark.parametrize(
    ("loss", "fires"),
    [
        ("'CategoricalCrossentropy'", True),  # Keras deserialises the class name
        ("'categorical_crossentropy'", True),
        ("'MeanSquaredError'", False),
        ("'NoSuchLoss'", False),
    ],
)
def test_loss_written_as_its_class_name(loss, fires):
    source = (
        "import keras\n"
        "m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation='sigmoid')])\n"
        f"m.compile(optimizer='adam', loss={loss})\n"
    )
    assert bool(lines_for("LRC101", source)) is fires


def test_time_distributed_head_is_reported_and_fixed_on_the_wrapped_layer():
    source = (
        "import keras\n"
        "from keras import layers\n"
        "m = keras.Sequential([\n"
        "    keras.Input((20, 8)),\n"
        "    layers.TimeDistributed(layers.Dense(5, activation='sigmoid')),\n"
        "])\n"
        "m.compile(optimizer='adam', loss='categorical_crossentropy')\n"
    )
    assert lines_for("LRC101", source) == [5]
    assert "layers.TimeDistributed(layers.Dense(5, activation='softmax'))" in fixed(source)
