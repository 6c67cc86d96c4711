"""Held-out scoring: the constant guess scores 1, a perfect model near 0, outputs pair up."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tests.zoo.case import HeldOut
from tests.zoo.scoring import held_out_ratios, loss_and_baseline, worst_ratio

LABELS = np.array([0, 1, 2, 2, 2, 1])
SHARES = np.bincount(LABELS) / len(LABELS)


def test_the_class_shares_score_exactly_the_baseline() -> None:
    loss, baseline = loss_and_baseline("classes", LABELS, np.tile(SHARES, (6, 1)))
    assert loss == pytest.approx(baseline)
    assert baseline == pytest.approx(-(SHARES * np.log(SHARES)).sum())


def test_a_confident_right_model_scores_near_zero_and_a_wrong_one_far_above() -> None:
    right = np.eye(3)[LABELS] * 0.998 + 0.001
    wrong = np.eye(3)[(LABELS + 1) % 3] * 0.998 + 0.001
    assert loss_and_baseline("classes", LABELS, right)[0] < 0.01
    assert loss_and_baseline("classes", LABELS, wrong)[0] > 5


def test_one_hot_labels_and_logits_read_like_sparse_labels_and_probabilities() -> None:
    probs = np.array([[0.7, 0.2, 0.1]] * 6)
    sparse = loss_and_baseline("classes", LABELS, probs)
    assert loss_and_baseline("classes", np.eye(3)[LABELS], probs) == pytest.approx(sparse)
    assert loss_and_baseline("logits", LABELS, np.log(probs) + 3.0) == pytest.approx(sparse)


def test_binary_and_regression_baselines() -> None:
    y = np.array([1.0, 0.0, 0.0, 0.0])
    loss, baseline = loss_and_baseline("binary", y, np.full((4, 1), 0.25))
    assert loss == pytest.approx(baseline)
    target = np.array([[1.0], [2.0], [3.0], [6.0]])
    assert loss_and_baseline("regression", target, target)[0] == 0.0
    assert loss_and_baseline("regression", target, target)[1] == pytest.approx(3.5)
    assert loss_and_baseline("regression", target, np.full((4, 1), 3.0))[0] == pytest.approx(3.5)


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown output kind 'ranking'"):
        loss_and_baseline("ranking", LABELS, np.zeros((6, 3)))


class _Fixed:
    """Stands in for a model: predict returns what it was given."""

    def __init__(self, prediction: Any) -> None:
        self.prediction = prediction

    def predict(self, x: Any, **options: Any) -> Any:
        return self.prediction


def test_outputs_pair_up_by_name_or_by_position() -> None:
    good, constant = np.eye(3)[LABELS] * 0.97 + 0.01, np.tile(SHARES, (6, 1))
    y = {"digit": LABELS, "big": (LABELS > 1).astype(float)}
    kinds = {"digit": "classes", "big": "binary"}
    big = np.full((6, 1), 0.5)
    by_name = held_out_ratios(_Fixed({"big": big, "digit": good}), HeldOut(None, y, kinds))
    by_position = held_out_ratios(_Fixed([good, big]), HeldOut(None, y, kinds))
    assert by_name == by_position
    assert by_name["digit"][0] < 0.1
    as_list = held_out_ratios(
        _Fixed([constant, big]), HeldOut(None, [LABELS, y["big"]], ["classes", "binary"])
    )
    assert worst_ratio(as_list) == pytest.approx(1.0)


def test_a_non_finite_prediction_counts_as_an_infinite_loss() -> None:
    scores = held_out_ratios(_Fixed(np.full((6, 3), np.nan)), HeldOut(None, LABELS, "classes"))
    assert worst_ratio(scores) == float("inf")
