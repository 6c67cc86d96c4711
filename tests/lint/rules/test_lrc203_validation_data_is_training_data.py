"""LRC203 validation-data-is-training-data: edge cases beyond the rule's document."""

from __future__ import annotations

import textwrap

import pytest

from tests.lint.rules.conftest import findings_for, lines_for

CODE = "LRC203"

PROGRAM = """
    import numpy as np
    import tensorflow as tf
    from sklearn.model_selection import train_test_split
    from helpers import load, make_dataset
    x = np.random.rand(200, 4)
    y = np.random.randint(0, 2, 200)
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.25)
    model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    {setup}
    model.fit({fit})
"""


def program(fit: str, setup: str = "") -> str:
    return textwrap.dedent(PROGRAM).format(fit=fit, setup=setup)


@pytest.mark.parametrize(
    ("fit", "setup", "expected"),
    [
        ("x_train, y_train, validation_data=(x_train, y_train)", "", True),
        ("x_train, y_train, epochs=3, validation_data=(x_train, y_train, None)", "", True),
        ("x=x_train, y=y_train, validation_data=(x_train, y_train)", "", True),
        ("x_train, y_train, validation_data=held_out", "held_out = (x_train, y_train)", True),
        ("x_train, y_train, validation_split=0.2, validation_data=(x_train, y_train)", "", True),
        # autoencoders: the inputs are the targets
        ("x, x, validation_data=(x, x)", "", True),
        # one dataset object for both
        ("ds, validation_data=ds", "ds = make_dataset()", True),
        ("ds, validation_data=ds", "ds = tf.data.Dataset.from_tensor_slices((x, y))", True),
        # held-out data
        ("x_train, y_train, validation_data=(x_val, y_val)", "", False),
        ("x_train, y_train, validation_split=0.2", "", False),
        ("x_train, y_train, validation_data=(x_val[:10], y_val[:10])", "", False),
        # the same name, reassigned before the call: another array
        (
            "x_train, y_train, validation_data=held_out",
            "held_out = (x_train, y_train)\nx_train = x_train * 2",
            False,
        ),
        # x the same, y not: not the training data as a whole
        ("x_train, y_train, validation_data=(x_train, y_val)", "", False),
        ("ds, validation_data=other", "ds = make_dataset()\nother = make_dataset()", False),
        ("load(), validation_data=load()", "", False),
    ],
)
def test_identical_training_and_validation_data(fit: str, setup: str, expected: bool):
    source = program(fit, setup)
    findings = findings_for(CODE, source)
    fit_line = len(source.splitlines())
    assert [f.span.line for f in findings] == ([fit_line] if expected else [])
    if expected:
        text = source.splitlines()[-1]
        value = "held_out" if "held_out" in fit else text.split("validation_data=")[1][:-1]
        assert findings[0].span.column == text.index(value, text.index("validation_data")) + 1
        assert "is the training data itself" in findings[0].message


@pytest.mark.parametrize(
    ("fit", "expected"),
    [
        ("x, y, validation_data=(x_val, y_val)", True),
        ("x, y, validation_data=(x_val[:20], y_val[:20])", True),
        ("x_train, y_train, validation_data=(x_val, y_val)", False),
        ("x, y_train, validation_data=(x_val, y_val)", False),
        ("x / 2, y, validation_data=(x_val, y_val)", False),
    ],
)
def test_validation_part_of_a_split_of_the_training_data(fit: str, expected: bool):
    source = program(fit)
    findings = findings_for(CODE, source)
    assert [f.span.line for f in findings] == ([len(source.splitlines())] if expected else [])
    if expected:
        assert "was split off x at line 8, but fit() trains on all of x" in findings[0].message


def test_two_splits_on_one_line_are_told_apart():
    source = """
        import numpy as np
        import keras
        from sklearn.model_selection import train_test_split
        x = np.random.rand(100, 3)
        y = np.random.rand(100)
        a, b, c, d = train_test_split(x, y); e, f, g, h = train_test_split(a, c)
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(a, c, validation_data=(f, h))
        model.fit(e, g, validation_data=(f, h))
        model.fit(e, g, validation_data=(b, d))
    """
    # (f, h) was split off (a, c); the others are disjoint parts.
    assert lines_for(CODE, source) == [10]


