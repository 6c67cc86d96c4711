"""check_training and check_step end to end, on the two reports and on healthy models."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest

from pytest_lrcheck.runtime.check import check_step, check_training

pytestmark = pytest.mark.tensorflow


def report1_model(keras, learning_rate=0.01, output="sigmoid"):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((8, 8)), keras.layers.Flatten(), keras.layers.Dense(10, activation=output)]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate),
        loss="categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def report2_model(mlp, learning_rate, seed=0):
    import keras

    return mlp(
        hidden=(25, 12), classes=6, optimizer=keras.optimizers.Adam(learning_rate), seed=seed
    )


@pytest.fixture(scope="module")
def report1(keras, raw_digits):
    return check_training(report1_model(keras), *raw_digits)


@pytest.fixture(scope="module")
def report2(mlp, six_digits):
    return check_training(report2_model(mlp, 1.0), *six_digits)


def test_report1_sigmoid_on_raw_pixels_is_unhealthy_with_its_causes(report1):
    assert not report1.healthy
    for code in ("LRC511", "LRC516", "LRC506"):
        assert code in report1.codes
    text = report1.explain()
    assert "inputs reach 255" in text and "divide by 255" in text
    assert "sigmoid output under categorical_crossentropy" in text
    assert "scales with the learning rate" in text
    assert report1.learning_rate == 0.01
    assert report1.steps_run + report1.steps_saved == 200  # it may stop at a certain verdict


def test_report1_repaired_is_healthy(keras, scaled_digits):
    report = check_training(report1_model(keras, output="softmax"), *scaled_digits)
    assert report.healthy, report.explain()
    assert report.symptoms == () and report.verdict_step is None


def test_report2_adam_at_one_is_stuck_at_chance_with_a_too_high_rate(report2):
    assert not report2.healthy
    assert {"LRC504", "LRC512"} <= set(report2.codes)
    stuck = report2.symptom("LRC504")
    assert stuck.evidence["predictions_constant"] is True
    assert stuck.evidence["chance_loss"] == pytest.approx(np.log(6), rel=0.01)
    rate = report2.symptom("LRC512")
    assert rate.evidence["learning_rate"] == 1.0
    assert rate.evidence["largest_stable"] < 0.34
    assert report2.headline().startswith("training unhealthy: LRC50")


def test_report2_at_1e_4_is_healthy(mlp, six_digits):
    report = check_training(report2_model(mlp, 1e-4), *six_digits)
    assert report.healthy, report.explain()


def _cnn(keras, seed):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(8, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    return model


def _regression(keras, seed):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [keras.Input((10,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)]
    )
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
    return model


def _dropout(keras, seed):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input((8, 8)),
            keras.layers.Flatten(),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy")
    return model


def _lstm(keras, seed):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [keras.Input((12, 1)), keras.layers.LSTM(8), keras.layers.Dense(1, activation="sigmoid")]
    )
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="binary_crossentropy")
    return model


def _regression_data(seed):
    rng = np.random.default_rng(100 + seed)
    x = rng.normal(size=(1024, 10))
    y = np.tanh(x @ rng.normal(size=(10, 1))) + 0.5 * x[:, :1] ** 2
    return x.astype("float32"), (y + 0.1 * rng.normal(size=y.shape)).astype("float32")


def _sequence_data(seed):
    rng = np.random.default_rng(200 + seed)
    x = rng.normal(size=(1024, 12, 1)).astype("float32")
    return x, (x.sum(axis=(1, 2)) > 0).astype("float32")[:, None]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("kind", ["cnn", "regression", "dropout", "lstm"])
def test_healthy_examples_stay_healthy_on_five_seeds(keras, scaled_digits, kind, seed):
    x, y = scaled_digits
    if kind == "cnn":
        model, data = _cnn(keras, seed), (x[..., None], y)
    elif kind == "regression":
        model, data = _regression(keras, seed), _regression_data(seed)
    elif kind == "dropout":
        model, data = _dropout(keras, seed), (x, y)
    else:
        model, data = _lstm(keras, seed), _sequence_data(seed)
    report = check_training(model, *data, seed=seed)
    assert report.healthy, report.explain()


def test_same_input_same_verdict_and_same_losses(mlp, six_digits):
    model = report2_model(mlp, 1.0)
    first = check_training(model, *six_digits, steps=60)
    second = check_training(model, *six_digits, steps=60)
    assert first.codes == second.codes
    assert first.losses == second.losses
    assert [dict(s.evidence) for s in first.symptoms] == [dict(s.evidence) for s in second.symptoms]


def test_the_users_model_and_optimizer_are_untouched(keras, mlp, scaled_digits):
    model = mlp(optimizer=keras.optimizers.Adam(1e-3))
    model.fit(*scaled_digits, epochs=1, batch_size=256, verbose=0)  # optimizer has state now
    weights = [w.copy() for w in model.get_weights()]
    slots = {v.path: v.numpy().copy() for v in model.optimizer.variables}
    report = check_training(model, *scaled_digits, steps=50)
    assert report.steps_run == 50
    for before, after in zip(weights, model.get_weights(), strict=True):
        np.testing.assert_array_equal(before, after)
    for variable in model.optimizer.variables:
        np.testing.assert_array_equal(slots[variable.path], variable.numpy())


def test_clone_is_ignored_with_a_warning_and_the_model_is_left_alone(mlp, raw_digits):
    model = mlp()
    before = [w.copy() for w in model.get_weights()]
    with pytest.warns(DeprecationWarning, match=r"clone=\.\.\.\) is ignored"):
        report = check_training(model, *raw_digits, steps=40, clone=False)
    for old, new in zip(before, model.get_weights(), strict=True):
        np.testing.assert_array_equal(old, new)
    again = check_training(mlp(), *raw_digits, steps=40)
    assert again.losses == report.losses


def test_global_random_state_floatx_and_policy_are_restored(keras, mlp, scaled_digits):
    import tensorflow as tf

    random.seed(11)
    np.random.seed(12)
    tf.random.set_seed(13)
    expected = (random.random(), np.random.rand(), float(tf.random.uniform(())))
    model = mlp()  # building seeds everything itself: before the user's seeds
    random.seed(11)
    np.random.seed(12)
    tf.random.set_seed(13)
    check_training(model, *scaled_digits, steps=20, seed=5)
    got = (random.random(), np.random.rand(), float(tf.random.uniform(())))
    assert got == expected
    assert keras.backend.floatx() == "float32"
    assert keras.config.dtype_policy().name == "float32"


def test_a_slow_step_is_cut_off_with_a_clear_budget_result(keras, scaled_digits):
    class Slow(keras.callbacks.Callback):
        pass

    keras.utils.set_random_seed(0)

    class SlowLayer(keras.layers.Layer):
        def call(self, inputs):
            import tensorflow as tf

            tf.py_function(lambda: time.sleep(0.3), [], [])
            return inputs

    model = keras.Sequential(
        [
            keras.Input((8, 8)),
            SlowLayer(),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    began = time.perf_counter()
    report = check_training(model, *scaled_digits, steps=200, max_seconds=1.5)
    assert time.perf_counter() - began < 6
    assert report.budget_exceeded and report.steps_run < 10
    assert report.inconclusive and not report.healthy
    with pytest.raises(AssertionError, match="time budget exceeded after"):
        report.assert_healthy()


def test_dataset_input_and_validation_curves(keras, mlp, scaled_digits):
    import tensorflow as tf

    x, y = scaled_digits
    dataset = tf.data.Dataset.from_tensor_slices((x[:1500], y[:1500])).batch(32)
    report = check_training(mlp(), dataset, steps=100, validation_data=(x[1500:], y[1500:]))
    assert report.healthy, report.explain()
    assert report.steps_run == 100
    assert len(report.val_losses) == 10 and len(report.val_accuracy) == 10
    assert report.val_losses[-1] < report.val_losses[0]
    assert report.val_accuracy[-1] > 0.5


def test_a_model_with_its_own_train_step_is_checked_with_it(keras, scaled_digits):
    calls = []

    class Custom(keras.Model):
        def train_step(self, data):
            calls.append(1)
            return super().train_step(data)

    keras.utils.set_random_seed(0)
    inputs = keras.Input((8, 8))
    hidden = keras.layers.Dense(32, activation="relu")(keras.layers.Flatten()(inputs))
    model = Custom(inputs, keras.layers.Dense(10, activation="softmax")(hidden))
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    report = check_training(model, *scaled_digits, steps=100)
    assert calls  # traced through the model's own train_step
    assert report.healthy, report.explain()
    assert report.losses[0] > report.losses[-1]


def test_a_model_clone_model_cannot_copy_is_checked(opaque_model, scaled_digits):
    model = opaque_model
    model(scaled_digits[0][:2])
    report = check_training(model, *scaled_digits, steps=60)
    assert report.healthy, report.explain()


def test_check_step_judges_a_custom_loop_like_the_second_report(keras, six_digits):
    import tensorflow as tf

    x, y = six_digits
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((8, 8)),
            keras.layers.Flatten(),
            keras.layers.Dense(25, activation="relu"),
            keras.layers.Dense(12, activation="relu"),
            keras.layers.Dense(6),
        ]
    )
    optimizer = tf.keras.optimizers.Adam(1.0)
    rng = np.random.default_rng(0)

    @tf.function
    def train(xb, yb):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(
                tf.nn.softmax_cross_entropy_with_logits(yb, model(xb, training=True))
            )
        grads = tape.gradient(loss, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights, strict=True))
        return loss

    def step():
        index = rng.integers(0, len(x), 32)
        return train(x[index], y[index])

    report = check_step(step, steps=150, n_classes=6)
    assert not report.healthy
    assert "LRC504" in report.codes or "LRC502" in report.codes
    assert report.source == "check_step" and report.steps_run == 150


@pytest.mark.parametrize("seed", range(5))
def test_both_reports_keep_their_diagnosis_on_five_seeds(keras, mlp, raw_digits, six_digits, seed):
    keras.utils.set_random_seed(seed)
    first = keras.Sequential(
        [keras.Input((8, 8)), keras.layers.Flatten(), keras.layers.Dense(10, activation="sigmoid")]
    )
    first.compile(optimizer=keras.optimizers.SGD(0.01), loss="categorical_crossentropy")
    report = check_training(first, *raw_digits, seed=seed)
    assert not report.healthy and {"LRC511", "LRC516", "LRC506"} <= set(report.codes)
    report = check_training(report2_model(mlp, 1.0, seed=seed), *six_digits, seed=seed)
    assert not report.healthy and {"LRC504", "LRC512"} <= set(report.codes)


def test_a_multi_input_model_takes_a_dict_of_arrays(keras):
    keras.utils.set_random_seed(0)
    a, b = keras.Input((4,), name="a"), keras.Input((3,), name="b")
    hidden = keras.layers.Dense(16, activation="relu")(keras.layers.Concatenate()([a, b]))
    model = keras.Model({"a": a, "b": b}, keras.layers.Dense(1)(hidden))
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
    rng = np.random.default_rng(0)
    xa, xb = rng.normal(size=(512, 4)), rng.normal(size=(512, 3))
    y = xa.sum(axis=1, keepdims=True) - xb[:, :1]
    data = {"a": xa.astype("float32"), "b": xb.astype("float32")}
    report = check_training(model, data, y.astype("float32"), steps=100)
    assert report.healthy, report.explain()
    assert np.median(report.losses[-20:]) < 0.5 * np.median(report.losses[:5])
    with pytest.raises(ValueError, match=r"x\['a'\] has 512, x\['b'\] has 100"):
        check_training(model, {"a": data["a"], "b": data["b"][:100]}, y, steps=10)
