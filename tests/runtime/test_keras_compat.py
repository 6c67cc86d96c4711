"""Every private framework API the runtime uses, on this release and after a release drops it.

A release that removes a private name is simulated two ways: a framework object seen through
`WithoutPrivate`, which hides its underscored attributes, and the compat module's own access
to Keras' and TensorFlow's internal modules replaced by "not there".
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pytest

from pytest_lrcheck.runtime import keras_compat, tf_compat

pytestmark = pytest.mark.tensorflow


class WithoutPrivate:
    """A framework object as a release without its private attributes would show it."""

    def __init__(self, wrapped: Any) -> None:
        self._wrapped = wrapped

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._wrapped, name)


@pytest.fixture
def no_internal_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keras' global-state module and TensorFlow's eager context are gone."""
    monkeypatch.setattr(keras_compat, "_global_state", lambda: None)
    monkeypatch.setattr(tf_compat, "_eager_context", lambda: None)


@pytest.fixture
def nested(keras: Any) -> Any:
    inner = keras.Sequential(
        [keras.layers.Dense(4, activation="relu", name="a"), keras.layers.Dense(3, name="b")],
        name="inner",
    )
    inputs = keras.Input((5,))
    regularized = keras.layers.Dense(6, kernel_regularizer=keras.regularizers.L2(0.1), name="h")
    hidden = regularized(inputs)
    outputs = keras.layers.Dense(2, activation="softmax", name="out")(inner(hidden))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    return model


def _names(layers: list[Any]) -> set[str]:
    return {layer.name for layer in layers if type(layer).__name__ != "InputLayer"}


def test_flatten_layers_finds_nested_layers_with_and_without_the_private_walk(nested):
    found = keras_compat.flatten_layers(nested)
    assert nested not in found
    assert _names(found) == {"h", "inner", "a", "b", "out"}
    assert _names(keras_compat.flatten_layers(WithoutPrivate(nested))) == _names(found)


def test_call_takes_training_reads_the_call_signature_when_the_flag_is_gone(keras):
    class Plain(keras.Model):
        def call(self, x):
            return x

    class Trains(keras.Model):
        def call(self, x, training=False):
            return x

    for model, expected in ((Plain(), False), (Trains(), True)):
        assert keras_compat.call_takes_training(model) is expected
        assert keras_compat.call_takes_training(WithoutPrivate(model)) is expected


def test_compiled_loss_is_the_same_with_and_without_the_private_wrapper(keras, nested):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(8, 5)).astype("float32")
    y = np.eye(2, dtype="float32")[rng.integers(0, 2, 8)]
    y_pred = nested(x, training=False)
    private = float(keras_compat.compiled_loss(nested, x, y, y_pred, training=False))
    public = float(keras_compat.compiled_loss(WithoutPrivate(nested), x, y, y_pred, training=False))
    assert public == pytest.approx(private)
    data_loss = float(np.mean(keras.losses.categorical_crossentropy(y, y_pred)))
    penalty = sum(float(loss) for loss in nested.losses)
    assert penalty > 0 and private == pytest.approx(data_loss + penalty, rel=1e-5)


def test_compiled_loss_calls_an_override_without_training_as_keras_does(keras):
    seen = []

    class OldStyle(keras.Model):
        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None):
            seen.append(sample_weight)
            return keras.ops.mean((y_pred - y) ** 2)

    inputs = keras.Input((2,))
    model = OldStyle(inputs, keras.layers.Dense(1)(inputs))
    model.compile(optimizer="sgd")
    x, y = np.ones((4, 2), "float32"), np.zeros((4, 1), "float32")
    for view in (model, WithoutPrivate(model)):
        loss = keras_compat.compiled_loss(view, x, y, model(x), training=True)
        assert float(loss) >= 0
    assert len(seen) == 2


def test_compiled_loss_weights_are_read_with_and_without_the_private_loss_object(keras):
    from tests.zoo import nets

    weighted = nets.two_headed(loss_weights={"digit": 2.0, "big": 0.5})
    for view in (weighted, WithoutPrivate(weighted)):
        assert keras_compat.compiled_loss_weights(view) == {"digit": 2.0, "big": 0.5}
    assert keras_compat.compiled_loss_weights(WithoutPrivate(nets.two_headed())) is None
    with pytest.raises(LookupError):
        keras_compat.compiled_loss_weights(object())


def test_producing_layer_names_the_output_layer_or_nothing(nested):
    assert keras_compat.producing_layer(nested.outputs[0]).name == "out"
    assert keras_compat.producing_layer(WithoutPrivate(nested.outputs[0])) is None
    assert keras_compat.producing_layer(np.zeros(3)) is None


