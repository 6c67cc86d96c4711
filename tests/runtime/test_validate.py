"""Bad input gets a ValueError/TypeError naming the problem, never a TensorFlow traceback."""

from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime.check import check_step, check_training
from pytest_lrcheck.runtime.lr_range import lr_range

pytestmark = pytest.mark.tensorflow


@pytest.fixture(scope="module")
def model(mlp):
    return mlp()


@pytest.fixture(scope="module")
def data(scaled_digits):
    x, y = scaled_digits
    return x[:256], y[:256]


def _raises(error, match, model, x, y, **kw):
    with pytest.raises(error, match=match) as raised:
        check_training(model, x, y, steps=20, **kw)
    # one line of our own, not a TensorFlow error chained underneath
    assert "\n" not in str(raised.value) and raised.value.__cause__ is None
    return raised.value


def test_nan_in_x_names_count_and_first_index(model, data):
    x, y = data[0].copy(), data[1]
    x[7, 2, 3] = np.nan
    x[9, 0, 0] = np.nan
    error = _raises(
        ValueError, r"x contains 2 NaN value\(s\), first at index \(7, 2, 3\)", model, x, y
    )
    assert "clean or impute" in str(error)


def test_inf_in_y(model, data):
    y = data[1].copy()
    y[3, 1] = np.inf
    _raises(ValueError, r"y contains 1 Inf value\(s\)", model, data[0], y)


def test_empty_arrays(model, data):
    _raises(ValueError, r"x is empty \(shape \(0, 8, 8\)\)", model, data[0][:0], data[1][:0])


def test_x_and_y_of_different_lengths(model, data):
    _raises(ValueError, "x has 256, y has 100 rows", model, data[0], data[1][:100])


def test_missing_y(model, data):
    _raises(ValueError, "y is missing", model, data[0], None)


def test_uncompiled_model(keras, data):
    fresh = keras.Sequential([keras.Input((8, 8)), keras.layers.Flatten(), keras.layers.Dense(10)])
    _raises(ValueError, "is not compiled: call model.compile", fresh, *data)


@pytest.mark.parametrize("thing", [object(), "model", None])
def test_not_a_keras_model(thing, data):
    _raises(TypeError, "model must be a keras.Model", thing, *data)


def test_non_numeric_data(model, data):
    _raises(
        TypeError,
        "x must hold numbers, got dtype <U",
        model,
        np.array([["a"] * 64] * 4),
        data[1][:4],
    )


def test_integer_labels_under_categorical_crossentropy(model, data, digits):
    error = _raises(
        ValueError,
        r"expects one-hot labels of shape \(n, 10\)",
        model,
        data[0],
        digits.target[:256],
    )
    assert "to_categorical" in str(error)


def test_sparse_labels_beyond_the_output_units(mlp, data, digits):
    sparse = mlp(classes=5, loss="sparse_categorical_crossentropy")
    _raises(
        ValueError,
        r"class ids 0\.\.9 but the model outputs 5 classes",
        sparse,
        data[0],
        digits.target[:256],
    )


def test_binary_labels_outside_zero_one(mlp, data):
    binary = mlp(classes=1, output="sigmoid", loss="binary_crossentropy")
    _raises(
        ValueError,
        r"binary_crossentropy expects labels in \[0, 1\]",
        binary,
        data[0],
        np.arange(256, dtype="float32"),
    )


@pytest.mark.parametrize("loss", ["mse", "binary_crossentropy", "huber"])
def test_targets_with_other_columns_than_the_output_units(mlp, data, loss):
    # An elementwise loss would broadcast (n, 1) predictions against (n, 10) targets.
    one_unit = mlp(classes=1, output="sigmoid", loss=loss)
    targets = np.random.default_rng(0).uniform(size=(256, 10)).astype("float32")
    error = _raises(
        ValueError, "y has 10 columns but the model's output has 1 unit", one_unit, data[0], targets
    )
    assert "broadcast" in str(error)
    # The same data with matching columns trains.
    ten = mlp(classes=10, output="sigmoid", loss=loss)
    check_training(ten, data[0], targets, steps=12)


def test_input_shape_that_does_not_fit_the_model(model, data):
    error = _raises(
        ValueError, "cannot train on the first batch", model, np.zeros((256, 5), "float32"), data[1]
    )
    assert "shape (32, 5)" in str(error)


