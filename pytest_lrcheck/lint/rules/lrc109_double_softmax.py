"""LRC109: a softmax applied to the output of a softmax."""

from __future__ import annotations

import ast
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Const,
    Fix,
    FixRequest,
    LayerFact,
    ModelFact,
    PredictionVal,
    Report,
    Rule,
    TensorVal,
    arg,
    line,
    output_head,
    softmax_axis,
    trained_loss,
    units_of,
    unwrap_call,
    vocab,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts

# Functions that apply a softmax over the last axis unless told otherwise.
SOFTMAX_FUNCTIONS: dict[str, str] = {
    "tensorflow.nn.softmax": "tf.nn.softmax",
    "tensorflow.softmax": "tf.math.softmax",
    "keras.activations.softmax": "keras.activations.softmax",
    "keras.ops.softmax": "keras.ops.softmax",
    "keras.ops.nn.softmax": "keras.ops.softmax",
    "keras.backend.softmax": "keras.backend.softmax",
}
_CROSSENTROPY = vocab.CATEGORICAL_LOSSES | vocab.SPARSE_LOSSES
# Expressions that can stand where the call stood without parentheses.
_PRIMARIES = (ast.Name, ast.Call, ast.Attribute, ast.Subscript)


class DoubleSoftmax(Rule):
    code = "LRC109"
    name = "double-softmax"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            if model.kind == "sequential":
                yield from _sequential(model, facts)
        yield from _functional(facts)
        yield from _calls(facts)

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return unwrap_call(node)


def _sequential(model: ModelFact, facts: FileFacts) -> Iterator[Report]:
    previous: LayerFact | None = None
    for layer in model.layers:
        if layer.conditional:
            previous = None
            continue
        if layer.kind in vocab.PASSTHROUGH_LAYERS:
            continue
        if previous is not None:
            report = _pair(previous, layer, facts)
            if report is not None:
                yield report
        previous = layer


def _functional(facts: FileFacts) -> Iterator[Report]:
    seen: set[int] = set()
    for value in list(facts.values.values()):
        if not isinstance(value, TensorVal) or value.layer is None or id(value) in seen:
            continue
        seen.add(id(value))
        source = _input_through_passthrough(value)
        if source is not None and source.layer is not None:
            report = _pair(source.layer, value.layer, facts)
            if report is not None:
                yield report


def _input_through_passthrough(tensor: TensorVal) -> TensorVal | None:
    """The tensor feeding ``tensor``'s layer, looking through Dropout and the like."""
    if len(tensor.inputs) != 1:
        return None
    source = tensor.inputs[0]
    while source.layer is not None and source.layer.kind in vocab.PASSTHROUGH_LAYERS:
        if len(source.inputs) != 1:
            return None
        source = source.inputs[0]
    return source


def _pair(first: LayerFact, second: LayerFact, facts: FileFacts) -> Report | None:
    """A report when ``second`` is a softmax layer applied to ``first``'s softmax output."""
    if second.kind not in vocab.ACTIVATION_LAYERS or second.applies_activation != "softmax":
        return None
    axis = softmax_axis(second, facts)
    inner = _softmax_output(first, facts)
    if axis is None or inner is None or inner[0] != axis:
        return None
    _, described, classes = inner
    training = _trained_with_crossentropy(second, facts)
    return Report(
        second.node,
        f"{second.kind} applies a softmax to {described}, which already sums to 1: "
        f"{_consequence(classes, training=training)}; remove one of the two softmaxes",
    )


def _trained_with_crossentropy(layer: LayerFact, facts: FileFacts) -> bool:
    for model in facts.models:
        loss = trained_loss(model)
        if loss is not None and loss.name in _CROSSENTROPY and layer in model.layers:
            return True
    return False


def _softmax_output(layer: LayerFact, facts: FileFacts) -> tuple[int, str, int | None] | None:
    """(axis, description, classes) when ``layer`` outputs a softmax, else None."""
    where = line(layer.node)
    if layer.kind == "?":
        found = _model_softmax(layer.nested, facts) if layer.nested is not None else None
        if found is None:
            return None
        axis, inner, classes = found
        return axis, f"the softmax output of the model before it (line {inner})", classes
    if layer.kind in vocab.ACTIVATION_LAYERS:
        if layer.applies_activation != "softmax":
            return None
        last = softmax_axis(layer, facts)
        return None if last is None else (last, f"the output of {layer.kind} (line {where})", None)
    if layer.activation is not None and layer.activation.name == "softmax":
        units = units_of(layer, facts)
        return -1, f"the softmax output of {layer.kind} (line {where})", units
    return None


def _model_softmax(model: ModelFact, facts: FileFacts) -> tuple[int, int, int | None] | None:
    """(axis, line, classes) when the model's output is a softmax, else None."""
    head = output_head(model, facts)
    if head is None or head.activation.name != "softmax":
        return None
    axis = softmax_axis(head.activation_layer, facts)
    return None if axis is None else (axis, head.line, head.units)


def _consequence(classes: int | None, *, training: bool) -> str:
    """What a second softmax does to probabilities, with the numbers when the classes are known."""
    if classes is None or classes < 2:
        if training:
            return "the probabilities crowd towards uniform and the loss cannot fall as it should"
        return "the probabilities crowd towards uniform"
    # Inputs in [0, 1] differ by at most 1, so no output exceeds e / (e + n - 1).
    ceiling = math.e / (math.e + classes - 1)
    if training:
        return (
            f"with {classes} classes no probability can exceed {ceiling:.2f}, so "
            f"cross-entropy cannot fall below {-math.log(ceiling):.2f}"
        )
    return f"with {classes} classes no probability can exceed {ceiling:.2f}"


def _calls(facts: FileFacts) -> Iterator[Report]:
    for site in facts.calls_to(*SOFTMAX_FUNCTIONS):
        call = site.node
        target = arg(call, 0, "x")
        if target is None:
            target = arg(call, None, "logits")
        prediction = facts.value_of(target)
        if not isinstance(prediction, PredictionVal) or prediction.model is None:
            continue
        found = _model_softmax(prediction.model, facts)
        if found is None or found[0] != -1 or not _last_axis(call, facts):
            continue
        _, where, classes = found
        shown = SOFTMAX_FUNCTIONS[site.qualname]
        yield Report(
            call,
            f"{shown}() applies softmax to predictions of a model whose output is already a "
            f"softmax (line {where}): {_consequence(classes, training=False)}; use the "
            "predictions as they are",
            _unwrap(call, target),
        )


def _last_axis(call: ast.Call, facts: FileFacts) -> bool:
    expr = arg(call, 1, "axis")
    if expr is None:
        return True
    value = facts.value_of(expr)
    return isinstance(value, Const) and value.value == -1 and not isinstance(value.value, bool)


def _unwrap(call: ast.Call, target: ast.expr | None) -> FixRequest | None:
    if len(call.args) != 1 or call.keywords or call.args[0] is not target:
        return None
    if not isinstance(target, _PRIMARIES):
        return None
    return FixRequest("Remove the second softmax", call, "Call", "unsafe")
