"""LRC203: ``fit`` validates on the very data it trains on."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    CallFact,
    Const,
    DataVal,
    Op,
    Report,
    Rule,
    TupleVal,
    Value,
    short,
    vocab,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.rulekit import FileFacts

# The training methods that take ``validation_data``.
_TRAINING = vocab.TRAINING_METHODS - {"train_on_batch"}
# Steps that only pick or reshape samples: what they keep of the data is still that data.
_PICKING = frozenset({"split", "select", "reshape"})
# ``x[:1000]`` and ``x[mask]`` pick samples; ``x[:, 0]`` picks a column of every sample.
_SAMPLE_SELECTIONS = frozenset({"slice", "index"})


class ValidationDataIsTrainingData(Rule):
    code = "LRC203"
    name = "validation-data-is-training-data"
    severity = "warning"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            for call in model.calls:
                if call.method not in _TRAINING or call.validation_node is None:
                    continue
                message = _identical(call) or _part_of_training(call)
                if message is not None:
                    yield Report(call.validation_node, message)


def _pairs(call: CallFact) -> list[tuple[Value | None, Value]] | None:
    """(training value, validation value) for x and, when given, y; None if not comparable."""
    validation = call.validation
    if isinstance(validation, TupleVal):
        items = validation.items
        if len(items) < 2 or call.y is None:
            return None
        return [(call.x, items[0]), (call.y, items[1])]
    if validation is None or call.y is not None:
        return None
    return [(call.x, validation)]  # a dataset or generator yielding (x, y) batches


def _identical(call: CallFact) -> str | None:
    pairs = _pairs(call)
    if pairs is None:
        return None
    for (trained, validated), (trained_node, validated_node) in zip(
        pairs, _pair_nodes(call), strict=False
    ):
        if trained is None or isinstance(trained, Const):
            return None
        # The same abstract object means the same binding, read twice in one call; the same
        # selection written twice in one call (``X[idx]``, ``X[idx]``) reads the same data.
        if trained is not validated and not _same_reading(trained_node, validated_node):
            return None
    return (
        f"validation_data {_shown(call.validation_node)} is the training data itself, so the "
        "validation metrics measure memorisation and never reveal overfitting (nor trigger "
        "EarlyStopping); validate on held-out data: validation_split=0.2 or a train_test_split"
    )


def _part_of_training(call: CallFact) -> str | None:
    """The validation data is a split part or a row selection of what ``fit`` trains on whole."""
    pairs = _pairs(call)
    if pairs is None:
        return None
    parts: list[Op] = []
    for trained, validated in pairs:
        if not (isinstance(trained, DataVal) and isinstance(validated, DataVal)):
            return None
        cut = _cut_from(validated, trained)
        if cut is None:
            return None
        parts.append(cut)
    shown = _shown(call.x_node)
    first = min(parts, key=lambda op: op.line)
    if first.kind == "split":
        how = f"was split off {shown} at line {first.line}"
    else:
        how = f"selects samples of {shown}"
    return (
        f"validation_data {_shown(call.validation_node)} {how}, "
        f"but fit() trains on all of {shown}, so every validation sample is also a training "
        "sample; train on the other part, or hold data out with validation_split=0.2"
    )


def _cut_from(part: DataVal, whole: DataVal) -> Op | None:
    """The split or row selection that made ``part`` out of ``whole``, if it was made so.

    ``whole`` must carry no step that ``part`` lacks: data that fit() trains on after cutting a
    hold-out off (``x_train = x_train[:-10000]``) carries its own selection and is not whole.
    """
    if part is whole or part.sources != whole.sources:
        return None
    if not (whole.may <= part.may and whole.must <= part.must):
        return None
    extra = part.may - whole.may
    if any(op.kind not in _PICKING for op in extra):
        return None
    # Only steps certain on every path, and selections of samples (not of columns or axes).
    cuts = [
        op
        for op in extra
        if op in part.must
        and (op.kind == "split" or (op.kind == "select" and op.detail in _SAMPLE_SELECTIONS))
    ]
    return min(cuts, key=lambda op: op.line) if cuts else None


# Expressions that only read bindings: written twice in one call, they read the same values.
_READING = (ast.Name, ast.Attribute, ast.Subscript, ast.Slice, ast.Constant, ast.Tuple, ast.Load)


def _pair_nodes(call: CallFact) -> list[tuple[ast.expr | None, ast.expr | None]]:
    node = call.validation_node
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    trained = [call.x_node, call.y_node]
    return [(trained[i], items[i] if i < len(items) else None) for i in range(2)]


def _same_reading(first: ast.expr | None, second: ast.expr | None) -> bool:
    """Whether two expressions of one call spell the same read of the same bindings: only
    names, attributes and subscripts (a call may return other data each time)."""
    if first is None or second is None or not isinstance(first, ast.Subscript):
        return False
    if not all(isinstance(n, (*_READING, ast.expr_context)) for n in ast.walk(first)):
        return False
    return ast.dump(first) == ast.dump(second)


def _shown(node: ast.expr | None) -> str:
    return short(node, 40, "the data")
