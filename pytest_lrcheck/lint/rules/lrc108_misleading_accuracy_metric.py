"""LRC108: an accuracy metric that cannot mean what it says for this model and loss."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    DataVal,
    LossFact,
    MetricFact,
    ModelFact,
    Report,
    Rule,
    dataset_of,
    label_encoding,
    labels_of,
    output_head,
    short,
    vocab,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.rulekit import FileFacts

_BINARY_ACCURACY = "binary_accuracy"
_EXACT_ACCURACY = "accuracy_exact"
_SHAPE_ACCURACY = "accuracy"  # the string 'accuracy'/'acc': Keras picks the kind


class MisleadingAccuracyMetric(Rule):
    code = "LRC108"
    name = "misleading-accuracy-metric"
    severity = "warning"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            compiled = model.compile
            if compiled is None or compiled.metrics is None or compiled.losses_are_multi:
                continue
            head = output_head(model, facts)
            if head is None or head.activation.name is None:
                continue  # the head is not known: its output may be anything
            for metric in compiled.metrics:
                message = _problem(metric, model, head.activation.name, head.units, head.loss)
                if message is not None:
                    yield Report(metric.node, message)


def _problem(
    metric: MetricFact,
    model: ModelFact,
    activation: str,
    units: int | None,
    loss: LossFact | None,
) -> str | None:
    loss_name = loss.name if loss is not None else None
    shown = _shown(metric)
    if metric.name == _EXACT_ACCURACY:
        # Whatever its width (unknown when read from data), the output is real numbers.
        output = f"{units}-unit {activation}" if units is not None else activation
        return (
            f"{shown} counts predictions exactly equal to the labels, but this {output} "
            f"output gives real numbers that almost never equal them, so it reads near 0; use "
            f"{_accuracy_for(loss_name, activation, units)}"
        )
    if units is None:
        return None  # the other kinds of accuracy mislead only at some output widths
    softmax_classes = activation == "softmax" and units >= 3
    if metric.name == _BINARY_ACCURACY and softmax_classes:
        return (
            f"binary accuracy scores each of the {units} softmax outputs as a separate yes/no, "
            f"so predicting no class at all already reads {1 - 1 / units:.0%}; use "
            f"{_categorical_for(loss_name)}"
        )
    if metric.name != _SHAPE_ACCURACY or loss_name is None:
        return None
    if loss_name in vocab.BINARY_LOSSES and softmax_classes:
        return (
            f"under {loss_name}, Keras up to 2.3 and tf.keras up to TF 2.1 turn {shown} into "
            f"binary accuracy, which on this {units}-unit softmax reads {1 - 1 / units:.0%} at "
            f"chance; name the metric: {_categorical_for(loss_name)}"
        )
    if loss_name in vocab.REGRESSION_LOSSES and _looks_like_regression(model, activation, units):
        return (
            f"{shown} under {loss_name} counts predictions that round to exactly the target, so "
            "on continuous targets it reads near 0 however good the fit; track 'mae' or "
            "keras.metrics.RootMeanSquaredError() instead"
        )
    return None


def _looks_like_regression(model: ModelFact, activation: str, units: int) -> bool:
    """A real-valued output, and targets that are not class labels as far as the file shows.

    A one-unit linear/ReLU output under a regression loss is a regressor; with several units
    (or sigmoid/softmax outputs, which some train with MSE as classifiers) the rule needs
    labels known to be continuous.
    """
    if activation in vocab.PROBABILITY_ACTIVATIONS:
        return False
    continuous = False
    for labels in labels_of(model):
        if label_encoding(labels.value) is not None:
            return False  # one-hot or class ids: a classifier trained with a regression loss
        value = labels.value
        if isinstance(value, DataVal) and any(dataset_of(s) for s in value.sources):
            return False
        if isinstance(value, DataVal) and _continuous(value):
            continuous = True
    return units == 1 or continuous


def _continuous(value: DataVal) -> bool:
    """Targets of a regression dataset (house prices)."""
    return bool(value.sources) and all(
        s.kind == "dataset"
        and s.role == "y"
        and s.name in vocab.DATASETS
        and not vocab.DATASETS[s.name].classes
        for s in value.sources
    )


def _categorical_for(loss: str | None) -> str:
    if loss in vocab.SPARSE_LOSSES:
        return "'sparse_categorical_accuracy'"
    if loss in vocab.CATEGORICAL_LOSSES:
        return "'categorical_accuracy'"
    return "'categorical_accuracy' (one-hot labels) or 'sparse_categorical_accuracy' (class ids)"


def _accuracy_for(loss: str | None, activation: str, units: int | None) -> str:
    if loss in vocab.REGRESSION_LOSSES:
        return "'mae' or keras.metrics.RootMeanSquaredError()"
    if activation == "softmax" and (units is None or units >= 2):
        return _categorical_for(loss)
    if loss in vocab.BINARY_LOSSES or units == 1:
        return "'binary_accuracy'"
    if loss in vocab.SPARSE_LOSSES or loss in vocab.CATEGORICAL_LOSSES:
        return _categorical_for(loss)
    return "the string 'accuracy', which picks the right kind from the shapes"


def _shown(metric: MetricFact) -> str:
    return short(metric.node, 40, "this accuracy metric")
