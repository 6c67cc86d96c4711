"""LRC106: one-hot labels under sparse categorical cross-entropy, or class ids under categorical."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Fix,
    FixRequest,
    LabelEncoding,
    Labels,
    LossFact,
    Report,
    Rule,
    label_encoding,
    labels_of,
    output_head,
    replace_string,
    short,
    string_literal,
    trained_loss,
    vocab,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts


class LabelEncodingMismatch(Rule):
    code = "LRC106"
    name = "label-encoding-mismatch"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            loss = trained_loss(model)
            if loss is None:
                continue
            if loss.name in vocab.SPARSE_LOSSES:
                wrong = "one_hot"
            elif loss.name in vocab.CATEGORICAL_LOSSES:
                wrong = "integer"
            else:
                continue
            found = [(labels, label_encoding(labels.value)) for labels in labels_of(model)]
            known = [(labels, enc) for labels, enc in found if enc is not None]
            # LabelBinarizer writes one 0/1 column for two classes: only trust a scikit-learn
            # one-hot when the head shows more than two classes.
            head = output_head(model, facts)
            units = None if head is None else head.units
            known = [
                (labels, enc)
                for labels, enc in known
                if not (enc.sklearn and enc.kind == "one_hot" and (units is None or units < 3))
            ]
            agreeing = [labels for labels, enc in known if enc.kind != wrong]
            mismatched = [(labels, enc) for labels, enc in known if enc.kind == wrong]
            if agreeing:
                # Labels disagree with each other: each mismatched one needs re-encoding.
                for labels, encoding in mismatched:
                    yield Report(labels.node, _message(labels, encoding, loss, agreeing, []))
            elif mismatched:
                # Every label argument disagrees with the loss: one cause, one finding.
                (labels, encoding), *others = mismatched
                message = _message(labels, encoding, loss, [], [o for o, _ in others])
                yield Report(labels.node, message, _fix(loss))

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return replace_string(node, fix.param("loss"))


def _message(
    labels: Labels,
    encoding: LabelEncoding,
    loss: LossFact,
    agreeing: list[Labels],
    others: list[Labels],
) -> str:
    shown = _shown(labels.node)
    where = _where(labels)
    listed = ", ".join(f"{_shown(o.node)} at line {o.node.lineno}" for o in others)
    also = f", as {'is' if len(others) == 1 else 'are'} {listed}," if others else ""
    line = loss.node.lineno
    if encoding.kind == "one_hot":
        problem = (
            f"{shown} given to {where} is one-hot ({encoding.evidence}){also} but {loss.name} "
            f"(line {line}) expects integer class ids"
        )
        remedy = "use loss='categorical_crossentropy', or pass the integer labels"
        same = "pass integer class ids here too"
    else:
        problem = (
            f"{shown} given to {where} holds integer class ids ({encoding.evidence}){also} but "
            f"{loss.name} (line {line}) expects one-hot rows"
        )
        remedy = (
            "use loss='sparse_categorical_crossentropy', or one-hot encode the labels with "
            "to_categorical"
        )
        same = "one-hot encode these labels too"
        if _twin(loss) is None:  # categorical focal cross-entropy has no sparse twin
            remedy = "one-hot encode the labels with to_categorical"
    if agreeing:
        other = agreeing[0]
        remedy = f"{_shown(other.node)} (line {other.node.lineno}) matches the loss, so {same}"
    return f"{problem}; {remedy}"


def _where(labels: Labels) -> str:
    method = f"{labels.call.method}()"
    return f"validation_data of {method}" if labels.validation else method


def _shown(node: ast.expr) -> str:
    return short(node, 30, "the labels")


def _twin(loss: LossFact) -> str | None:
    """The same loss for the other label encoding: the literal swap that matches the labels."""
    info = vocab.loss_named(loss.name)
    return None if info is None else info.twin


def _fix(loss: LossFact) -> FixRequest | None:
    # Only a literal loss string is swapped; a loss object or a variable is left to the user.
    new = _twin(loss)
    if string_literal(loss.node) is None or new is None:
        return None
    return FixRequest(f"Use loss='{new}'", loss.node, "SimpleString", "unsafe", (("loss", new),))
