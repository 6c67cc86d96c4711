"""A check leaves no trace: the user's model, its optimizer and the process's global state.

The check trains the model itself and then puts back every variable of the model, its
optimizer (iterations, moments, loss scale) and its metrics, bit for bit, whatever the check
does (diagnostic reruns, range tests) and whatever the model is (its own ``train_step``, a
learning-rate schedule, a model ``clone_model`` cannot copy).  Random generators, the dtype
policy, floatx, the op determinism flag and Keras' automatic layer names are as before.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from pytest_lrcheck.runtime.check import check_training
from pytest_lrcheck.runtime.lr_range import assess_learning_rate

pytestmark = pytest.mark.tensorflow


def variables_of(model):
    """Every variable training touches, by identity: the model's, its optimizer's (iterations,
    moments, the learning rate) and its metrics' (running totals)."""
    return [*model.variables, *model.optimizer.variables, *model.metrics_variables]


def state_of(model):
    return [(v, np.array(v.numpy())) for v in variables_of(model)]


def assert_unchanged(model, before):
    now = {id(v) for v in variables_of(model)}
    for variable, value in before:
        assert id(variable) in now, variable.path
        np.testing.assert_array_equal(value, variable.numpy(), err_msg=variable.path)


def trained(model, data, steps=20):
    """The model after a few real steps: its optimizer has moments and an iteration count."""
    x, y = data
    model.fit(x[: steps * 32], y[: steps * 32], batch_size=32, epochs=1, verbose=0)
    assert int(model.optimizer.iterations.numpy()) == steps
    return model


def test_an_unhealthy_run_and_its_diagnostic_reruns_leave_the_model_alone(mlp, raw_digits):
    model = trained(mlp(), raw_digits)
    before = state_of(model)
    report = check_training(model, *raw_digits, steps=60)
    assert not report.healthy and "LRC511" in report.codes  # the reruns did run
    assert_unchanged(model, before)


def test_a_model_with_its_own_train_step_is_left_alone(keras, scaled_digits):
    class Custom(keras.Model):
        def train_step(self, data):
            return super().train_step(data)

    keras.utils.set_random_seed(0)
    inputs = keras.Input((8, 8))
    hidden = keras.layers.Dense(16, activation="relu")(keras.layers.Flatten()(inputs))
    model = Custom(inputs, keras.layers.Dense(10, activation="softmax")(hidden))
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    trained(model, scaled_digits)
    before = state_of(model)
    report = check_training(model, *scaled_digits, steps=40)
    assert report.steps_run == 40
    assert_unchanged(model, before)


def test_a_model_compiled_with_a_schedule_keeps_its_optimizer_state(keras, mlp, scaled_digits):
    schedule = keras.optimizers.schedules.ExponentialDecay(1e-2, decay_steps=10, decay_rate=0.5)
    model = trained(mlp(optimizer=keras.optimizers.Adam(schedule)), scaled_digits)
    before = state_of(model)
    check_training(model, *scaled_digits, steps=40)
    assessment = assess_learning_rate(model, *scaled_digits, steps=30)
    assert assessment.result is not None and assessment.result.lrs
    assert_unchanged(model, before)
    assert model.optimizer.learning_rate.numpy() == pytest.approx(1e-2 * 0.5**2)


def test_a_model_clone_model_cannot_copy_is_checked_and_left_alone(opaque_model, scaled_digits):
    model = opaque_model
    trained(model, scaled_digits)
    before = state_of(model)
    random.seed(5)
    expected = random.random()
    random.seed(5)
    report = check_training(model, *scaled_digits, steps=30)
    assert report.steps_run == 30
    assert random.random() == expected
    assert_unchanged(model, before)


def test_a_failing_check_leaves_the_model_and_random_state_alone(mlp, scaled_digits):
    model = trained(mlp(), scaled_digits)
    before = state_of(model)
    random.seed(5)
    expected = random.random()
    random.seed(5)
    x, y = scaled_digits
    with pytest.raises(ValueError, match="cannot train on the first batch"):
        check_training(model, x.reshape(len(x), -1)[:, :40], y, steps=10)
    assert random.random() == expected  # restored on the way out of the error too
    assert_unchanged(model, before)


def test_every_random_generator_continues_as_if_no_check_ran(keras, mlp, scaled_digits):
    import tensorflow as tf

    model = mlp()

    def draws():
        return (
            random.random(),
            float(np.random.rand()),
            float(tf.random.uniform(())),
            float(keras.random.uniform(())),
            float(tf.random.get_global_generator().uniform(())),
        )

    def seed_all():
        keras.utils.set_random_seed(21)
        tf.random.get_global_generator().reset_from_seed(22)
        draws()  # the generators have moved on from their seeds

    seed_all()
    expected = draws()
    seed_all()
    check_training(model, *scaled_digits, steps=20, seed=9)
    assert draws() == expected


@pytest.mark.parametrize("enabled", [False, True])
def test_the_op_determinism_flag_is_left_as_it_was(mlp, scaled_digits, enabled):
    from tensorflow.python.framework import config

    model = mlp()
    was = config.is_op_determinism_enabled()
    try:
        if enabled:
            config.enable_op_determinism()
        else:
            config.disable_op_determinism()
        check_training(model, *scaled_digits, steps=20)
        assert config.is_op_determinism_enabled() is enabled
    finally:
        (config.enable_op_determinism if was else config.disable_op_determinism)()


def test_the_dtype_policy_and_floatx_the_user_set_stay(keras, scaled_digits):
    x, y = scaled_digits
    keras.config.set_floatx("float64")
    keras.config.set_dtype_policy("float64")
    try:
        keras.utils.set_random_seed(0)
        model = keras.Sequential(
            [
                keras.Input((8, 8)),
                keras.layers.Flatten(),
                keras.layers.Dense(10, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        policy = keras.config.dtype_policy()
        report = check_training(model, x.astype("float64"), y, steps=50)
        assert report.healthy, report.explain()
        assert keras.config.floatx() == "float64"
        assert keras.config.dtype_policy() is policy
    finally:
        keras.config.set_floatx("float32")
        keras.config.set_dtype_policy("float32")


def test_a_mixed_precision_model_is_checked_under_its_policy(keras, scaled_digits):
    keras.config.set_dtype_policy("mixed_float16")
    try:
        keras.utils.set_random_seed(0)
        model = keras.Sequential(
            [
                keras.Input((8, 8)),
                keras.layers.Flatten(),
                keras.layers.Dense(32, activation="relu"),
                keras.layers.Dense(10, activation="softmax", dtype="float32"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        trained(model, scaled_digits)  # loss scale, moments and iterations under way
        before = state_of(model)
        report = check_training(model, *scaled_digits, steps=60)
        assert report.healthy, report.explain()
        assert keras.config.dtype_policy().name == "mixed_float16"
        assert_unchanged(model, before)
    finally:
        keras.config.set_dtype_policy("float32")


def test_layers_built_after_a_check_get_the_names_they_would_have_had(keras, mlp, raw_digits):
    from keras.src.backend.common import global_state

    model = mlp()

    def names():
        dense = keras.layers.Dense(3)
        inputs = keras.Input((2,))
        return dense.name, keras.Model(inputs, dense(inputs)).name

    counters = global_state.get_global_attribute("object_name_uids")
    saved = dict(counters)
    expected = names()  # the names the next layers get without a check
    counters.clear()
    counters.update(saved)
    check_training(model, *raw_digits, steps=30)  # unhealthy: its probes build models
    assert names() == expected
