"""``max_seconds`` holds: slow steps are cut off with a clear "budget exceeded" result.

The slow models sleep inside a ``tf.py_function``: a step that waits rather than computes
takes the same time on a loaded machine, so the bounds below have seconds of slack.
"""

from __future__ import annotations

import random
import threading
import time

import numpy as np
import pytest

from pytest_lrcheck.runtime.budget import Budget, BudgetSpent
from pytest_lrcheck.runtime.check import check_step, check_training
from pytest_lrcheck.runtime.lr_range import assess_learning_rate, lr_range

pytestmark = pytest.mark.tensorflow


def slow_model(keras, seconds: float):
    """A one-layer classifier whose every forward pass sleeps ``seconds``."""
    import tensorflow as tf

    class Sleep(keras.layers.Layer):
        def call(self, inputs):
            tf.py_function(lambda: time.sleep(seconds), [], [])
            return inputs

    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((8, 8)),
            Sleep(),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    return model


def wait_for_abandoned_workers(timeout: float = 30.0) -> None:
    for thread in threading.enumerate():
        if thread.name == "lrcheck-training":
            thread.join(timeout)


def test_the_slowest_recent_step_predicts_the_next_one():
    budget = Budget(time.perf_counter() + 10, abandonable=False)
    assert budget.step_cost() == 0.0
    budget.record_step(2.0)  # the first step traces: the only guess until a second one ran
    assert budget.step_cost() == 2.0
    for seconds in (0.1, 0.3, 0.2):
        budget.record_step(seconds)
    assert budget.step_cost() == 0.3
    assert budget.allows(5.0) and not budget.allows(11.0)


def test_work_that_outlives_the_deadline_is_abandoned_not_waited_for(keras):
    # ``keras``: the worker reads TensorFlow's device scope; its first import is not timed here.
    budget = Budget(time.perf_counter() + 0.2, abandonable=True)
    release = threading.Event()
    began = time.perf_counter()
    with pytest.raises(BudgetSpent):
        budget.run(lambda: release.wait(30))
    assert time.perf_counter() - began < 5
    assert budget.abandoned and not budget.allows(0.0)
    release.set()
    with pytest.raises(BudgetSpent):
        budget.run(lambda: None)  # nothing runs once the budget is spent


def test_the_workers_result_and_errors_reach_the_caller():
    budget = Budget(time.perf_counter() + 30, abandonable=True)
    assert budget.run(lambda: threading.current_thread().name) == "lrcheck-training"

    def fails():
        raise ValueError("bad input named here")

    with pytest.raises(ValueError, match="bad input named here"):
        budget.run(fails)
    inline = Budget(time.perf_counter() + 30, abandonable=False)
    assert inline.run(lambda: threading.current_thread().name) == threading.current_thread().name


def test_the_worker_sees_the_callers_keras_settings(keras):
    keras.config.set_dtype_policy("mixed_float16")
    try:
        budget = Budget(time.perf_counter() + 30, abandonable=True)
        assert budget.run(lambda: keras.config.dtype_policy().name) == "mixed_float16"
    finally:
        keras.config.set_dtype_policy("float32")


def test_a_step_slower_than_the_whole_budget_is_waited_for_and_undone(keras, scaled_digits):
    model = slow_model(keras, 2.0)
    weights = [w.copy() for w in model.get_weights()]
    random.seed(3)
    expected = random.random()
    random.seed(3)
    began = time.perf_counter()
    report = check_training(model, *scaled_digits, steps=100, max_seconds=0.5)
    # The user's own model trains: the one step that started ran to its end, then was undone.
    assert time.perf_counter() - began >= 2.0
    assert report.steps_run == 1 and report.budget_exceeded and report.inconclusive
    assert report.headline().startswith("time budget exceeded after 1 of 100 steps")
    with pytest.raises(AssertionError, match="time budget exceeded"):
        report.assert_healthy()
    assert random.random() == expected
    for before, after in zip(weights, model.get_weights(), strict=True):
        np.testing.assert_array_equal(before, after)


def test_steady_slow_steps_end_the_check_before_the_deadline(keras, scaled_digits):
    model = slow_model(keras, 0.25)
    report = check_training(model, *scaled_digits, steps=100, max_seconds=3.0)
    # No step starts that the ones before say would end late, and the probes are skipped too:
    # the check stops with fewer steps than fit in 3 s.  How late it may end is one step at
    # most; a loaded machine stretches that step, hence the slack (the prediction itself is
    # tested without a clock above).
    assert report.budget_exceeded and 1 <= report.steps_run < 12
    assert report.seconds <= 3.0 + 1.0


def test_a_range_test_cut_off_by_the_budget_returns_the_rates_it_finished(keras, scaled_digits):
    model = slow_model(keras, 0.05)
    began = time.perf_counter()
    result = lr_range(model, *scaled_digits, steps=100, max_seconds=2.5)
    assert time.perf_counter() - began < 2.5 + 1.5
    assert 0 < len(result.lrs) < 20 and len(result.lrs) == len(result.losses)
    assert result.out_of_time and not result.blew_up  # stopped by the clock, not the loss
    assert result.lrs[-1] < 1e-3
    # The rates that were swept say nothing about Adam's 1e-3, which the clock never reached.
    assessment = assess_learning_rate(model, *scaled_digits, steps=100, max_seconds=2.5)
    assert not assessment.ok
    assert "time budget ran out before the range test reached learning rate 0.001" in (
        assessment.message
    )


def test_a_slow_custom_loop_stops_before_the_step_that_would_end_late():
    calls = []

    def step():
        calls.append(time.perf_counter())
        time.sleep(0.2)
        return 1.0 / len(calls)

    began = time.perf_counter()
    report = check_step(step, steps=100, max_seconds=1.0)
    assert time.perf_counter() - began <= 1.0 + 0.3
    assert report.budget_exceeded and report.steps_run == len(calls) < 6
