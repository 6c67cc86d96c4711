"""LRC104: ``from_logits=True`` on a loss whose model already outputs probabilities."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Fix,
    FixRequest,
    Report,
    Rule,
    loss_class,
    output_head,
    replace_name,
    vocab,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts

# Keras caches the logits of softmax and sigmoid outputs, not of hard_sigmoid.
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
            head = output_head(model, facts)
            if head is None or head.loss is None:
                continue
            loss = head.loss
            if loss.from_logits is not True or loss.from_logits_node is None:
                continue
            found = [m for m in head.mismatches() if m.kind == "probabilities_as_logits"]
            if not found:
                continue
            squash = "sigmoid" if loss.name in vocab.BINARY_LOSSES else "softmax"
            undone = head.activation.name in _CACHED_LOGITS
            note = " (only the TensorFlow backend undoes this, with a warning)" if undone else ""
            message = (
                f"from_logits=True makes {loss_class(loss)} apply {squash} itself, but the "
                f"output already applies {head.activation.name} (line {head.line}), so "
                f"probabilities are squashed twice and gradients weaken{note}; use "
                "from_logits=False, or remove the output activation to train on logits"
            )
            node = loss.from_logits_node
            yield Report(node, message, _fix(node, found[0].use_from_logits))

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return replace_name(node, "True", "False")


def _fix(node: ast.expr, use: bool | None) -> FixRequest | None:
    # A variable may serve other losses too: only the literal is rewritten.
    if use is not False or not (isinstance(node, ast.Constant) and node.value is True):
        return None
    return FixRequest("Use from_logits=False", node, "Name", "unsafe")
