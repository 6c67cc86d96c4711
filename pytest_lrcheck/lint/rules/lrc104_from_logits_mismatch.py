"""LRC104: ``from_logits=True`` on a loss whose model already outputs probabilities."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.keras_vocab import BINARY_LOSSES, LOGIT_LOSSES, PROBABILITY_ACTIVATIONS
from pytest_lrcheck.lint.heads import loss_class, output_head, trained_loss
from pytest_lrcheck.lint.rule import FixRequest, Report, Rule

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.facts import FileFacts
    from pytest_lrcheck.lint.findings import Fix

_CACHED_LOGITS = frozenset({"softmax", "sigmoid"})


class FromLogitsMismatch(Rule):
    code = "LRC104"
    name = "from-logits-mismatch"
    # Keras on TensorFlow recovers the logits (and warns); the JAX and PyTorch backends and
    # older Keras squash twice.  A contradiction that bites depending on the backend.
    severity = "warning"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            loss = trained_loss(model)
            if loss is None or loss.name not in LOGIT_LOSSES or loss.from_logits is not True:
                continue
            if loss.from_logits_node is None:
                continue
            head = output_head(model, facts)
            if head is None or head.activation.name not in PROBABILITY_ACTIVATIONS:
                continue
            squash = "sigmoid" if loss.name in BINARY_LOSSES else "softmax"
            # Keras caches the logits of softmax and sigmoid outputs, not of hard_sigmoid.
            undone = head.activation.name in _CACHED_LOGITS
            note = " (only the TensorFlow backend undoes this, with a warning)" if undone else ""
            message = (
                f"from_logits=True makes {loss_class(loss)} apply {squash} itself, but the "
                f"output already applies {head.activation.name} (line {head.line}), so "
                f"probabilities are squashed twice and gradients weaken{note}; use "
                "from_logits=False, or remove the output activation to train on logits"
            )
            yield Report(loss.from_logits_node, message, _fix(loss.from_logits_node))

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        import libcst as cst

        if not (isinstance(node, cst.Name) and node.value == "True"):
            raise TypeError(f"expected the literal True, got {type(node).__name__}")
        return node.with_changes(value="False")


def _fix(node: ast.expr) -> FixRequest | None:
    # A variable may serve other losses too: only the literal is rewritten.
    if not (isinstance(node, ast.Constant) and node.value is True):
        return None
    return FixRequest("Use from_logits=False", node, "Name", "unsafe")
