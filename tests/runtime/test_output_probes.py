"""The probes of a model with several outputs: the predictions of every output, the collapse
reading over its classifier outputs, and LRC516 judged, and named, per output.

The collapse tests put the loss curve at the session's own constant guess (for several
outputs, the weighted sum of each output's); the collapses themselves are set in the output
layers' weights, so each test reads a known model in seconds.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from pytest_lrcheck.runtime import probes
from pytest_lrcheck.runtime.detectors import stopping
from pytest_lrcheck.runtime.evidence import Evidence
from pytest_lrcheck.runtime.loop import RunResult
from pytest_lrcheck.runtime.session import open_session
from pytest_lrcheck.runtime.verdict import judge, stop_when_certain

pytestmark = pytest.mark.tensorflow

ROWS = 300  # more than one chunk of the trainer's passes (256 rows)


def _digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    bunch = load_digits()
    return (bunch.data[:ROWS] / 16.0).astype("float32"), bunch.target[:ROWS]


def _classifier_and_regressor(keras: Any) -> tuple[Any, np.ndarray, list[np.ndarray]]:
    """A softmax digit classifier under categorical cross-entropy beside a linear regression
    of the image's ink, as a list of outputs."""
    keras.utils.set_random_seed(0)
    x, target = _digits()
    inputs = keras.Input((64,), name="pixels")
    z = keras.layers.Dense(16, activation="relu")(inputs)
    digit = keras.layers.Dense(10, activation="softmax", name="digit")(z)
    ink = keras.layers.Dense(1, name="ink")(z)
    model = keras.Model(inputs, [digit, ink])
    model.compile("adam", {"digit": "categorical_crossentropy", "ink": "mean_squared_error"})
    y = [keras.utils.to_categorical(target, 10), x.mean(axis=1, keepdims=True)]
    return model, x, y


def _dict_outputs(keras: Any) -> tuple[Any, np.ndarray, dict[str, np.ndarray]]:
    """The zoo's two classifier heads (10-way digit, binary "digit >= 5") built as a dict."""
    from tests.zoo import nets

    keras.utils.set_random_seed(0)
    x, target = _digits()
    model = nets.two_headed(dict_outputs=True)
    return model, x, {"digit": target, "big": (target >= 5).astype("float32")[:, None]}


MODELS = {"list": _classifier_and_regressor, "dict": _dict_outputs}


def _collapse(model: Any, output: str) -> None:
    """Make ``output`` predict the same for every sample: no kernel, a bias for class 0."""
    layer = model.get_layer(output)
    kernel, bias = layer.get_weights()
    bias = np.zeros_like(bias)
    bias[0] = 5.0
    layer.set_weights([np.zeros_like(kernel), bias])


def _vary(model: Any, output: str) -> None:
    """Make ``output`` clearly depend on its input (a fresh layer may favour one class)."""
    layer = model.get_layer(output)
    kernel, bias = layer.get_weights()
    rng = np.random.default_rng(1)
    layer.set_weights([3.0 * rng.standard_normal(kernel.shape).astype("float32"), bias])


def _summary(model: Any, x: np.ndarray) -> tuple[probes.Predictions, ...]:
    from pytest_lrcheck.runtime.loop import Trainer
    from pytest_lrcheck.runtime.model_facts import read_model_facts

    return probes.summarize_outputs(Trainer(model).predict_outputs(x), read_model_facts(model))


class _Counting:
    """The model, counting its forward passes."""

    def __init__(self, model: Any) -> None:
        self.model, self.passes = model, 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.passes += 1
        return self.model(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_the_probe_reads_every_output_in_one_pass_per_chunk(keras, kind):
    from pytest_lrcheck.runtime.loop import Trainer
    from pytest_lrcheck.runtime.model_facts import read_model_facts

    model, x, _ = MODELS[kind](keras)
    facts = read_model_facts(model)
    trainer = Trainer(model)
    trainer.model = counting = _Counting(model)
    found = probes.summarize_outputs(trainer.predict_outputs(x), facts)
    assert counting.passes == 2  # 300 rows: two chunks, every output from the same pass
    assert [p.output for p in found] == [name for name, _ in facts.outputs]
    direct = model(x, training=False)
    for index, predictions in enumerate(found):
        name = predictions.output
        expected = direct[name] if isinstance(direct, dict) else direct[index]
        expected = keras.ops.convert_to_numpy(expected)
        np.testing.assert_allclose(predictions.values, expected, rtol=1e-5, atol=1e-6)
    assert {p.output: p.values.shape[1] for p in found} in (
        {"digit": 10, "ink": 1},
        {"digit": 10, "big": 1},
    )


def test_a_model_with_one_output_gets_the_one_summary_it_always_had(keras):
    from pytest_lrcheck.runtime.loop import Trainer
    from pytest_lrcheck.runtime.model_facts import read_model_facts

    keras.utils.set_random_seed(0)
    x, _ = _digits()
    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(10, activation="softmax")])
    model.compile("adam", "categorical_crossentropy")
    trainer = Trainer(model)
    (found,) = probes.summarize_outputs(trainer.predict_outputs(x), read_model_facts(model))
    alone = probes.summarize_predictions(trainer.predict(x))
    np.testing.assert_array_equal(found.values, alone.values)
    assert (found.constant, found.ties_at_one, found.distinct_classes, found.output) == (
        alone.constant,
        alone.ties_at_one,
        alone.distinct_classes,
        None,
    )
    assert found.values.shape == (ROWS, 10)


