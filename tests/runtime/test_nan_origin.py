"""NaN where it starts: the layer named, on every kind of model, and the model left alone.

Runs on whichever backend ``KERAS_BACKEND`` names; run it once per backend, each in a process
of its own.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from pytest_lrcheck import check_training  # noqa: E402
from pytest_lrcheck.runtime.keras_compat import flatten_layers  # noqa: E402
from pytest_lrcheck.runtime.nan_origin import locate  # noqa: E402
from pytest_lrcheck.runtime.session import open_session  # noqa: E402

ROWS = np.random.default_rng(0).normal(size=(256, 8)).astype("float32")
LABELS = (ROWS[:, :1] > 0).astype("float32")


# Mean squared error: torch's binary cross-entropy refuses NaN inputs with an error of its own.
def _compiled(model, optimizer="adam", loss="mse"):
    model.compile(optimizer=optimizer, loss=loss)
    return model


def _log_of_negative():
    keras.utils.set_random_seed(0)
    return _compiled(
        keras.Sequential(
            [
                keras.Input((8,)),
                keras.layers.Dense(16, name="hidden"),
                keras.layers.Lambda(keras.ops.log, name="log"),
                keras.layers.Dense(1, name="out"),
            ]
        )
    )


def _norm(t):
    # |t| as sqrt(t**2): finite at t = 0, but its gradient there is inf * 0 = NaN.
    return keras.ops.sqrt(keras.ops.square(t))


def _nan_gradient():
    """A finite forward pass with a NaN gradient: a zero-initialized layer feeds |t| at 0,
    so the first step turns the weights below it NaN and the second step's loss is NaN."""
    keras.utils.set_random_seed(0)
    inputs = keras.Input((8,))
    hidden = keras.layers.Dense(16, kernel_initializer="zeros", name="hidden")(inputs)
    root = keras.layers.Lambda(_norm, name="root")(hidden)
    outputs = keras.layers.Dense(1, name="out")(root)
    return _compiled(keras.Model(inputs, outputs))


class LogInCall(keras.Model):
    """A subclassed model whose NaN comes from an operation outside its layers."""

    def __init__(self):
        super().__init__()
        self.first = keras.layers.Dense(16, name="first")
        self.last = keras.layers.Dense(1, name="last")

    def call(self, x, training=False):
        return self.last(keras.ops.log(self.first(x)))


class LogInLayer(keras.Model):
    """A subclassed model whose NaN comes from one of its own layers."""

    def __init__(self):
        super().__init__()
        self.first = keras.layers.Dense(16, name="first")
        self.log = keras.layers.Lambda(keras.ops.log, name="log_layer")
        self.last = keras.layers.Dense(1, name="last")

    def call(self, x, training=False):
        return self.last(self.log(self.first(x)))


def _subclassed(kind):
    keras.utils.set_random_seed(0)
    return _compiled(kind())


def _diverging():
    """A clean divergence: nothing but a rate far too high for a regression."""
    keras.utils.set_random_seed(0)
    return _compiled(
        keras.Sequential(
            [
                keras.Input((8,)),
                keras.layers.Dense(64, activation="relu", name="h1"),
                keras.layers.Dense(64, activation="relu", name="h2"),
                keras.layers.Dense(1, name="out"),
            ]
        ),
        optimizer=keras.optimizers.SGD(50.0),
        loss="mse",
    )


def _state(model):
    return {id(v): (v, np.array(v.numpy(), copy=True)) for v in model.variables}


def _same(before, after):
    """Every variable that existed before holds its value (a check may build new ones)."""
    return all(
        np.array_equal(value, after[key][1], equal_nan=True) for key, (_, value) in before.items()
    )


def _check(model):
    before = _state(model)
    report = check_training(model, ROWS, LABELS, steps=40, max_seconds=60)
    assert _same(before, _state(model))
    assert all("call" not in layer.__dict__ for layer in [model, *flatten_layers(model)])
    return report


