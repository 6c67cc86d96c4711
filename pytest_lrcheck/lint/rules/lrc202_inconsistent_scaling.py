"""LRC202: training inputs scaled, but validation/test inputs from the same source not (or the
labels scaled in place of the inputs)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    CallFact,
    DataVal,
    ModelFact,
    Op,
    Report,
    Rule,
    Source,
    TupleVal,
    dataset_of,
    describe_source,
    line,
    short,
    vocab,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.rulekit import FileFacts

_TRAINING = vocab.TRAINING_METHODS
_HELD_OUT = vocab.EVALUATION_METHODS | vocab.PREDICTION_METHODS
# Source kinds whose name identifies the data: a dataset, an image loader, a generator flow.
_NAMED_KINDS = frozenset({"dataset", "images", "image_generator"})
# Arithmetic that turns class ids into fractions; ``y - 1`` or ``y % 2`` keep them ids.
_LABEL_BREAKING = frozenset({"div"})


@dataclass(frozen=True)
class _Input:
    """One place where a model receives inputs."""

    call: CallFact
    node: ast.expr
    value: DataVal
    validation: bool = False


class InconsistentScaling(Rule):
    code = "LRC202"
    name = "inconsistent-scaling"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            inputs = list(_inputs(model))
            trained = [i for i in inputs if i.call.method in _TRAINING and not i.validation]
            scaled = [i for i in trained if i.value.must_have("scale")]
            # One finding per unscaled array, at its first use; later uses are named in it.
            uses: dict[int, list[tuple[_Input, _Input]]] = {}
            for held in inputs:
                if not (held.validation or held.call.method in _HELD_OUT) or not _raw(held.value):
                    continue
                match = next((t for t in scaled if _same_source(t.value, held.value)), None)
                if match is not None:
                    uses.setdefault(id(held.value), []).append((held, match))
            for pairs in uses.values():
                held, match = pairs[0]
                later = [h for h, _ in pairs[1:]]
                yield Report(held.node, _unscaled_message(held, match, later))
            yield from _scaled_labels(model, trained)


def _inputs(model: ModelFact) -> Iterator[_Input]:
    for call in model.calls:
        if isinstance(call.x, DataVal) and call.x_node is not None:
            yield _Input(call, call.x_node, call.x)
        node, value = call.validation_node, call.validation
        if isinstance(node, ast.Tuple) and isinstance(value, TupleVal) and node.elts:
            node, value = node.elts[0], value.items[0] if value.items else None
        if isinstance(value, DataVal) and node is not None and call.method in _TRAINING:
            yield _Input(call, node, value, validation=True)


def _raw(value: DataVal) -> bool:
    """Not scaled on any path, and every step on the way is known."""
    return value.complete and not value.may_have("scale") and not value.may_have("unknown")


def _same_source(trained: DataVal, held: DataVal) -> bool:
    """Both come from one dataset, loader or generator (the train and test splits of mnist,
    two halves of one ``train_test_split``...)."""
    if trained.sources & held.sources:
        return True
    named = {_key(s) for s in trained.sources if s.kind in _NAMED_KINDS}
    return any(_key(s) in named for s in held.sources if s.kind in _NAMED_KINDS)


def _key(source: Source) -> tuple[str, str, str]:
    return (source.kind, source.name, source.role)


def _unscaled_message(held: _Input, trained: _Input, later: list[_Input]) -> str:
    shown = _shown(held.node)
    source = describe_source(min(held.value.sources, key=lambda s: s.line))
    also = "".join(f", {_where(h)} at line {line(h.node)}" for h in later)
    return (
        f"{shown} ({source}) reaches {_where(held)}{also} unscaled, but the training inputs "
        f"{_shown(trained.node)} were scaled ({_describe_scaling(trained.value)}); scale "
        f"{shown} the same way, or scale inside the model with a Rescaling layer"
    )


def _where(use: _Input) -> str:
    method = f"{use.call.method}()"
    return f"validation_data of {method}" if use.validation else method


def _scaled_labels(model: ModelFact, trained: list[_Input]) -> Iterator[Report]:
    """``y_train = y_train / 255`` while ``x_train`` stays raw: the wrong variable was scaled."""
    for item in trained:
        call = item.call
        labels = call.y
        if not isinstance(labels, DataVal) or call.y_node is None or not _raw(item.value):
            continue
        sources = [s for s in labels.sources if dataset_of(s) is not None]
        if not sources or len(sources) != len(labels.sources):
            continue
        if not {s.name for s in sources} & {s.name for s in item.value.sources}:
            continue
        steps = [op for op in labels.must if op.kind == "scale" and op.detail in _LABEL_BREAKING]
        if not steps:
            continue
        step = min(steps, key=lambda op: op.line)
        yield Report(
            call.y_node,
            f"the class labels {_shown(call.y_node)} are scaled ({_describe(step)}) while the "
            f"inputs {_shown(item.node)} stay raw: fractions of class ids are not labels; "
            f"scale {_shown(item.node)} instead and keep the labels as they are",
        )


def _describe_scaling(value: DataVal) -> str:
    steps = sorted((op for op in value.must if op.kind == "scale"), key=lambda op: op.line)
    return _describe(steps[0]) if steps else "scaled"


_SYMBOLS = {"div": "/", "mult": "*", "sub": "-", "add": "+", "floordiv": "//", "pow": "**"}


def _describe(op: Op) -> str:
    if op.detail == "generator":
        return f"by the image generator at line {op.line}"
    symbol = _SYMBOLS.get(op.detail)
    if symbol is None:
        return f"{op.detail}() at line {op.line}"
    amount = f" {op.number:g}" if op.number is not None else ""
    return f"{symbol}{amount} at line {op.line}"


def _shown(node: ast.expr) -> str:
    return short(node, 30, "these inputs")
