from __future__ import annotations

import pytest

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.api import lint_source

from .conftest import findings_for, lines_for

CODE = "LRC301"


@pytest.mark.parametrize(
    ("call", "fires"),
    [
        ("keras.optimizers.Adam(learning_rate=1.0)", True),
        ("keras.optimizers.Adam(learning_rate=0.1)", False),  # the limit itself passes
        ("keras.optimizers.Adam(0.2)", True),  # positional rate
        ("keras.optimizers.Adam(lr=1.0)", True),  # Keras 2 spelling
        ("keras.optimizers.legacy.Adam(learning_rate=1.0)", True),
        ("keras.optimizers.RMSprop(learning_rate=0.5)", True),
        ("keras.optimizers.SGD(learning_rate=1.0)", False),
        ("keras.optimizers.SGD(learning_rate=2.0)", True),
        ("keras.optimizers.Adadelta(learning_rate=1.0)", False),  # Keras 2's default
        ("keras.optimizers.Lion(learning_rate=0.05)", True),
        ("tf.compat.v1.train.AdamOptimizer(1.0)", True),  # TF1, as in the second report
        ("tf.train.GradientDescentOptimizer(0.5)", False),
    ],
)
def test_limits_per_optimizer(call, fires):
    source = f"import tensorflow as tf\nimport keras\nopt = {call}\n"
    assert lines_for(CODE, source) == ([3] if fires else [])


@pytest.mark.parametrize("rate", ["0", "0.0", "-1e-3"])
def test_non_positive_rates_fire(rate):
    (finding,) = findings_for(CODE, f"import keras\nopt = keras.optimizers.SGD({rate})\n")
    assert "not positive" in finding.message


def test_the_finding_points_at_the_rate_and_names_the_default():
    source = "import keras\nopt = keras.optimizers.Adam(learning_rate=1.0, beta_1=0.9)\n"
    (finding,) = findings_for(CODE, source)
    start = source.splitlines()[1].index("1.0") + 1
    assert (finding.span.line, finding.span.column, finding.span.end_column) == (
        2,
        start,
        start + 3,
    )
    assert "1,000x its default (0.001)" in finding.message


def test_a_rate_bound_to_a_name_is_followed():
    source = "import keras\nLR = 1.0\nmodel_opt = keras.optimizers.Adam(learning_rate=LR)\n"
    assert lines_for(CODE, source) == [3]


@pytest.mark.parametrize(
    "source",
    [
        "import keras\ndef make(lr):\n    return keras.optimizers.Adam(learning_rate=lr)\n",
        "import keras\nopt = keras.optimizers.Adam(keras.optimizers.schedules.ExponentialDecay("
        "1.0, 100, 0.9))\n",
        "import keras\nmodel.compile(optimizer='adam')\n",
        "class Adam:\n    pass\nimport keras\nopt = Adam(learning_rate=5.0)\n",
        "import keras\nopt = keras.optimizers.Adam(learning_rate=float(args.lr))\n",
    ],
)
def test_silent_without_a_literal_rate(source):
    assert findings_for(CODE, source) == []


def test_limits_are_configurable():
    source = "import keras\nopt = keras.optimizers.SGD(learning_rate=3.2)\n"
    assert [f.code for f in lint_source(source)] == [CODE]
    relaxed = Config(settings={CODE: {"sgd": 4.0}})
    assert lint_source(source, config=relaxed) == []
