"""LRC517 and LRC518: warnings read from the labels alone."""

from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime.detectors.labels import class_ids, class_sorted, single_valued

SPARSE = "sparse_categorical_crossentropy"
ONE_HOT = "categorical_crossentropy"
BINARY = "binary_crossentropy"


def _batches(y: np.ndarray, size: int = 32) -> list[np.ndarray]:
    return [y[i : i + size] for i in range(0, len(y), size)]


@pytest.mark.parametrize(
    ("y", "loss", "expected"),
    [
        (np.array([2, 0, 1]), SPARSE, [2, 0, 1]),
        (np.eye(3)[[2, 0, 1]], ONE_HOT, [2, 0, 1]),
        (np.array([[0.9], [0.1], [1.0]]), BINARY, [1, 0, 1]),
        (np.array([1.5, 2.5]), "mean_squared_error", None),
    ],
)
def test_class_ids_read_every_label_encoding(y, loss, expected):
    found = class_ids(y, loss)
    assert (found is None and expected is None) or list(found) == expected


@pytest.mark.parametrize(
    ("y", "loss"),
    [
        (np.zeros(200, dtype="int64"), SPARSE),
        (np.tile(np.eye(10)[3], (200, 1)), ONE_HOT),
        (np.ones((200, 1)), BINARY),
    ],
)
def test_labels_of_one_class_warn_naming_the_class(y, loss):
    symptom = single_valued(y, loss)
    assert symptom is not None and symptom.code == "LRC517"
    label = int(class_ids(y, loss)[0])
    assert f"is class {label}" in symptom.message
    assert symptom.evidence["rows"] == 200


def test_constant_regression_targets_warn_with_their_value():
    symptom = single_valued(np.full((50, 1), 3.0), "mean_squared_error")
    assert symptom is not None and "same value (3)" in symptom.message


@pytest.mark.parametrize(
    ("y", "loss"),
    [
        (np.array([0] * 199 + [1]), SPARSE),  # one sample of another class is enough
        (np.linspace(0, 1, 50), "mean_squared_error"),
        (np.zeros(50), None),  # an unknown loss: nothing to read the labels with
        (np.zeros(1), SPARSE),  # one row says nothing
    ],
)
def test_labels_with_any_variety_or_unknown_meaning_stay_silent(y, loss):
    assert single_valued(y, loss) is None


def test_class_sorted_batches_warn_with_the_evidence():
    y = np.repeat(np.arange(10), 144)
    symptom = class_sorted(_batches(y)[:32], SPARSE, where="the dataset yields first")
    assert symptom is not None and symptom.code == "LRC518"
    assert symptom.evidence["classes"] == 8  # 32 batches of 32 cover classes 0-7
    assert symptom.evidence["single_class_batches"] >= 24
    assert "shuffle" in symptom.message


@pytest.mark.parametrize("share", [0.5, 0.05])
def test_shuffled_batches_stay_silent_even_when_imbalanced(share):
    rng = np.random.default_rng(0)
    for seed in range(20):
        y = (np.random.default_rng(seed).random(1024) < share).astype("int64")
        assert class_sorted(_batches(rng.permutation(y)), SPARSE, where="x") is None


def test_sorted_imbalanced_binary_labels_warn():
    y = np.sort((np.random.default_rng(1).random(1024) < 0.05).astype("int64"))
    assert class_sorted(_batches(y), BINARY, where="x") is not None


@pytest.mark.parametrize(
    "batches",
    [
        _batches(np.zeros(1024, dtype="int64")),  # one class: LRC517's business
        _batches(np.repeat(np.arange(2), 48))[:3],  # too few batches to show an order
    ],
)
def test_one_class_or_too_few_batches_show_no_order(batches):
    assert class_sorted(batches, SPARSE, where="x") is None
