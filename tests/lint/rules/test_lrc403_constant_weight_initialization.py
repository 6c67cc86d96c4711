"""LRC403 constant-weight-initialization: edge cases beyond the rule's document."""

from __future__ import annotations

import textwrap

import pytest

from pytest_lrcheck.lint.api import lint_source
from tests.lint.rules.conftest import findings_for, fixed, lines_for

CODE = "LRC403"


def assert_silent(source: str) -> None:
    """No LRC403 finding, on a snippet that parses (a syntax error would silence every rule)."""
    codes = {f.code for f in lint_source(textwrap.dedent(source))}
    assert "LRC000" not in codes, "the snippet does not parse"
    assert CODE not in codes


def _model(hidden: str, head: str = "keras.layers.Dense(3, activation='softmax')") -> str:
    return (
        "import numpy as np\nimport keras\nimport tensorflow as tf\n"
        "from keras import initializers, layers\n"
        "model = keras.Sequential([keras.Input((20,)),\n"
        f"    {hidden},\n"
        f"    {head}])\n"
        "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
    )


@pytest.mark.parametrize(
    "initializer",
    [
        "'zeros'",
        "'zero'",
        "'Zeros'",
        "keras.initializers.Zeros()",
        "initializers.zeros()",
        "initializers.Zeros",  # the class itself, which Keras instantiates
        "tf.zeros_initializer()",
        "tf.keras.initializers.Constant(0.0)",
        "initializers.Constant()",  # fills with 0 by default
        "initializers.Constant(value=0)",
    ],
)
def test_zero_kernel_under_relu_is_dead_in_every_spelling(initializer: str):
    source = _model(f"layers.Dense(16, activation='relu', kernel_initializer={initializer})")
    (finding,) = findings_for(CODE, source)
    column = len("    layers.Dense(16, activation='relu', kernel_initializer=") + 1
    assert (finding.span.line, finding.span.column) == (6, column)
    assert "with activation relu makes this layer's pre-activations 0" in finding.message


@pytest.mark.parametrize(
    ("imports", "dense"),
    [
        ("from tensorflow.keras.layers import Dense as D", "D"),
        ("import tensorflow.keras as tfk", "tfk.layers.Dense"),
        ("import tf_keras", "tf_keras.layers.Dense"),
        ("import keras", "keras.layers.core.Dense"),
    ],
)
def test_layer_spellings(imports: str, dense: str):
    source = (
        f"{imports}\nimport keras\n"
        "model = keras.Sequential([keras.Input((8,)),\n"
        f"    {dense}(8, activation='relu', kernel_initializer='zeros'),\n"
        "    keras.layers.Dense(2)])\n"
        "model.fit(None)\n"
    )
    assert lines_for(CODE, source) == [4]


@pytest.mark.parametrize(
    "relu",
    [
        "activation='relu6'",
        "activation=keras.activations.relu",
        "activation=tf.nn.relu",
        "use_bias=False, activation='relu'",  # no bias: still 0 everywhere
        "bias_initializer='zeros', activation='relu'",
    ],
)
def test_relu_spellings_on_the_layer(relu: str):
    source = _model(f"layers.Dense(16, {relu}, kernel_initializer='zeros')")
    assert lines_for(CODE, source) == [6]


@pytest.mark.parametrize(
    "after",
    [
        "layers.ReLU()",
        "layers.ReLU(max_value=6.0)",
        "layers.Activation('relu')",
        "layers.BatchNormalization(), layers.ReLU()",  # 0 normalised is still 0
        "layers.Dropout(0.3), layers.Activation('relu')",
    ],
)
def test_relu_applied_by_a_later_layer(after: str):
    source = _model(f"layers.Dense(16, kernel_initializer='zeros'), {after}")
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 6
    assert "with the " in finding.message and "at line 6 makes" in finding.message


