"""LRC102: a softmax over a single unit, which always outputs 1.0."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.keras_vocab import BINARY_LOSSES, CATEGORICAL_LOSSES, SPARSE_LOSSES
from pytest_lrcheck.lint.heads import (
    Head,
    output_head,
    rewrite_string,
    softmax_axis,
    trained_loss,
    units_of,
)
from pytest_lrcheck.lint.rule import FixRequest, Report, Rule
from pytest_lrcheck.lint.values import LayerVal

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.facts import FileFacts
    from pytest_lrcheck.lint.findings import Fix

_CONSTANT = "softmax over a single unit always outputs 1.0"


class SingleUnitSoftmax(Rule):
    code = "LRC102"
    name = "single-unit-softmax"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        reported: set[int] = set()
        for model in facts.models:
            head = output_head(model, facts)
            if head is None or head.activation.name != "softmax" or head.units != 1:
                continue
            if softmax_axis(head.activation_layer, facts) != -1:
                continue
            reported.add(id(head.node))
            yield _head_report(head)
        # Any other one-unit layer with a softmax of its own (a hidden layer, an attention
        # score, the head of a subclassed model) is constant just the same.
        for call in facts.calls:
            value = facts.value_of(call.node)
            if not isinstance(value, LayerVal):
                continue
            layer = value.layer
            activation = layer.activation
            if activation is None or activation.name != "softmax" or activation.node is None:
                continue
            if units_of(layer, facts) != 1:
                continue
            if id(activation.node) in reported:
                continue
            reported.add(id(activation.node))
            yield Report(
                activation.node,
                f"{_CONSTANT}, so this {layer.kind}(1) layer is constant and nothing before it "
                "learns; use activation='sigmoid' for a one-unit probability, or apply the "
                "softmax over an axis with several entries",
            )

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return rewrite_string(node, "sigmoid")


def _head_report(head: Head) -> Report:
    loss = trained_loss(head.model)
    where = head.described_layer()
    if head.activation_layer is not head.layer:
        where += f" (line {head.layer.node.lineno})"
    constant = f"every prediction of {where} is the same whatever the model learns"
    fixable = False
    if loss is None or loss.name is None or (loss.name in BINARY_LOSSES and not loss.from_logits):
        # Sigmoid is the one-unit counterpart of softmax whatever an unknown loss expects.
        advice = f"{constant}; use activation='sigmoid' for a one-unit binary output"
        fixable = loss is None or loss.name is None or loss.from_logits is False
    elif loss.name in BINARY_LOSSES:
        advice = f"{constant}; the loss takes logits (from_logits=True): remove the activation"
    elif loss.name in CATEGORICAL_LOSSES or loss.name in SPARSE_LOSSES:
        labels = "one-hot" if loss.name in CATEGORICAL_LOSSES else "integer"
        advice = (
            f"with {where}, {loss.name} is constant and nothing is learned; for two classes "
            "use activation='sigmoid' with loss='binary_crossentropy', or 2 units with "
            f"softmax and {labels} labels"
        )
    else:
        advice = (
            f"every prediction of {where} is 1.0, so {loss.name} cannot fall; use a linear "
            "output (no activation) for real-valued targets, or 'sigmoid' for targets in [0, 1]"
        )
    return Report(head.node, f"{_CONSTANT}: {advice}", _fix(head) if fixable else None)


def _fix(head: Head) -> FixRequest | None:
    literal = head.sole_literal()
    if literal is None:
        return None
    return FixRequest("Use activation='sigmoid'", literal, "SimpleString", "unsafe")
