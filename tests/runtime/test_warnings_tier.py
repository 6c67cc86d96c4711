"""The warnings tier: what a healthy run still says, from `check_training` and the fit watch."""

from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime.detectors.data import input_scale
from pytest_lrcheck.runtime.detectors.mismatch import config_mismatch
from pytest_lrcheck.runtime.warnings_tier import fit_order, warnings_for
from tests.runtime.fake_session import facts

CCE = "categorical_crossentropy"
SPARSE = "sparse_categorical_crossentropy"


def _warn(model_facts, x, y, ordered=None):
    return warnings_for(
        model_facts,
        pairing=config_mismatch(model_facts, y),
        scale=input_scale(x),
        y=y,
        ordered=ordered,
        order_source="x",
    )


def test_sigmoid_under_categorical_crossentropy_warns_as_the_static_rule_says():
    model = facts(output_activation="sigmoid", output_units=10, loss=CCE)
    x, y = np.random.default_rng(0).random((100, 4)), np.eye(10)[np.arange(100) % 10]
    found = _warn(model, x, y)
    assert [s.code for s in found] == ["LRC516"]
    assert "softmax" in found[0].message


def test_unscaled_inputs_and_one_class_labels_warn_together_most_important_first():
    model = facts(output_activation="softmax", output_units=10, loss=SPARSE)
    x = np.random.default_rng(0).integers(0, 256, (100, 4)).astype("float32")
    found = _warn(model, x, np.zeros(100, dtype="int64"))
    assert [s.code for s in found] == ["LRC517", "LRC511"]


def test_a_sound_model_on_scaled_varied_data_gets_no_warning():
    model = facts(output_activation="softmax", output_units=10, loss=SPARSE)
    x = np.random.default_rng(0).random((100, 4))
    assert _warn(model, x, np.arange(100) % 10) == ()


def test_ordered_batches_are_judged_instead_of_the_first_batch_alone():
    model = facts(output_activation="softmax", output_units=10, loss=SPARSE)
    y = np.repeat(np.arange(10), 100)
    ordered = [y[i : i + 32] for i in range(0, 1024 - 32, 32)]
    # The first batch alone is one class; the batches read in order show sorting, not that.
    assert [s.code for s in _warn(model, None, y[:32], ordered)] == ["LRC518"]


def test_fit_order_reads_an_unshuffled_fit_only():
    y = np.arange(100)
    assert fit_order(None, y, 10, True) is None
    assert fit_order(None, y, None, "batch") is None
    batches = fit_order(None, y, 10, False)
    assert batches is not None and len(batches) == 10 and list(batches[1]) == list(range(10, 20))
    assert fit_order(None, [1, 2], 10, False) is None  # not an array: left alone


@pytest.mark.tensorflow
def test_fit_order_reads_a_dataset_in_the_order_it_yields():
    tf = pytest.importorskip("tensorflow")
    y = np.repeat(np.arange(4), 64)
    dataset = tf.data.Dataset.from_tensor_slices((np.zeros((256, 2)), y)).batch(16)
    batches = fit_order(dataset, None, None, True)
    assert batches is not None and len(batches) == 16
    assert [int(b[0]) for b in batches[:5]] == [0, 0, 0, 0, 1]


def _digits(sorted_labels: bool = False):
    from sklearn.datasets import load_digits

    digits = load_digits()
    x, y = (digits.data / 16.0).astype("float32"), digits.target
    if sorted_labels:
        order = np.argsort(y, kind="stable")
        x, y = x[order], y[order]
    return x, y


def _classifier(keras, activation: str, loss: str):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10, activation=activation),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=loss)
    return model


@pytest.mark.tensorflow
@pytest.mark.parametrize(("activation", "warned"), [("sigmoid", ("LRC516",)), ("softmax", ())])
def test_check_training_warns_about_the_half_fix_only(activation, warned):
    keras = pytest.importorskip("keras")
    from pytest_lrcheck import check_training

    x, y = _digits()
    report = check_training(
        _classifier(keras, activation, CCE), x, keras.utils.to_categorical(y), steps=60
    )
    assert report.healthy, report.explain()
    assert report.warning_codes == warned


@pytest.mark.tensorflow
@pytest.mark.parametrize(("shuffle", "warned"), [(False, ("LRC518",)), (True, ())])
def test_the_watcher_warns_about_a_fit_that_trains_on_sorted_classes(shuffle, warned):
    keras = pytest.importorskip("keras")
    from pytest_lrcheck import LossWatcher

    x, y = _digits(sorted_labels=True)
    model = _classifier(keras, "softmax", SPARSE)
    watcher = LossWatcher()
    watcher.observe_fit(x, y, batch_size=32, shuffle=shuffle)
    model.fit(x, y, batch_size=32, epochs=2, shuffle=shuffle, callbacks=[watcher], verbose=0)
    report = watcher.report()
    # Sorted batches may fail the run outright (then they are among its causes) or not.
    said = (*report.codes, *report.warning_codes)
    assert ("LRC518" in said) == bool(warned), report.explain()