@pytest.mark.parametrize(
    "hidden",
    [
        # an activation with a gradient at 0: the next layer's random weights break the tie
        "layers.Dense(16, activation='tanh', kernel_initializer='zeros')",
        "layers.Dense(16, activation='leaky_relu', kernel_initializer='zeros')",
        "layers.Dense(16, kernel_initializer='zeros'), layers.LeakyReLU()",
        "layers.Dense(16, kernel_initializer='zeros'), layers.ReLU(negative_slope=0.1)",
        "layers.Dense(16, activation=layers.ReLU(negative_slope=0.1), kernel_initializer='zeros')",
        "layers.Dense(16, kernel_initializer='zeros'), layers.GaussianNoise(0.1), layers.ReLU()",
        # a bias that is not 0 lets relu pass
        "layers.Dense(16, activation='relu', kernel_initializer='zeros', bias_initializer='ones')",
        "layers.Dense(16, activation='relu', kernel_initializer='zeros', bias_initializer=b)",
        # random or unknown kernels, constant arrays (pretrained weights)
        "layers.Dense(16, activation='relu', kernel_initializer='he_normal')",
        "layers.Dense(16, activation='relu', kernel_initializer=init)",
        "layers.Dense(16, activation='relu', kernel_initializer=initializers.Constant(w))",
        "layers.Dense(16, activation='relu', kernel_initializer=initializers.Constant(0.1))",
        "layers.Dense(16, activation='relu', kernel_initializer='ones')",
    ],
)
def test_stays_silent(hidden: str):
    assert_silent("b = init = w = None\n" + _model(hidden))


def test_a_constant_output_layer_after_a_random_hidden_layer_is_a_harmless_trick():
    source = _model(
        "layers.Dense(16, activation='relu')",
        "layers.Dense(3, activation='softmax', kernel_initializer='zeros')",
    )
    assert_silent(source)


@pytest.mark.parametrize(
    ("first", "between", "second"),
    [
        ("'ones'", "", "'ones'"),
        ("initializers.Constant(0.05)", "", "'zeros'"),
        ("tf.constant_initializer(0.1)", ", layers.BatchNormalization()", "'ones'"),
        ("'ones'", ", layers.Activation('tanh')", "initializers.Ones()"),
    ],
)
def test_two_constant_layers_in_a_row_keep_the_first_symmetric(
    first: str, between: str, second: str
):
    source = _model(
        f"layers.Dense(16, activation='tanh', kernel_initializer={first}){between}",
        f"layers.Dense(3, activation='softmax', kernel_initializer={second})",
    )
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 6
    assert "gives every unit of this Dense the same weights, and Dense at line 7" in (
        finding.message
    )
    assert "stay copies of one unit" in finding.message


@pytest.mark.parametrize(
    "between",
    ["layers.Dropout(0.2)", "layers.GaussianNoise(0.1)", "layers.Lambda(lambda t: t)"],
)
def test_random_per_unit_layers_or_unknown_ones_in_between(between: str):
    source = _model(
        f"layers.Dense(16, activation='tanh', kernel_initializer='ones'), {between}",
        "layers.Dense(3, activation='softmax', kernel_initializer='ones')",
    )
    assert_silent(source)


@pytest.mark.parametrize(
    "layer",
    [
        "layers.Dense(1, activation='tanh', kernel_initializer='ones')",
        "layers.Dense(units=1, kernel_initializer='ones')",
    ],
)
def test_a_single_unit_has_no_twin(layer: str):
    source = _model(layer, "layers.Dense(3, activation='softmax', kernel_initializer='ones')")
    assert_silent(source)


def test_a_random_bias_breaks_the_symmetry():
    source = _model(
        "layers.Dense(16, activation='tanh', kernel_initializer='ones',"
        " bias_initializer='random_normal')",
        "layers.Dense(3, activation='softmax', kernel_initializer='ones')",
    )
    assert_silent(source)


