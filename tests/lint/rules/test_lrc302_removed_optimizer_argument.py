"""LRC302 removed-optimizer-argument: edge cases beyond the rule's document."""

from __future__ import annotations

import textwrap

import pytest

from pytest_lrcheck.lint.api import lint_source
from tests.lint.rules.conftest import findings_for, fixed, lines_for

CODE = "LRC302"


def assert_silent(source: str) -> None:
    """No LRC302 finding, on a snippet that parses (a syntax error would silence every rule)."""
    codes = {f.code for f in lint_source(textwrap.dedent(source))}
    assert "LRC000" not in codes, "the snippet does not parse"
    assert CODE not in codes


@pytest.mark.parametrize(
    ("imports", "optimizer"),
    [
        ("import tensorflow as tf", "tf.keras.optimizers.SGD"),
        ("import keras", "keras.optimizers.Adam"),
        ("from tensorflow.keras.optimizers import RMSprop as R", "R"),
        ("from keras import optimizers", "optimizers.Adagrad"),
        ("import tensorflow.keras as tfk", "tfk.optimizers.Nadam"),
        ("import tf_keras", "tf_keras.optimizers.Adamax"),
        ("from keras.optimizers import SGD", "SGD"),  # Keras 2 documentation style
        ("import tensorflow as tf", "tf.keras.optimizers.experimental.AdamW"),
    ],
)
def test_lr_is_reported_at_the_keyword_in_every_spelling(imports: str, optimizer: str):
    source = f"{imports}\nopt = {optimizer}(lr=0.01)\n"
    (finding,) = findings_for(CODE, source)
    column = len(f"opt = {optimizer}(") + 1
    assert (finding.span.line, finding.span.column) == (2, column)
    assert (finding.span.end_line, finding.span.end_column) == (2, column + len("lr=0.01"))
    assert "ValueError: Argument(s) not recognized" in finding.message
    assert "write learning_rate=0.01" in finding.message
    assert finding.fix is not None and finding.fix.safety == "safe"


def test_lr_fix_renames_the_keyword_and_keeps_everything_else():
    source = """
        from tensorflow import keras

        optimizer = keras.optimizers.SGD(
            lr = 0.01,  # tuned
            momentum=0.9,
        )
    """
    expected = """
from tensorflow import keras

optimizer = keras.optimizers.SGD(
    learning_rate = 0.01,  # tuned
    momentum=0.9,
)
"""
    assert fixed(source, unsafe=False) == expected
    assert fixed(expected) == expected, "a second fix must change nothing"


def test_lr_with_learning_rate_too_has_no_fix_and_says_which_one_won():
    source = "import keras\nopt = keras.optimizers.Adam(lr=0.1, learning_rate=0.001)\n"
    (finding,) = findings_for(CODE, source)
    assert finding.fix is None
    assert "remove lr= and keep learning_rate=" in finding.message


def test_decay_names_the_equivalent_schedule_with_the_written_rate():
    source = "import keras\nopt = keras.optimizers.SGD(lr=0.05, momentum=0.9, decay=1e-4)\n"
    lr, decay = findings_for(CODE, source)
    assert (lr.span.column, decay.span.column) == (28, 51)
    assert decay.fix is None
    assert "tf.keras 2.11-2.15 raises ValueError" in decay.message
    assert "InverseTimeDecay(0.05, decay_steps=1, decay_rate=0.0001)" in decay.message


def test_decay_without_a_rate_uses_the_optimizer_default():
    source = "import keras\nopt = keras.optimizers.RMSprop(decay=0.01)\n"
    (finding,) = findings_for(CODE, source)
    assert "InverseTimeDecay(0.001, decay_steps=1, decay_rate=0.01)" in finding.message


def test_a_zero_decay_only_needs_removing():
    source = "import keras\nopt = keras.optimizers.Adam(learning_rate=1e-3, decay=0.0)\n"
    (finding,) = findings_for(CODE, source)
    assert "remove it (a decay of 0 never changed the rate)" in finding.message
    assert "InverseTimeDecay" not in finding.message


