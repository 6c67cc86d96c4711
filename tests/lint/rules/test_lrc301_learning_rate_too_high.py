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


# The second report's own program, cut to its shape: the optimizer is built inside a function
# whose default rate is fine, and the call site hands it learning_rate=1.
REPORT2 = """\
import tensorflow as tf

def model(X_train, Y_train, X_test, Y_test, learning_rate=0.0001, num_epochs=1500):
    cost = compute_cost(X_train, Y_train)
    optimizer = tf.train.AdamOptimizer(learning_rate).minimize(cost)
    return optimizer

parameters = model(X_train, Y_train, X_test, Y_test, learning_rate=1)
"""


def test_second_report_rate_handed_to_a_function_is_found_at_the_call_site():
    (finding,) = findings_for(CODE, REPORT2)
    assert finding.span.line == 8
    assert "passed to model() at line 8 and used at line 5" in finding.message


def test_a_function_called_with_several_rates_is_judged_per_call():
    source = """\
    import keras

    def fit_stage(model, rate):
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=rate), loss="mse")

    net = keras.Sequential([keras.layers.Dense(1)])
    fit_stage(net, 1e-3)
    fit_stage(net, 5.0)
    fit_stage(net, 3e-4)
    """
    assert lines_for(CODE, source) == [8]


def test_a_bad_default_is_reported_where_written_only_when_a_call_leaves_it():
    source = """\
    import keras

    def build(lr=0.5):
        return keras.optimizers.Adam(learning_rate=lr)

    opt = build({})
    """
    (finding,) = findings_for(CODE, source.format(""))
    assert finding.span.line == 3
    assert "through the call build() at line 6" in finding.message
    assert lines_for(CODE, source.format("1e-3")) == []
    assert lines_for(CODE, source.format("**options")) == []  # may set lr: unknown


def test_a_function_nobody_calls_keeps_its_parameters_unknown():
    source = """\
    import keras

    def build(lr=0.5):
        return keras.optimizers.Adam(learning_rate=lr)
    """
    assert lines_for(CODE, source) == []


def test_a_rate_written_in_the_function_is_reported_there():
    source = """\
    import keras

    def build():
        return keras.optimizers.Adam(learning_rate=2.0)

    a = build()
    """
    (finding,) = findings_for(CODE, source)
    assert finding.span.line == 4
    assert "line 6" not in finding.message