def test_collapsed_only_when_every_classifier_output_predicts_one_class(keras):
    model, x, _ = _dict_outputs(keras)
    _vary(model, "digit")
    _collapse(model, "big")
    assert not probes.collapsed(_summary(model, x), _facts(model))  # the digit head still varies
    _collapse(model, "digit")
    both = _summary(model, x)
    assert probes.collapsed(both, _facts(model))
    assert probes.collapsed_outputs(both, _facts(model)) == ("big", "digit")


def test_a_regression_output_is_left_out_of_the_collapse_reading(keras):
    model, x, _ = _classifier_and_regressor(keras)
    _vary(model, "digit")
    assert not probes.collapsed(_summary(model, x), _facts(model))
    _collapse(model, "digit")
    found = _summary(model, x)
    ink = next(p for p in found if p.output == "ink")
    assert not ink.constant  # the regression output varies, and is not asked
    assert probes.collapsed(found, _facts(model))
    assert probes.collapsed_outputs(found, _facts(model)) == ("digit",)


def _facts(model: Any) -> Any:
    from pytest_lrcheck.runtime.model_facts import read_model_facts

    return read_model_facts(model)


def _at_chance(steps: int, constant: float) -> tuple[float, ...]:
    rng = np.random.default_rng(0)
    return tuple(constant * (1 + 0.02 * rng.standard_normal(steps)))


@pytest.mark.parametrize("collapsed", [("big", "digit"), ("big",)])
def test_lrc504_and_the_early_stop_need_every_classifier_output_collapsed(keras, collapsed):
    model, x, y = _dict_outputs(keras)
    _vary(model, "digit")
    with open_session(model, x, y, steps=200, batch_size=32, seed=0, max_seconds=60) as session:
        for output in collapsed:
            _collapse(model, output)
        assert session.reference.chance_level  # both outputs are classifiers
        losses = _at_chance(200, session.reference.constant)
        run = RunResult(losses, None, 1.0, False)
        found = judge(Evidence(session, run, session.trainer.snapshot(), steps=200))
        stops = stop_when_certain(session)(list(losses[: stopping.COLLAPSE_STEPS]))
    codes = [symptom.code for symptom in found]
    if len(collapsed) == 2:
        assert codes == ["LRC504"] and stops
        assert "every prediction of output(s) 'big', 'digit' is the same class" in found[0].message
        assert found[0].evidence["collapsed_outputs"] == ["big", "digit"]
    else:
        assert "LRC504" not in codes and not stops


def _tagged(keras: Any, tag_activation: str) -> tuple[Any, np.ndarray, list[np.ndarray]]:
    """A matched softmax digit head beside a 40-way "tag" head under categorical
    cross-entropy.  Under a sigmoid, its weights make every unit saturate at 1.0 while the
    true tag's pre-activation leads by 20: Keras' loss, read from the pre-activations, is
    near 0, and the outputs read as probabilities say ln 40."""
    keras.utils.set_random_seed(0)
    tags = np.arange(ROWS) % 40
    x = np.eye(40, dtype="float32")[tags]
    inputs = keras.Input((40,), name="onehot")
    digit = keras.layers.Dense(10, activation="softmax", name="digit")(inputs)
    tag = keras.layers.Dense(40, activation=tag_activation, name="tag")(inputs)
    model = keras.Model(inputs, [digit, tag])
    model.compile("adam", "categorical_crossentropy")
    model.get_layer("tag").set_weights([20.0 * np.eye(40), np.full(40, 20.0)])
    y = [keras.utils.to_categorical(tags % 10, 10), keras.utils.to_categorical(tags, 40)]
    return model, x, y


@pytest.mark.parametrize("tag_activation", ["sigmoid", "softmax"])
def test_lrc516_names_the_output_whose_outputs_contradict_its_loss(keras, tag_activation):
    if tag_activation == "sigmoid" and keras.backend.backend() != "tensorflow":
        # Only TensorFlow's cross-entropy reads a sigmoid's pre-activations; JAX and torch
        # read its outputs, so their loss says ln 40 too and nothing contradicts it.
        pytest.skip("the contradiction is TensorFlow's logit shortcut")
    model, x, y = _tagged(keras, tag_activation)
    with open_session(model, x, y, steps=60, batch_size=32, seed=0, max_seconds=60) as session:
        falling = tuple(np.geomspace(2.3, 0.2, 60))  # a curve the loss judge passes
        run = RunResult(falling, None, 1.0, False)
        found = judge(Evidence(session, run, session.trainer.snapshot(), steps=60))
    if tag_activation == "softmax":
        assert found == []  # both pairs fit: nothing to contradict
        return
    (symptom,) = found
    assert symptom.code == "LRC516" and symptom.evidence["output"] == "tag"
    assert symptom.message.startswith("output 'tag': ")
    assert "digit" not in symptom.message  # the matched head stays silent
    assert symptom.evidence["loss_from_outputs"] == pytest.approx(math.log(40), rel=1e-3)
    assert symptom.evidence["training_loss"] < 0.01 and symptom.evidence["ties_at_one"] == 1.0