@pytest.mark.parametrize(
    ("argument", "advice"),
    [
        ("schedule_decay=0.004", "Nadam applies its momentum schedule by itself"),
        ("jit_compile=False", "model.compile(jit_compile=...)"),
        ("gradient_aggregator=agg", "custom train_step"),
        ("gradient_transformers=[clip]", "clipnorm="),
    ],
)
def test_other_keras_2_arguments(argument: str, advice: str):
    source = f"import keras\nagg = clip = None\nopt = keras.optimizers.Nadam({argument})\n"
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 3
    assert advice in finding.message
    assert finding.fix is None


@pytest.mark.parametrize(
    ("imports", "optimizer"),
    [
        ("import tensorflow as tf", "tf.keras.optimizers.legacy.Adam"),
        ("from tensorflow.keras.optimizers import legacy", "legacy.SGD"),
        ("from tensorflow.keras.optimizers.legacy import RMSprop", "RMSprop"),
        ("import keras", "keras.optimizer_v2.adam.Adam"),
        ("import tensorflow as tf", "tf.compat.v1.keras.optimizers.Adam"),
    ],
)
def test_legacy_optimizers_keep_decay_but_lr_is_still_a_deprecated_alias(
    imports: str, optimizer: str
):
    source = f"{imports}\nopt = {optimizer}(learning_rate=0.01, decay=1e-6)\n"
    assert_silent(source)
    (finding,) = findings_for(CODE, f"{imports}\nopt = {optimizer}(lr=0.01, decay=1e-6)\n")
    assert "deprecated alias of learning_rate" in finding.message
    assert "Keras 3 has no legacy optimizers" in finding.message
    assert finding.fix is not None


def test_jit_compile_on_a_legacy_optimizer_is_still_reported():
    source = "import tensorflow as tf\nopt = tf.keras.optimizers.legacy.Adam(jit_compile=True)\n"
    assert lines_for(CODE, source) == [2]


def test_optimizer_built_in_a_function_and_passed_to_compile():
    source = """
        from tensorflow import keras

        def make_optimizer():
            return keras.optimizers.Adam(lr=3e-4)

        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
        model.compile(optimizer=make_optimizer(), loss="mse")
    """
    assert lines_for(CODE, source) == [5]


@pytest.mark.parametrize(
    "source",
    [
        # TensorFlow 1 optimizers always took learning_rate
        "import tensorflow as tf\nopt = tf.compat.v1.train.AdamOptimizer(learning_rate=0.01)\n",
        "import tensorflow as tf\nopt = tf.train.GradientDescentOptimizer(0.5)\n",
        # not Keras: a project's own class, PyTorch, a star import from elsewhere
        "import keras\nclass SGD:\n    def __init__(self, lr): pass\nopt = SGD(lr=0.1)\n",
        "import keras\nimport torch\nopt = torch.optim.SGD([], lr=0.1)\n",
        "from keras.optimizers import SGD\nfrom mylib import *\nopt = SGD(lr=0.1)\n",
        # a dict whose keys the checker cannot follow may hold anything
        "import keras\nfrom mylib import base\nkw = {**base}\nopt = keras.optimizers.SGD(**kw)\n",
        "import keras\nkw = {'momentum': 0.9}\nkw[name] = 0.1\nopt = keras.optimizers.SGD(**kw)\n",
        "import keras\nm = keras.Sequential()\nm.compile(optimizer='sgd', loss='mse')\n",
        # schedules take decay_rate/decay_steps; LossScaleOptimizer wraps another optimizer
        "import keras\nf = keras.optimizers.schedules.ExponentialDecay(0.1, 10, decay_rate=0.9)\n",
        "import keras\nopt = keras.optimizers.LossScaleOptimizer(keras.optimizers.Adam(1e-3))\n",
        # today's arguments
        "import keras\nopt = keras.optimizers.AdamW(learning_rate=1e-3, weight_decay=1e-4)\n",
    ],
)
def test_stays_silent(source: str):
    assert_silent(source)


@pytest.mark.parametrize(
    "options",
    ["{'lr': 0.01, 'momentum': 0.9}", "dict(lr=0.01, momentum=0.9)"],
)
def test_a_removed_argument_in_a_dict_of_options_is_reported_where_the_key_is(options: str):
    source = f"""
        from tensorflow import keras

        OPTIONS = {options}
        optimizer = keras.optimizers.SGD(**OPTIONS)
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 4
    assert "name the key learning_rate in the dict unpacked into SGD() at line 5" in finding.message
    assert finding.fix is None  # the dict may be read elsewhere: no rename of its key
