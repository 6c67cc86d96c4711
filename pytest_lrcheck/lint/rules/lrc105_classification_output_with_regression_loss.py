"""LRC105: a softmax (or, on class labels, a sigmoid) output trained with a regression loss."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    DataVal,
    Head,
    LossFact,
    ModelFact,
    Report,
    Rule,
    line,
    output_head,
    vocab,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.rulekit import FileFacts

_LABEL_CALLS = vocab.TRAINING_METHODS | vocab.EVALUATION_METHODS
# Metrics that only make sense when each sample has one class: an autoencoder or a regression
# of proportions never asks for them (plain "accuracy" is no evidence: people add it anywhere).
_CLASS_METRICS = frozenset(
    {"categorical_accuracy", "sparse_categorical_accuracy", "top_k_categorical_accuracy",
     "sparse_top_k_categorical_accuracy", "TopKCategoricalAccuracy",
     "SparseTopKCategoricalAccuracy"}
)  # fmt: skip


class ClassificationOutputWithRegressionLoss(Rule):
    code = "LRC105"
    name = "classification-output-with-regression-loss"
    # It trains, only slowly and to a worse model: a smell rather than a broken program.
    severity = "warning"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            head = output_head(model, facts)
            if head is None or head.loss is None:
                continue
            loss = head.loss
            if loss.name not in vocab.REGRESSION_LOSSES:
                continue
            evidence = class_label_evidence(model)
            targets = vocab.Targets(class_labels=evidence is not None)
            for mismatch in head.mismatches(targets):
                # A one-unit softmax (constant_softmax) is LRC102's finding.
                if mismatch.kind == "regression_on_softmax":
                    yield Report(loss.node, _softmax_message(head, loss, evidence))
                elif mismatch.kind == "regression_on_class_labels" and evidence is not None:
                    yield Report(loss.node, _sigmoid_message(head, loss, evidence))


def class_label_evidence(model: ModelFact) -> str | None:
    """Why the file shows the model's targets are class labels, or None when it does not."""
    for call in model.calls:
        if call.method not in _LABEL_CALLS or not isinstance(call.y, DataVal):
            continue
        found = _label_evidence(call.y)
        if found is not None:
            return found
    compiled = model.compile
    for metric in (compiled.metrics or ()) if compiled is not None else ():
        if metric.name in _CLASS_METRICS:
            return f"the {metric.name} metric, line {line(metric.node)}"
    return None


def _label_evidence(labels: DataVal) -> str | None:
    if labels.must_have("one_hot"):
        op = labels.ops("one_hot")[0]
        return f"one-hot labels from {op.detail}, line {op.line}"
    if labels.may_have("scale") or labels.may_have("unknown"):
        return None  # rescaled ids may be a deliberate regression target in [0, 1]
    if labels.must_have("integer"):
        op = labels.ops("integer")[-1]  # the step that made these ids
        return f"integer class labels from {op.detail}, line {op.line}"
    sources = labels.sources
    if not labels.complete or not sources:
        return None
    if all(s.kind == "dataset" and s.role == "y" and _classes(s.name) for s in sources):
        first = min(sources, key=lambda s: s.line)
        return f"{first.name} class labels from load_data(), line {first.line}"
    return None


def _classes(dataset: str) -> bool:
    info = vocab.DATASETS.get(dataset)
    return info is not None and info.classes is not None


def _softmax_message(head: Head, loss: LossFact, evidence: str | None) -> str:
    seen = f" ({evidence})" if evidence else ""
    return (
        f"{loss.name} on a softmax output (line {head.line}) treats class probabilities as "
        f"regression targets{seen}: gradients vanish as units saturate and training crawls; "
        "use categorical_crossentropy for one-hot labels or sparse_categorical_crossentropy "
        "for integer labels (or a linear output if the targets are real values)"
    )


def _sigmoid_message(head: Head, loss: LossFact, evidence: str) -> str:
    return (
        f"{loss.name} on a sigmoid output (line {head.line}) trained on class labels "
        f"({evidence}) learns slowly and plateaus; use binary_crossentropy, or softmax with "
        "categorical_crossentropy when each sample has exactly one class"
    )