def test_function_parameters_and_keras2_fit_generator():
    source = """
        from keras.models import Sequential
        from keras.layers import Dense

        def train(model, features, labels):
            model.fit(features, labels, nb_epoch=5, validation_data=(features, labels))

        def train_generator(model, batches):
            model.fit_generator(batches, samples_per_epoch=100, validation_data=batches)

        net = Sequential([Dense(1, input_dim=3, activation="sigmoid")])
        net.compile(loss="binary_crossentropy", optimizer="adam")
        net.fit_generator(stream, validation_data=stream)
    """
    # Parameters of unknown origin are still the same array when read twice in one call; the
    # models in the functions are unknown, so only the module-level call is a model's fact.
    assert lines_for(CODE, source) == [13]


def test_the_same_program_with_a_sliced_hold_out_is_silent():
    # The Keras guides' idiom: cut the validation part off, then train on the rest.
    source = """
        import keras
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        x_val, y_val = x_train[-10000:], y_train[-10000:]
        x_train, y_train = x_train[:-10000], y_train[:-10000]
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, "softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train / 255.0, y_train, validation_data=(x_val / 255.0, y_val))
    """
    assert lines_for(CODE, source) == []


@pytest.mark.parametrize(
    ("fit", "setup", "expected"),
    [
        ("x, y, validation_data=(x[-50:], y[-50:])", "", True),
        ("x, y, validation_data=(x[mask], y[mask])", "mask = y == 1", True),
        ("x, y, validation_data=(x_hold, y_hold)", "x_hold, y_hold = x[:40], y[:40]", True),
        # a subsample cut before both sides were taken: still all training samples
        ("x, y, validation_data=(x[:10], y[:10])", "x, y = x[:100], y[:100]", True),
        # fit() trains on a selection of its own: which samples the two share is not judged
        ("x[:-50], y[:-50], validation_data=(x[-50:], y[-50:])", "", False),
        ("x[:150], y[:150], validation_data=(x[100:], y[100:])", "", False),
        ("x[train], y[train], validation_data=(x[held], y[held])", "train, held = folds()", False),
        # only one side cut from the training data
        ("x, y, validation_data=(x[-50:], load())", "", False),
        # a column, not samples
        ("x, y, validation_data=(x[:, :2], y)", "", False),
        # selected on one path only
        (
            "x, y, validation_data=(x_hold, y_hold)",
            "x_hold, y_hold = x_val, y_val\nif small:\n    x_hold, y_hold = x[:9], y[:9]",
            False,
        ),
        # scaled after the cut: another array than the one trained on
        ("x, y, validation_data=(x[-50:] / 2, y[-50:])", "", False),
    ],
)
def test_validation_samples_selected_from_the_training_arrays(fit: str, setup: str, expected):
    source = program(fit, setup)
    findings = findings_for(CODE, source)
    assert [f.span.line for f in findings] == ([len(source.splitlines())] if expected else [])
    if expected:
        assert "selects samples of x, but fit() trains on all of x" in findings[0].message


@pytest.mark.parametrize(
    ("validation", "fires"),
    [
        ("(X[train_idx], y[train_idx])", True),  # the same selection, written twice
        ("(X[test_idx], y[test_idx])", False),
        ("(X[train_idx], y[test_idx])", False),
        # A call may pick other samples each time it runs.
        ("(X[pick(train_idx)], y[pick(train_idx)])", False),
    ],
)
def test_the_same_selection_written_twice_in_one_fit_is_the_same_data(validation, fires):
    source = (
        "import numpy as np\nimport keras\nfrom sklearn.model_selection import KFold\n"
        "X = np.random.rand(200, 8)\ny = np.random.randint(0, 2, 200)\n"
        "for train_idx, test_idx in KFold(n_splits=5).split(X):\n"
        "    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(1)])\n"
        "    model.compile(optimizer='adam', loss='mse')\n"
        f"    model.fit(X[train_idx], y[train_idx], validation_data={validation})\n"
    )
    assert bool(lines_for(CODE, source)) is fires
