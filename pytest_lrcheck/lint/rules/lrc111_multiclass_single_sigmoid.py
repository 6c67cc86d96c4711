"""LRC111: labels of three or more classes trained on one sigmoid unit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Report,
    Rule,
    class_count,
    label_encoding,
    labels_of,
    line,
    output_head,
    vocab,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.rulekit import FileFacts


class MulticlassSingleSigmoid(Rule):
    code = "LRC111"
    name = "multiclass-single-sigmoid"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            head = output_head(model, facts)
            if head is None or head.units != 1 or head.activation.name not in vocab.SIGMOIDS:
                continue
            # Under a categorical loss the unit count is LRC107's finding, under a regression
            # loss the sigmoid is LRC105's: this rule speaks for binary losses.
            if head.loss is None or head.loss.name not in vocab.BINARY_LOSSES:
                continue
            if head.loss.from_logits:
                continue
            for labels in labels_of(model):
                encoding = label_encoding(labels.value)
                count = class_count(labels.value)
                if encoding is None or encoding.kind != "integer" or count is None:
                    continue
                if count.count >= 3:
                    yield Report(
                        head.node,
                        f"one sigmoid unit (line {head.line}) outputs a single probability, "
                        f"but the labels at line {line(labels.node)} hold {count.count} classes "
                        f"({count.evidence}): {head.loss.name} reads every id above 1 as "
                        f"'more than certain', and classes cannot be told apart; use "
                        f"Dense({count.count}, activation='softmax') with "
                        "sparse_categorical_crossentropy",
                    )
                    break
