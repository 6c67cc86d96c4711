"""LRC401 missing-hidden-activation: edge cases beyond the rule's document."""

from __future__ import annotations

import textwrap

import pytest

from pytest_lrcheck.lint.api import lint_source
from tests.lint.rules.conftest import DENSE_SPELLINGS, findings_for, fixed, lines_for

CODE = "LRC401"


def assert_silent(source: str) -> None:
    """No LRC401 finding, on a snippet that parses (a syntax error would silence every rule)."""
    codes = {f.code for f in lint_source(textwrap.dedent(source))}
    assert "LRC000" not in codes, "the snippet does not parse"
    assert CODE not in codes


@pytest.mark.parametrize(("imports", "dense"), DENSE_SPELLINGS)
def test_sequential_list_in_every_spelling(imports: str, dense: str):
    source = (
        f"{imports}\nimport keras\n"
        f"model = keras.Sequential([keras.Input((8,)),\n"
        f"    {dense}(32),\n"
        f"    {dense}(4, activation='softmax')])\n"
    )
    (finding,) = findings_for(CODE, source)
    assert (finding.span.line, finding.span.column) == (4, 5)
    assert finding.message.startswith(
        "Dense(32) at line 4 has no activation and feeds Dense(4) at line 5"
    )


def test_keras_2_add_form_with_input_dim():
    source = """
        from keras.models import Sequential
        from keras.layers import Dense, Dropout

        model = Sequential()
        model.add(Dense(64, input_dim=20))
        model.add(Dropout(0.5))
        model.add(Dense(64))
        model.add(Dense(1, activation="sigmoid"))
        model.compile(loss="binary_crossentropy", optimizer="rmsprop")
    """
    assert lines_for(CODE, source) == [6, 8]


def test_functional_chain_through_flatten_and_reshape():
    source = """
        import keras
        from keras import layers

        inputs = keras.Input(shape=(4, 8))
        x = layers.Dense(16)(inputs)
        x = layers.Flatten()(x)
        x = layers.Reshape((8, 8))(x)
        x = layers.Flatten()(x)
        outputs = layers.Dense(3, activation="softmax")(x)
        model = keras.Model(inputs=inputs, outputs=outputs)
    """
    assert lines_for(CODE, source) == [6]


def test_model_built_in_a_function_and_trained_at_module_level():
    source = """
        from tensorflow import keras

        def build(n_features):
            model = keras.Sequential()
            model.add(keras.layers.Dense(128, input_shape=(n_features,)))
            model.add(keras.layers.Dense(10, activation="softmax"))
            return model

        model = build(20)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
    """
    assert lines_for(CODE, source) == [6]


