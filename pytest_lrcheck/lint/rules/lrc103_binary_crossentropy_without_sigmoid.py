"""LRC103: binary cross-entropy on an output that is not a sigmoid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Fix,
    FixRequest,
    Head,
    LossFact,
    Report,
    Rule,
    loss_class,
    output_head,
    replace_string,
    vocab,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts


class BinaryCrossentropyWithoutSigmoid(Rule):
    code = "LRC103"
    name = "binary-crossentropy-without-sigmoid"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            head = output_head(model, facts)
            if head is None or head.loss is None:
                continue
            loss = head.loss
            if loss.name not in vocab.BINARY_LOSSES or loss.from_logits is not False:
                continue
            for mismatch in head.mismatches():
                # A one-unit softmax (constant_softmax) is LRC102's finding.
                if mismatch.kind == "binary_on_softmax":
                    yield Report(head.node, _softmax_message(head, loss))
                elif mismatch.kind == "binary_without_sigmoid":
                    fix = _fix(head, mismatch.use_activation)
                    yield Report(head.node, _message(head, loss), fix)

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return replace_string(node, fix.param("activation", "sigmoid"))


def _message(head: Head, loss: LossFact) -> str:
    problem = (
        f"{loss.name} expects probabilities in [0, 1], but the output activation is "
        f"{head.shown()}: outputs outside [0, 1] are clipped and stop learning"
    )
    if head.activation.name == "linear":
        return (
            f"{problem}; add activation='sigmoid', or keep the output linear and pass "
            f"from_logits=True to {loss_class(loss)}"
        )
    return f"{problem}; use activation='sigmoid'"


def _softmax_message(head: Head, loss: LossFact) -> str:
    # With two units and one-hot labels, binary cross-entropy on a softmax equals categorical
    # cross-entropy, so training is right: the pairing table stays silent there.
    return (
        f"{loss.name} scores each of the {head.units} outputs as an independent yes/no "
        "probability, but softmax makes them compete (they sum to 1); for one class per sample "
        "use categorical_crossentropy (sparse_categorical_crossentropy for integer labels), "
        "for several labels per sample use activation='sigmoid'"
    )


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