def test_a_layer_that_outputs_nan_is_named():
    report = _check(_log_of_negative())
    origin = report.non_finite
    assert report.codes[0] == "LRC501" and origin is not None
    assert (origin.where, origin.layer, origin.layer_type) == ("output", "log", "Lambda")
    assert origin.step == report.symptom("LRC501").evidence["step"]
    text = report.explain()
    assert "layer 'log' (Lambda) is the first to output NaN/Inf, from finite inputs" in text
    assert "try first: make layer 'log' safe for its inputs" in text


def test_a_nan_gradient_names_the_layer_nearest_the_loss_that_got_one():
    report = _check(_nan_gradient())
    origin = report.non_finite
    assert origin is not None, report.explain()
    # The forward pass is finite; the step before the NaN loss made the weights NaN.
    assert (origin.where, origin.layer, origin.above) == ("gradient", "hidden", "out")
    assert origin.step == report.symptom("LRC501").evidence["step"] - 1
    text = report.explain()
    assert "from 'out' on they are finite" in text
    assert "  try first: make the operations after layer 'hidden' differentiable" in text


def test_a_subclassed_models_own_operations_are_named_when_its_layers_are_finite():
    report = _check(_subclassed(LogInCall))
    origin = report.non_finite
    assert origin is not None and origin.where == "call"
    assert origin.layer_type == "LogInCall"
    assert "the operations LogInCall.call runs outside its layers" in report.explain()


def test_a_subclassed_models_layers_are_reached():
    origin = _check(_subclassed(LogInLayer)).non_finite
    assert origin is not None and (origin.where, origin.layer) == ("output", "log_layer")


def test_a_clean_divergence_is_traced_to_where_it_overflowed():
    report = _check(_diverging())
    origin = report.non_finite
    step = report.symptom("LRC501").evidence["step"]
    assert origin is not None and origin.step in (step, step - 1)
    # The squared error overflows on finite outputs, or a layer's weights and inputs do: never
    # an operation of its own to make safe.
    assert origin.where in ("loss", "overflow", "gradient", "update"), origin
    assert "NaN/Inf started at step" in report.explain()
    assert "make layer" not in report.explain()


def test_a_finite_run_looks_for_nothing():
    keras.utils.set_random_seed(0)
    model = _compiled(keras.Sequential([keras.Input((8,)), keras.layers.Dense(1)]))
    assert _check(model).non_finite is None


def _trained(model, steps=40):
    """A session whose run went non-finite, as `check_training` leaves it before the
    diagnosis; yields (session, start, record)."""
    with open_session(
        model, ROWS, LABELS, steps=steps, batch_size=32, seed=0, max_seconds=60
    ) as session:
        start = session.trainer.snapshot()
        from pytest_lrcheck.runtime.loop import RunRecord

        record = RunRecord()
        run = session.trainer.run(iter(session.batches), steps, record=record)
        yield session, start, run, record


def test_the_search_leaves_the_model_as_the_run_left_it_and_keeps_the_offending_batch():
    for session, start, run, record in _trained(_nan_gradient()):
        assert not math.isfinite(run.losses[-1]) and record.offending is not None
        model = session.model
        end = _state(model)
        origin = locate(
            session.trainer, session.batches, start, run.losses, session.budget, record.offending
        )
        assert origin is not None
        assert _same(end, _state(model))


def test_a_replay_that_does_not_retrace_the_run_names_nothing():
    for session, start, run, _ in _trained(_nan_gradient()):
        forged = [loss * 1.5 if math.isfinite(loss) else loss for loss in run.losses]
        if len(forged) < 2:
            pytest.skip("the run went non-finite at its first step: nothing to replay")
        assert locate(session.trainer, session.batches, start, forged, session.budget) is None


def test_a_batch_holding_nan_is_named_before_any_layer_is_blamed():
    for session, start, run, record in _trained(_log_of_negative()):
        x, y = record.offending[:2]
        poisoned = np.array(keras.ops.convert_to_numpy(x), copy=True)
        poisoned[0, 0] = np.nan
        origin = locate(
            session.trainer, session.batches, start, run.losses, session.budget, (poisoned, y)
        )
        assert origin is not None and origin.where == "data" and origin.layer is None