def test_loop_body_feeds_the_next_iteration_and_the_layer_after_the_loop():
    source = """
        from tensorflow import keras
        from tensorflow.keras import layers

        model = keras.Sequential([keras.Input(shape=(28,))])
        for units in widths:
            model.add(layers.Dense(units, use_bias=False))
            model.add(layers.BatchNormalization())
            model.add(layers.Dropout(0.2))
        model.add(layers.Dense(1, activation="sigmoid"))
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 7
    assert "feeds Dense(1) at line 10" in finding.message


@pytest.mark.parametrize(
    "tail",
    [
        # the loop body ends in an activation
        "    model.add(layers.Dense(64))\n    model.add(layers.Activation('relu'))\n"
        "model.add(layers.Dense(1))\n",
        # the model may end after the loop: the last iteration feeds nothing
        "    model.add(layers.Dense(64))\n",
        # after the loop comes a nonlinearity
        "    model.add(layers.Dropout(0.1))\n    model.add(layers.Dense(64))\n"
        "model.add(layers.ReLU())\nmodel.add(layers.Dense(1))\n",
        # a nested branch inside the body may add an activation
        "    model.add(layers.Dense(64))\n    if units > 64:\n"
        "        model.add(layers.Activation('relu'))\nmodel.add(layers.Dense(1))\n",
    ],
)
def test_loops_that_may_put_something_nonlinear_between_stay_silent(tail: str):
    source = (
        "from tensorflow import keras\nfrom tensorflow.keras import layers\n"
        "model = keras.Sequential([keras.Input(shape=(8,))])\n"
        f"for units in widths:\n{tail}"
    )
    assert_silent(source)


def test_branches():
    source = """
        import keras
        from keras import layers

        deep = True
        model = keras.Sequential([keras.Input(shape=(8,))])
        if deep:
            model.add(layers.Dense(64))
        model.add(layers.Dense(1))

        other = keras.Sequential([keras.Input(shape=(8,))])
        if deep:
            other.add(layers.Dense(64))
        else:
            other.add(layers.Dense(32, activation="relu"))
        other.add(layers.Activation("relu"))
        other.add(layers.Dense(1))

        third = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(64)])
        if deep:
            third.add(layers.Activation("relu"))
        third.add(layers.Dense(1))
    """
    # In ``other`` the if-branch layer is followed by the activation, not by the else branch.
    assert lines_for(CODE, source) == [8]


def test_code_that_may_add_layers_in_between_silences_the_pair():
    source = """
        import keras
        from keras import layers
        from mylib import add_activation

        model = keras.Sequential([keras.Input(shape=(8,))])
        model.add(layers.Dense(64))
        add_activation(model)
        model.add(layers.Dense(1))
        model.compile(optimizer="adam", loss="mse")
        keras.utils.plot_model(model)
    """
    assert_silent(source)


@pytest.mark.parametrize(
    ("first", "between"),
    [
        ("layers.Dense(64, activation=None)", ""),  # a deliberate linear layer
        ("layers.Dense(64, activation='linear')", ""),
        ("layers.Dense(64, None)", ""),
        ("layers.Dense(64, activation=act)", ""),  # unknown value
        ("layers.Dense(64, **options)", ""),  # may set the activation
        ("layers.Dense(4)", ""),  # narrower than what it feeds: a linear code
        ("layers.Dense(64)", "layers.LeakyReLU(),"),
        ("layers.Dense(64)", "layers.Activation(keras.activations.gelu),"),
        ("layers.Dense(64)", "layers.LayerNormalization(),"),
        ("layers.Dense(64)", "layers.Lambda(lambda t: t ** 2),"),
        ("layers.EinsumDense('ab,bc->ac', output_shape=64)", ""),
    ],
)
def test_stays_silent_for_explicit_or_nonlinear_neighbours(first: str, between: str):
    source = (
        "import keras\nfrom keras import layers\nact = options = None\n"
        f"model = keras.Sequential([keras.Input((32,)), {first}, {between}\n"
        "    layers.Dense(16, activation='relu')])\n"
    )
    assert_silent(source)


def test_equal_widths_are_no_bottleneck():
    source = (
        "import keras\nmodel = keras.Sequential([keras.Input((32,)),\n"
        "    keras.layers.Dense(16), keras.layers.Dense(16, activation='relu')])\n"
    )
    assert lines_for(CODE, source) == [3]


def test_output_used_elsewhere_is_not_a_private_step():
    source = """
        import keras
        from keras import layers

        inputs = keras.Input(shape=(64,))
        h = layers.Dense(128, activation="relu")(inputs)
        code = layers.Dense(32)(h)
        decoded = layers.Dense(64, activation="sigmoid")(code)
        autoencoder = keras.Model(inputs, decoded)
        encoder = keras.Model(inputs, code)

        a = keras.Input(shape=(16,))
        projected = layers.Dense(16)(a)
        merged = layers.Add()([projected, a])
        head = layers.Dense(1)(projected)
        two_outputs = keras.Model(a, [merged, head])
    """
    assert_silent(source)


@pytest.mark.parametrize(
    "source",
    [
        # a local class called Dense, a star import from a project module
        "import keras\nclass Dense:\n    def __init__(self, n): pass\n"
        "m = keras.Sequential([Dense(8), Dense(2)])\n",
        "import keras\nfrom keras.layers import Dense\nfrom mylayers import *\n"
        "m = keras.Sequential([Dense(8), Dense(2)])\n",
        # a subclassed model: the checker does not see which layer follows which
        "import keras\nclass Net(keras.Model):\n    def __init__(self):\n"
        "        super().__init__()\n        self.a = keras.layers.Dense(8)\n"
        "        self.b = keras.layers.Dense(2)\n"
        "    def call(self, x):\n        return self.b(self.a(x))\n",
        # layers built but never put in a model
        "import keras\na = keras.layers.Dense(8)\nb = keras.layers.Dense(2)\n",
    ],
)
def test_stays_silent_without_a_known_model(source: str):
    assert_silent(source)


def test_fix_adds_relu_in_the_call_s_own_layout():
    source = """
        import keras
        from keras import layers

        model = keras.Sequential(
            [
                keras.Input((32,)),
                layers.Dense(64, name='hidden'),
                layers.Dense(
                    32,
                    use_bias=False,
                ),
                layers.Dense(10, activation="softmax"),
            ]
        )
    """
    expected = """
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input((32,)),
        layers.Dense(64, name='hidden', activation='relu'),
        layers.Dense(
            32,
            use_bias=False,
            activation="relu",
        ),
        layers.Dense(10, activation="softmax"),
    ]
)
"""
    first, second = findings_for(CODE, source)
    assert (first.span.line, second.span.line) == (8, 9)
    assert first.fix is not None and first.fix.safety == "unsafe"
    assert fixed(source, unsafe=False) == textwrap.dedent(source), "unsafe fixes need asking"
    assert fixed(source) == expected
    assert fixed(expected) == expected, "a second fix must change nothing"
