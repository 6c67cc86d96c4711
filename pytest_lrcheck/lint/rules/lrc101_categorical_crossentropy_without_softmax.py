"""LRC101: categorical cross-entropy (one-hot or sparse labels) on a non-softmax output."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.keras_vocab import CATEGORICAL_LOSSES, SPARSE_LOSSES
from pytest_lrcheck.lint.rule import FixRequest, Report, Rule

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.facts import FileFacts
    from pytest_lrcheck.lint.findings import Fix


_LOSSES = CATEGORICAL_LOSSES | SPARSE_LOSSES


class CategoricalCrossentropyWithoutSoftmax(Rule):
    code = "LRC101"
    name = "categorical-crossentropy-without-softmax"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            loss = model.loss
            if loss is None:
                continue
            if loss.name not in _LOSSES or loss.from_logits is not False:
                continue
            activation = model.output_activation()
            if activation is None or activation.name in (None, "softmax"):
                continue
            head = model.head()
            assert head is not None  # output_activation() is known, so the head is
            where: ast.AST = activation.node if activation.node is not None else head[0].node
            shown = activation.name if activation.explicit else "linear (no activation)"
            if head[0].units == 1:
                # softmax over one unit is constant (LRC102): the repair is a binary loss.
                yield Report(
                    where,
                    f"{loss.name} over a single {shown} output unit cannot rank classes; for "
                    "two classes use activation='sigmoid' with loss='binary_crossentropy' (or "
                    "two softmax units)",
                )
                continue
            message = (
                f"{loss.name} expects class probabilities that sum to 1, but the output "
                f"activation is {shown}; use activation='softmax' on the last layer, or keep "
                "it linear and pass from_logits=True to the loss"
            )
            yield Report(where, message, _fix(activation.node))

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        import libcst as cst

        assert isinstance(node, cst.SimpleString)
        quote = node.quote
        return node.with_changes(value=f"{node.prefix}{quote}softmax{quote}")


def _fix(node: ast.expr | None) -> FixRequest | None:
    # Only a literal activation string is rewritten; a function or variable is left to the user.
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return None
    return FixRequest("Use activation='softmax'", node, "SimpleString", "unsafe")
