"""LRC112: class ids fitted as numbers, with a regression loss on a linear output."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Report,
    Rule,
    class_count,
    label_encoding,
    labels_of,
    output_head,
    vocab,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.rulekit import FileFacts, Labels

# Steps whose integers are class ids only by convention: random draws are as often counts.
_AMBIGUOUS = frozenset({"randint"})


class ClassIdsRegressionLoss(Rule):
    code = "LRC112"
    name = "class-ids-regression-loss"
    # It trains and reports a falling loss; the predictions are just not classes.
    severity = "warning"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            head = output_head(model, facts)
            if head is None or head.units != 1 or head.activation.name != "linear":
                continue
            loss = head.loss
            if loss is None or loss.name not in vocab.REGRESSION_LOSSES:
                continue
            for labels in labels_of(model):
                evidence = _class_ids(labels)
                if evidence is not None:
                    yield Report(
                        loss.node,
                        f"{loss.name} on a linear output (line {head.line}) fits class ids "
                        f"({evidence}) as numbers: it learns an order and distances the "
                        "classes do not have and predicts values between them; use "
                        "Dense(n_classes, activation='softmax') with "
                        "sparse_categorical_crossentropy",
                    )
                    break


def _class_ids(labels: Labels) -> str | None:
    """Why these labels are class ids of three or more classes, or None."""
    encoding = label_encoding(labels.value)
    if encoding is None or encoding.kind != "integer":
        return None
    count = class_count(labels.value)
    if count is not None:
        if count.count < 3 or any(step in count.evidence for step in _AMBIGUOUS):
            return None
        return count.evidence
    if encoding.sklearn:
        return f"a label encoder's {encoding.evidence}"
    return None
