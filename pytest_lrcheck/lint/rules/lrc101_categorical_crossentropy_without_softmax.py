"""LRC101: categorical cross-entropy (one-hot or sparse labels) on a non-softmax output."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Fix,
    FixRequest,
    Head,
    Report,
    Rule,
    output_head,
    replace_string,
    string_literal,
    vocab,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts

_LOSSES = vocab.CATEGORICAL_LOSSES | vocab.SPARSE_LOSSES
_WITHOUT_SOFTMAX = frozenset({"categorical_on_sigmoid", "categorical_without_softmax"})


class CategoricalCrossentropyWithoutSoftmax(Rule):
    code = "LRC101"
    name = "categorical-crossentropy-without-softmax"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            head = output_head(model, facts)
            if head is None or head.loss is None:
                continue
            loss = head.loss
            if loss.name not in _LOSSES or loss.from_logits is not False:
                continue
            if head.activation.name in (None, "softmax"):
                continue  # a one-unit softmax is LRC102's finding
            for mismatch in head.mismatches():
                if mismatch.kind == "single_unit_categorical":
                    # softmax over one unit is constant (LRC102): the repair is a binary loss.
                    yield Report(
                        head.node,
                        f"{loss.name} over a single {head.shown()} output unit cannot rank "
                        "classes; for two classes use activation='sigmoid' with "
                        "loss='binary_crossentropy' (or two softmax units)",
                    )
                elif mismatch.kind in _WITHOUT_SOFTMAX:
                    message = (
                        f"{loss.name} expects class probabilities that sum to 1, but the output "
                        f"activation is {head.shown()}; use activation='softmax' on the last "
                        "layer, or keep it linear and pass from_logits=True to the loss"
                    )
                    yield Report(head.node, message, _fix(head, mismatch.use_activation))

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return replace_string(node, fix.param("activation", "softmax"))


def _fix(head: Head, activation: str | None) -> FixRequest | None:
    # Only a literal activation string is rewritten; a function or variable is left to the user.
    node = head.activation.node
    if activation is None or string_literal(node) is None:
        return None
    assert node is not None
    return FixRequest(
        f"Use activation='{activation}'",
        node,
        "SimpleString",
        "unsafe",
        (("activation", activation),),
    )
