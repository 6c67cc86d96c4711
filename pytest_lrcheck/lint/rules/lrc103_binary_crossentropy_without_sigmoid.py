"""LRC103: binary cross-entropy on an output that is not a sigmoid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.keras_vocab import BINARY_LOSSES
from pytest_lrcheck.lint.heads import Head, loss_class, output_head, rewrite_string, trained_loss
from pytest_lrcheck.lint.rule import FixRequest, Report, Rule

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.facts import FileFacts
    from pytest_lrcheck.lint.findings import Fix
    from pytest_lrcheck.lint.values import LossFact

_PROBABILITIES = frozenset({"sigmoid", "hard_sigmoid"})


class BinaryCrossentropyWithoutSigmoid(Rule):
    code = "LRC103"
    name = "binary-crossentropy-without-sigmoid"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            loss = trained_loss(model)
            if loss is None or loss.name not in BINARY_LOSSES or loss.from_logits is not False:
                continue
            head = output_head(model, facts)
            if head is None or head.activation.name in _PROBABILITIES:
                continue
            if head.activation.name == "softmax":
                report = _softmax(head, loss)
                if report is not None:
                    yield report
                continue
            yield Report(head.node, _message(head, loss), _fix(head))

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return rewrite_string(node, "sigmoid")


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


def _softmax(head: Head, loss: LossFact) -> Report | None:
    # One unit is LRC102's finding.  With two units and one-hot labels, binary cross-entropy
    # on a softmax equals categorical cross-entropy, so training is right: stay silent.
    if head.units is None or head.units <= 2:
        return None
    return Report(
        head.node,
        f"{loss.name} scores each of the {head.units} outputs as an independent yes/no "
        "probability, but softmax makes them compete (they sum to 1); for one class per sample "
        "use categorical_crossentropy (sparse_categorical_crossentropy for integer labels), "
        "for several labels per sample use activation='sigmoid'",
    )


def _fix(head: Head) -> FixRequest | None:
    literal = head.sole_literal()
    if literal is None:
        return None
    return FixRequest("Use activation='sigmoid'", literal, "SimpleString", "unsafe")
