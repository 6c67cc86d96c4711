"""LRC404: argmax over a whole batch of class scores, where one class per sample was meant."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    DataVal,
    Fix,
    FixRequest,
    PredictionVal,
    Report,
    Rule,
    Source,
    Value,
    add_keyword,
    line,
    output_head,
    trained_loss,
    vocab,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts


_FUNCTIONS = {"numpy.argmax": "flat", "keras.ops.argmax": "flat", "tensorflow.argmax": "axis 0"}
_PREDICT = vocab.PREDICTION_METHODS


class ArgmaxWithoutAxis(Rule):
    code = "LRC404"
    name = "argmax-without-axis"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        if any(site.qualname == "numpy.unravel_index" for site in facts.calls):
            return  # a flat index over the whole batch is wanted, and unravelled
        for site in facts.calls_to(*_FUNCTIONS):
            call = site.node
            if call.args and not _given_axis(call, position=1):
                shown = f"{ast.unparse(call.func)}()"
                kind = _FUNCTIONS[site.qualname]
                yield from _check(call, facts.value_of(call.args[0]), shown, kind, facts)
        for method in facts.method_calls:
            call = method.node
            receiver = method.receiver
            if method.method != "argmax" or _given_axis(call, position=0):
                continue
            if isinstance(receiver, PredictionVal) and _from_predict(receiver):
                yield from _check(call, receiver, ".argmax()", "flat", facts)

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return add_keyword(node, "axis", "-1")


def _given_axis(call: ast.Call, *, position: int) -> bool:
    """Whether the call passes an axis, or may through ``*args``/``**kwargs``."""
    if any(kw.arg in {"axis", None} for kw in call.keywords):
        return True
    if any(isinstance(a, ast.Starred) for a in call.args):
        return True
    return len(call.args) > position


def _from_predict(prediction: PredictionVal) -> bool:
    # ``model(x)`` gives a tensor, which has no ``.argmax()``; only predict() gives an array.
    func = prediction.node.func
    return isinstance(func, ast.Attribute) and func.attr in _PREDICT


def _check(
    call: ast.Call, value: Value | None, shown: str, how: str, facts: FileFacts
) -> Iterator[Report]:
    if not isinstance(value, PredictionVal) or not _is_classifier(value, facts):
        return
    batch = _batch(value.input)
    if batch is None:
        return
    at = line(value.node)
    if how == "flat":
        wrong = (
            f"{shown} without axis flattens the predictions for {batch} (line {at}) and returns "
            "one index into the whole batch, not one class per sample"
        )
    else:
        wrong = (
            f"{shown} without axis reduces axis 0, the batch of predictions for {batch} (line "
            f"{at}), giving for each class the sample that scores highest, not each sample's "
            "class"
        )
    yield Report(
        call,
        f"{wrong}; pass axis=-1",
        FixRequest("Add axis=-1", call, "Call", "unsafe"),
    )


def _is_classifier(prediction: PredictionVal, facts: FileFacts) -> bool:
    """The model outputs several class scores per sample (one output unit: argmax over the
    batch picks a sample, which may be intended)."""
    model = prediction.model
    if model is None:
        return False
    head = output_head(model, facts)
    if head is not None and head.units is not None:
        return head.units > 1
    if head is not None and head.activation.name == "softmax":
        return True
    loss = trained_loss(model)
    return loss is not None and loss.name in vocab.CATEGORICAL_LOSSES | vocab.SPARSE_LOSSES


def _batch(value: Value) -> str | None:
    """What the predicted data is, when it certainly holds many samples; else None."""
    if not isinstance(value, DataVal) or not value.sources or value.may_have("unknown"):
        return None
    for op in value.may:
        if op.kind == "select" and not (op.detail == "slice" and (op.number or 0) >= 2):
            return None  # one sample, a mask or an index array: how many remain is unknown
    descriptions = [_many(source) for source in value.sources]
    if any(d is None for d in descriptions) and not value.must_have("split"):
        return None
    source = min(value.sources, key=lambda s: s.line)
    return _many(source) or "a train_test_split part"


def _many(source: Source) -> str | None:
    if source.kind == "dataset" and source.name in vocab.DATASETS:
        return f"{source.name.removesuffix('_coarse')}.load_data() data"
    if source.kind == "generated" and (source.rows or 0) >= 2:
        return f"{source.rows} generated samples"
    if source.kind == "image_generator":
        return "a batched image generator"
    if source.kind == "images" and source.name.endswith("image_dataset_from_directory"):
        return "a batched image dataset"
    return None
