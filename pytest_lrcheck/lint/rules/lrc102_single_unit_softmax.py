"""LRC102: a softmax over a single unit, which always outputs 1.0."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Fix,
    FixRequest,
    Head,
    LayerVal,
    Report,
    Rule,
    line,
    output_head,
    replace_string,
    softmax_axis,
    units_of,
    vocab,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts

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
        return replace_string(node, fix.param("activation", "sigmoid"))


def _head_report(head: Head) -> Report:
    loss = head.loss
    # A softmax over one unit fits no loss: the table says what it should be instead.
    (mismatch, *_) = head.mismatches()
    where = head.described_layer()
    if head.activation_layer is not head.layer:
        where += f" (line {line(head.layer.node)})"
    constant = f"every prediction of {where} is the same whatever the model learns"
    group = vocab.loss_group(None if loss is None else loss.name)
    if loss is None or group is None or (group == "binary" and not loss.from_logits):
        # Sigmoid is the one-unit counterpart of softmax whatever an unknown loss expects.
        advice = f"{constant}; use activation='sigmoid' for a one-unit binary output"
    elif group == "binary":
        advice = f"{constant}; the loss takes logits (from_logits=True): remove the activation"
    elif group == "categorical":
        labels = "one-hot" if loss.name in vocab.CATEGORICAL_LOSSES else "integer"
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
    # The fix is offered only when the loss is known not to take logits, or is not known.
    known = loss is None or loss.name is None or loss.from_logits is False
    fix = _fix(head, mismatch.use_activation) if known else None
    return Report(head.node, f"{_CONSTANT}: {advice}", fix)


def _fix(head: Head, activation: str | None) -> FixRequest | None:
    literal = head.sole_literal()
    if literal is None or activation is None:
        return None
    return FixRequest(
        f"Use activation='{activation}'",
        literal,
        "SimpleString",
        "unsafe",
        (("activation", activation),),
    )
