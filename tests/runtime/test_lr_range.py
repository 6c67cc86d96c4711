from __future__ import annotations

import math

import numpy as np
import pytest

from pytest_lrcheck.runtime.lr_range import (
    LRRangeResult,
    assess_learning_rate,
    judge_rate,
    lr_range,
)

pytestmark = pytest.mark.tensorflow


@pytest.fixture(scope="module")
def adam_result(keras, mlp, scaled_digits):
    return lr_range(mlp(optimizer=keras.optimizers.Adam(1e-3)), *scaled_digits)


def test_the_sweep_finds_a_valley_and_stops_after_the_blow_up(adam_result):
    result = adam_result
    assert result.lrs == tuple(sorted(result.lrs)) and result.lrs[0] == pytest.approx(1e-7)
    assert len(result.lrs) == len(result.losses) == len(result.smoothed) <= 20
    assert result.blew_up and result.lrs[-1] < 10.0
    # Adam on this MLP learns fastest at a few 1e-2 and is unstable by 1
    assert 1e-3 <= result.suggested <= 1e-2
    assert result.suggested < result.largest_stable < 1.0
    assert result.learned and result.base_loss == pytest.approx(math.log(10), rel=0.1)
    assert min(result.smoothed) < 0.9 * result.base_loss


def test_the_users_model_is_untouched(keras, mlp, scaled_digits):
    model = mlp(optimizer=keras.optimizers.Adam(1e-3))
    weights = [w.copy() for w in model.get_weights()]
    lr_range(model, *scaled_digits, steps=30)
    for before, after in zip(weights, model.get_weights(), strict=True):
        np.testing.assert_array_equal(before, after)
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-3)


def test_assessment_of_three_rates(keras, mlp, six_digits, scaled_digits):
    good = assess_learning_rate(mlp(optimizer=keras.optimizers.Adam(1e-3)), *scaled_digits)
    assert good.ok, good.message
    high = assess_learning_rate(
        mlp(hidden=(25, 12), classes=6, optimizer=keras.optimizers.Adam(1.0)), *six_digits
    )
    assert not high.ok and high.configured == 1.0
    assert "above the largest stable rate" in high.message
    low = assess_learning_rate(mlp(optimizer=keras.optimizers.SGD(1e-5)), *scaled_digits)
    assert not low.ok and "below the suggested rate" in low.message


def test_judging_a_rate_against_a_result():
    result = LRRangeResult(
        suggested=1e-3,
        largest_stable=0.05,
        lrs=(1e-6, 1.0),
        losses=(2.3, 9.0),
        smoothed=(2.3, 9.0),
        blew_up=True,
        base_loss=2.3,
    )
    assert judge_rate(1e-3, result).ok
    assert judge_rate(0.15, result).ok  # within 3x of the largest stable rate
    assert not judge_rate(0.2, result).ok
    assert not judge_rate(5e-6, result).ok
    assert not judge_rate(None, result).ok
    flat = LRRangeResult(None, 0.05, (1e-6,), (2.3,), (2.3,), False, base_loss=2.3)
    assert "fell at no rate" in judge_rate(1e-3, flat).message


def test_a_schedule_is_swept_with_constant_rates(keras, mlp, scaled_digits):
    schedule = keras.optimizers.schedules.ExponentialDecay(1e-3, 100, 0.5)
    model = mlp(optimizer=keras.optimizers.Adam(schedule))
    result = lr_range(model, *scaled_digits, steps=40)
    ratios = np.diff(np.log(result.lrs))
    assert 3 <= len(result.lrs) <= 8 and np.allclose(ratios, ratios[0])
    assert result.largest_stable is not None
    assert isinstance(model.optimizer._learning_rate, keras.optimizers.schedules.ExponentialDecay)
