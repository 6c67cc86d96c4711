"""LRC107: the output layer's units differ from the class count the file states."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.keras_vocab import CATEGORICAL_LOSSES, SPARSE_LOSSES
from pytest_lrcheck.lint.labels import ClassCount, class_count, labels_of
from pytest_lrcheck.lint.rule import Report, Rule

if TYPE_CHECKING:
    from pytest_lrcheck.lint.facts import FileFacts


class OutputUnitsMismatch(Rule):
    code = "LRC107"
    name = "output-units-mismatch"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            loss = model.loss
            if loss is None:
                continue
            if loss.name not in CATEGORICAL_LOSSES and loss.name not in SPARSE_LOSSES:
                continue
            head = model.head()
            units = model.output_units()
            if head is None or units is None:
                continue
            activation = model.output_activation()
            if units == 1 and activation is not None and activation.name == "softmax":
                continue  # a one-unit softmax is LRC102's finding, whatever the labels
            counts: list[tuple[ClassCount, int]] = []
            for labels in labels_of(model):
                count = class_count(labels.value)
                if count is not None:
                    counts.append((count, labels.node.lineno))
            if not counts or len({c.count for c, _ in counts}) != 1:
                continue  # no stated count, or counts that disagree: the file is unclear
            stated, line = counts[0]
            if stated.count == units:
                continue
            where = head[0].units_node if head[0].units_node is not None else head[0].node
            yield Report(where, _message(units, stated, line, loss.name))


def _message(units: int, stated: ClassCount, line: int, loss: str | None) -> str:
    classes = stated.count
    if loss not in SPARSE_LOSSES:
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
