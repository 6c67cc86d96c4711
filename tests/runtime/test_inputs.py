"""The inputs people pass: several outputs, weights, generators and PyDatasets read lazily,
and data no check can learn from, each answered with one clear line."""

from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime.check import check_training
from pytest_lrcheck.runtime.first_batch import reason_of

pytestmark = pytest.mark.tensorflow


@pytest.fixture
def flat(digits):
    return (digits.data / 16.0).astype("float32"), digits.target


def dense(keras, features=64, units=10, loss="sparse_categorical_crossentropy"):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((features,)),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(units, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss=loss)
    return model


def test_a_list_y_feeds_a_model_with_two_outputs(keras, flat):
    x, y = flat
    inputs = keras.Input((64,))
    hidden = keras.layers.Dense(16, activation="relu")(inputs)
    digit = keras.layers.Dense(10, activation="softmax", name="digit")(hidden)
    big = keras.layers.Dense(1, activation="sigmoid", name="big")(hidden)
    model = keras.Model(inputs, [digit, big])
    model.compile("adam", ["sparse_categorical_crossentropy", "binary_crossentropy"])
    big_y = (y >= 5).astype("float32")
    report = check_training(model, x, [y, big_y], steps=60, validation_data=(x, [y, big_y]))
    assert report.steps_run == 60 and report.val_losses


def test_class_weight_must_cover_every_class(keras, flat):
    with pytest.raises(ValueError, match=r"no weight for class\(es\) \[2, 3"):
        check_training(dense(keras), *flat, steps=10, class_weight={0: 1.0, 1: 2.0})


def test_sample_weight_and_weighted_validation_data_are_taken(keras, flat):
    x, y = flat
    weights = np.where(y == 0, 2.0, 1.0).astype("float32")
    report = check_training(
        dense(keras), x, y, steps=40, sample_weight=weights, validation_data=(x, y, weights)
    )
    assert report.steps_run == 40 and len(report.val_losses) > 0
    with pytest.raises(ValueError, match="sample_weight must have one row per sample"):
        check_training(dense(keras), x, y, steps=10, sample_weight=weights[:10])


def test_a_py_dataset_is_read_only_as_far_as_the_check_trains(keras, flat):
    x, y = flat
    reads = []

    class Batches(keras.utils.PyDataset):
        def __len__(self):
            return 50

        def __getitem__(self, index):
            reads.append(index)
            rows = slice(index * 32 % 1760, index * 32 % 1760 + 32)
            return x[rows], y[rows]

    report = check_training(dense(keras), Batches(), steps=20)
    assert report.steps_run == 20
    # The batches trained on (read again for the order of their labels), and one that probes.
    assert max(reads) <= 20


def test_a_generator_shorter_than_the_check_is_replayed(keras, flat):
    x, y = flat
    batches = ((x[i : i + 32], y[i : i + 32]) for i in (0, 32))
    report = check_training(dense(keras), batches, steps=8)
    assert report.steps_run == 8
    assert report.losses[0] > report.losses[-1]


def test_a_single_sample_is_refused(keras, flat):
    with pytest.raises(ValueError, match="the data has 1 sample"):
        check_training(dense(keras), flat[0][:1], np.zeros(1, dtype="int64"), steps=10)


def test_labels_of_one_class_are_judged_and_named(keras, flat):
    report = check_training(dense(keras), flat[0], np.zeros(1797, dtype="int64"), steps=20)
    codes = [s.code for s in (*report.symptoms, *report.warnings)]
    assert "LRC517" in codes


def test_strings_for_a_model_without_a_string_input_are_refused(keras, flat):
    with pytest.raises(TypeError, match="x must hold numbers"):
        check_training(dense(keras), np.array([["a"] * 64] * 4), flat[1][:4], steps=10)


def test_the_first_batch_error_keeps_keras_reason(keras, flat):
    with pytest.raises(ValueError) as raised:
        check_training(dense(keras, features=32), *flat, steps=10)
    text = str(raised.value)
    assert "expected axis -1 of input shape to have value 32" in text
    assert "\n" not in text and 'File "' not in text


def test_reason_of_drops_frames_and_colour_but_keeps_the_message():
    error = ValueError(
        'in user code:\n\n    File "/x/loop.py", line 92, in step  *\n        y = model(x)\n'
        "\x1b[1mValueError: Input 0 of layer is incompatible\x1b[0m\n\n"
        "Arguments received by Dense.call():\n  • inputs=tf.Tensor(shape=(32, 64))"
    )
    assert reason_of(error) == "ValueError: Input 0 of layer is incompatible"
    assert reason_of(ValueError("")) == "ValueError"
    assert reason_of(ValueError("x" * 2000)).endswith("...")