@pytest.mark.parametrize(
    ("option", "value", "match"),
    [
        ("steps", 0, "steps must be a positive integer, got 0"),
        ("steps", 2.5, "steps must be a positive integer"),
        ("batch_size", -1, "batch_size must be a positive integer"),
        ("seed", -3, "seed must be a non-negative integer"),
        ("max_seconds", 0, "max_seconds must be a positive number"),
        ("max_seconds", float("nan"), "max_seconds must be a positive number"),
    ],
)
def test_bad_options(model, data, option, value, match):
    kwargs = {"steps": 20, option: value}
    with pytest.raises(ValueError, match=match):
        check_training(model, *data, **kwargs)


def test_dataset_with_separate_y(model, data):
    import tensorflow as tf

    dataset = tf.data.Dataset.from_tensor_slices(data).batch(32)
    _raises(ValueError, "y must be None when x is a tf.data.Dataset", model, dataset, data[1])


def test_bad_validation_data(model, data):
    _raises(ValueError, "validation_data must be an", model, *data, validation_data=data[0])


def test_check_step_rejects_non_numbers_and_bad_class_counts():
    with pytest.raises(TypeError, match="step must be a callable"):
        check_step(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"step 0 returned dict"):
        check_step(lambda: {"loss": 1.0}, steps=5)
    # A step that forgot its ``return`` is not a NaN loss.
    with pytest.raises(TypeError, match=r"step 0 returned NoneType"):
        check_step(lambda: None, steps=5)
    with pytest.raises(TypeError, match=r"step 0 returned str"):
        check_step(lambda: "nan", steps=5)
    with pytest.raises(ValueError, match="n_classes must be an integer of at least 2"):
        check_step(lambda: 1.0, n_classes=1)


def test_lr_range_rejects_a_bad_range(model, data):
    with pytest.raises(ValueError, match=r"min_lr \(1.0\) must be below max_lr \(0.1\)"):
        lr_range(model, *data, min_lr=1.0, max_lr=0.1)
    with pytest.raises(ValueError, match="min_lr must be a positive number"):
        lr_range(model, *data, min_lr=0)


def test_bad_validation_data_is_named_as_validation_data(model, data):
    x, y = data
    x_val = x[:50].copy()
    x_val[4, 1, 1] = np.nan
    _raises(
        ValueError,
        r"validation x contains 1 NaN value\(s\), first at index \(4, 1, 1\)",
        model,
        x,
        y,
        validation_data=(x_val, y[:50]),
    )
    _raises(
        ValueError,
        "validation x and validation y must have one row per sample each, but validation x "
        "has 50, validation y has 40 rows",
        model,
        x,
        y,
        validation_data=(x[:50], y[:40]),
    )


def test_inf_in_one_input_of_a_multi_input_model_names_that_input(keras):
    keras.utils.set_random_seed(0)
    a, b = keras.Input((4,), name="a"), keras.Input((3,), name="b")
    merged = keras.layers.Concatenate()([a, b])
    model = keras.Model({"a": a, "b": b}, keras.layers.Dense(1)(merged))
    model.compile(optimizer="adam", loss="mse")
    xb = np.zeros((64, 3), "float32")
    xb[10, 2] = -np.inf
    x = {"a": np.zeros((64, 4), "float32"), "b": xb}
    _raises(ValueError, r"x\['b'\] contains 1 Inf value\(s\)", model, x, np.zeros((64, 1)))


def test_a_scalar_is_not_a_data_set(model, data):
    _raises(ValueError, "x is a scalar; pass one row per sample", model, np.float32(3.0), data[1])


@pytest.mark.parametrize("entry", ["lr_range", "assess_learning_rate"])
def test_the_range_test_rejects_bad_input_the_same_way(entry, keras, model, data):
    from pytest_lrcheck.runtime import lr_range as module

    run = getattr(module, entry)
    x, y = data
    bad_x = x.copy()
    bad_x[0, 0, 0] = np.nan
    uncompiled = keras.Sequential([keras.Input((8, 8)), keras.layers.Flatten()])
    cases = [
        (TypeError, "model must be a keras.Model", (object(), x, y)),
        (ValueError, "is not compiled: call model.compile", (uncompiled, x, y)),
        (ValueError, r"x contains 1 NaN value\(s\)", (model, bad_x, y)),
        (ValueError, "x has 256, y has 10 rows", (model, x, y[:10])),
        (ValueError, r"x is empty \(shape \(0, 8, 8\)\)", (model, x[:0], y[:0])),
    ]
    for error, match, args in cases:
        with pytest.raises(error, match=match) as raised:
            run(*args, steps=10)
        assert "\n" not in str(raised.value) and raised.value.__cause__ is None
