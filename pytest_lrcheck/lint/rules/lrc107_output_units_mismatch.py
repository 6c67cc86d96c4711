"""LRC107: the output layer's units differ from the class count the file states."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    ClassCount,
    Report,
    Rule,
    class_count,
    labels_of,
    line,
    output_head,
    vocab,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.rulekit import FileFacts

_LOSSES = vocab.CATEGORICAL_LOSSES | vocab.SPARSE_LOSSES


class OutputUnitsMismatch(Rule):
    code = "LRC107"
    name = "output-units-mismatch"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            head = output_head(model, facts)
            if head is None or head.loss is None or head.loss.name not in _LOSSES:
                continue
            units = head.units
            if units is None:
                continue
            if units == 1 and head.activation.name == "softmax":
                continue  # a one-unit softmax is LRC102's finding, whatever the labels
            counts: list[tuple[ClassCount, int]] = []
            for labels in labels_of(model):
                count = class_count(labels.value)
                if count is not None:
                    counts.append((count, line(labels.node)))
            if not counts or len({c.count for c, _ in counts}) != 1:
                continue  # no stated count, or counts that disagree: the file is unclear
            stated, at = counts[0]
            if stated.count == units:
                continue
            layer = head.layer
            where = layer.units_node if layer.units_node is not None else layer.node
            yield Report(where, _message(units, stated, at, head.loss.name))


def _message(units: int, stated: ClassCount, line: int, loss: str | None) -> str:
    classes = stated.count
    if loss not in vocab.SPARSE_LOSSES:
        effect = f"one-hot rows of width {classes} cannot be compared with {units} outputs"
    elif units < classes:
        ids = f"id {units} has" if classes - units == 1 else f"ids {units}-{classes - 1} have"
        effect = f"class {ids} no output (an error on CPU, a NaN loss on GPU)"
    else:
        effect = f"{units - classes} outputs never see a label"
    return (
        f"the last layer has {units} units but the labels at line {line} have {classes} "
        f"classes ({stated.evidence}): {effect}; use {classes} units"
    )