def test_learning_rate_setting_tells_a_schedule_from_a_number(keras):
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)
    optimizer = keras.optimizers.SGD(schedule)
    assert keras_compat.learning_rate_setting(optimizer) is schedule
    assert keras_compat.learning_rate_setting(WithoutPrivate(optimizer)) is None


def test_without_the_private_wrapper_the_train_function_is_left_to_keras(nested):
    """The installed release's road (JAX only) is `test_backend_parity`'s "fast compile"."""
    pytest.importorskip("jax")
    gone = WithoutPrivate(nested)
    assert keras_compat.jit_train_function(gone, {}) is False
    assert nested.train_function is None  # nothing was set on the model


def test_a_worker_thread_adopts_the_callers_keras_state(keras):
    keras.config.set_dtype_policy("mixed_float16")
    try:
        state = keras_compat.keras_thread_state()
    finally:
        keras.config.set_dtype_policy("float32")
    seen = []

    def worker() -> None:
        keras_compat.adopt_keras_thread_state(state)
        seen.append(keras.config.dtype_policy().name)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == ["mixed_float16"]
    assert keras.config.dtype_policy().name == "float32"


def test_without_keras_internals_the_worker_starts_from_defaults(keras, no_internal_modules):
    assert keras_compat.keras_thread_state() == ({}, {})
    keras_compat.adopt_keras_thread_state(({}, {}))  # nothing to adopt, nothing raised
    assert keras_compat.keras_seeds() == (None, None)
    keras_compat.restore_keras_seeds((1, None))
    assert keras_compat.layer_name_counters() == {}
    assert tf_compat.tf_device_scope() == ""
    assert tf_compat.tf_seed_state() == (None, None)


def test_keras_seeds_and_name_counters_are_the_live_ones(keras):
    saved = keras_compat.keras_seeds()
    try:
        keras.utils.set_random_seed(1234)
        assert keras_compat.keras_seeds()[0] == 1234
    finally:
        keras_compat.restore_keras_seeds(saved)
    assert keras_compat.keras_seeds() == saved
    counters = keras_compat.layer_name_counters()
    before = counters.get("dense", 0)
    keras.layers.Dense(1)
    assert keras_compat.layer_name_counters()["dense"] == before + 1


def test_the_tf_device_scope_is_read_per_thread(keras):
    import tensorflow as tf

    assert tf_compat.tf_device_scope() == ""
    with tf.device("/CPU:0"):
        assert tf_compat.tf_device_scope().endswith("CPU:0")


def test_tf_seed_state_restores_the_draws_that_follow(keras):
    import tensorflow as tf

    tf.random.set_seed(7)
    tf.random.uniform(())
    seed, state = tf_compat.tf_seed_state()
    assert seed == 7 and state is not None
    expected = float(tf.random.uniform(()))
    tf_compat.restore_tf_seed_state(seed, state)
    assert float(tf.random.uniform(())) == expected


def test_the_gradient_registry_or_an_empty_stand_in(keras, monkeypatch):
    from tensorflow.python.framework import ops

    registry = tf_compat.gradient_registry()
    assert "MatMul" in registry
    # A release that keeps its registrations in some other attribute:
    monkeypatch.setattr(ops, "_gradient_registry", WithoutPrivate(ops._gradient_registry))
    assert tf_compat.gradient_registry() == {}


def test_a_check_without_keras_or_tf_internals_still_gives_its_verdict(
    keras, mlp, scaled_digits, monkeypatch
):
    from tensorflow.python.framework import ops

    from pytest_lrcheck.runtime.check import check_training

    healthy_model, sick_model = mlp(), mlp(optimizer=keras.optimizers.Adam(1.0))
    # Without Keras' internals the check cannot put Keras' global seed back: this test does.
    saved = keras_compat.keras_seeds()
    try:
        with monkeypatch.context() as gone:
            gone.setattr(keras_compat, "_global_state", lambda: None)
            gone.setattr(tf_compat, "_eager_context", lambda: None)
            gone.setattr(ops, "_gradient_registry", WithoutPrivate(ops._gradient_registry))
            healthy = check_training(healthy_model, *scaled_digits, steps=60)
            sick = check_training(sick_model, *scaled_digits, steps=60)
    finally:
        keras_compat.restore_keras_seeds(saved)
    assert healthy.healthy, healthy.explain()
    assert not sick.healthy and sick.symptoms