def test_convolutions_through_pooling_and_flatten():
    source = """
        import keras
        from keras import layers

        model = keras.Sequential([
            keras.Input((28, 28, 1)),
            layers.Conv2D(8, 3, activation="relu", kernel_initializer="ones"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(10, activation="softmax", kernel_initializer="ones"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 7
    assert "this Conv2D the same weights, and Dense at line 10" in finding.message


def test_functional_models_and_readers_elsewhere():
    source = """
        import keras
        from keras import layers

        inputs = keras.Input((20,))
        dead = layers.Dense(16, activation="relu", kernel_initializer="zeros")(inputs)
        outputs = layers.Dense(1)(dead)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="mse")

        a = keras.Input((20,))
        shared = layers.Dense(16, kernel_initializer="ones")(a)
        head = layers.Dense(1, kernel_initializer="ones")(shared)
        skip = layers.Dense(1)(shared)
        both = keras.Model(a, [head, skip])
        both.compile(optimizer="adam", loss=["mse", "mse"])
    """
    # ``shared`` also feeds a randomly initialised Dense, which tells its units apart.
    assert lines_for(CODE, source) == [6]


def test_keras_1_init_argument():
    source = """
        from keras.layers import Dense
        from keras.models import Sequential

        model = Sequential()
        model.add(Dense(64, input_dim=20, init="zero", activation="relu"))
        model.add(Dense(1, init="uniform"))
        model.compile(loss="mse", optimizer="sgd")
    """
    assert lines_for(CODE, source) == [6]


@pytest.mark.parametrize(
    "extra",
    [
        "",  # never compiled nor trained: a layer test with deterministic weights
        "model.compile(optimizer='adam', loss='mse')\nmodel.set_weights(weights)",
        "model.compile(optimizer='adam', loss='mse')\nmodel.load_weights('w.h5')",
    ],
)
def test_models_not_trained_from_these_weights(extra: str):
    source = (
        "import keras\nweights = None\n"
        "model = keras.Sequential([keras.Input((4,)),\n"
        "    keras.layers.Dense(4, activation='relu', kernel_initializer='zeros'),\n"
        "    keras.layers.Dense(1)])\n"
        f"{extra}\n"
    )
    assert_silent(source)


@pytest.mark.parametrize(
    "source",
    [
        "import keras\nclass Dense:\n    def __init__(self, *a, **k): pass\n"
        "m = keras.Sequential([Dense(4, activation='relu', kernel_initializer='zeros')])\n"
        "m.compile(loss='mse')\n",
        "import keras\nfrom keras.layers import Dense\nfrom mylayers import *\n"
        "m = keras.Sequential([Dense(4, activation='relu', kernel_initializer='zeros')])\n"
        "m.compile(loss='mse')\n",
        "import keras\nfrom myinit import zeros\n"
        "m = keras.Sequential([keras.layers.Dense(4, activation='relu',"
        " kernel_initializer=zeros())])\nm.compile(loss='mse')\n",
        "import keras\nlayer = keras.layers.LSTM(4, kernel_initializer='zeros')\n",
    ],
)
def test_names_that_are_not_keras(source: str):
    assert_silent(source)


def test_fix_uses_the_default_initializer_in_the_file_s_quotes():
    source = """
        import keras
        from keras import initializers, layers

        model = keras.Sequential([
            keras.Input((20,)),
            layers.Dense(16, activation='relu', kernel_initializer='zeros'),
            layers.Dense(8, activation="tanh", kernel_initializer=initializers.Constant(0.1)),
            layers.Dense(3, activation="softmax", kernel_initializer=initializers.Ones),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    """
    expected = """
import keras
from keras import initializers, layers

model = keras.Sequential([
    keras.Input((20,)),
    layers.Dense(16, activation='relu', kernel_initializer='glorot_uniform'),
    layers.Dense(8, activation="tanh", kernel_initializer="glorot_uniform"),
    layers.Dense(3, activation="softmax", kernel_initializer=initializers.Ones),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
"""
    assert [f.span.line for f in findings_for(CODE, source)] == [7, 8]
    assert fixed(source) == expected
    assert fixed(expected) == expected, "a second fix must change nothing"
