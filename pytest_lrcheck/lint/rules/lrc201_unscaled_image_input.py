"""LRC201: raw 0-255 pixels reach ``fit`` with no scaling anywhere on the way."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    DataVal,
    Fix,
    FixRequest,
    ModelFact,
    Report,
    Rule,
    Source,
    insert_after,
    vocab,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts

_TRAINING = vocab.TRAINING_METHODS
# Layers that may sit in front of a Rescaling layer without touching the scale.
_BEFORE_SCALING = frozenset(
    {"InputLayer", "Resizing", "RandomFlip", "RandomRotation", "RandomZoom", "RandomCrop",
     "RandomTranslation", "RandomContrast", "RandomBrightness", "Reshape", "Permute"}
)  # fmt: skip


def pixel_source(data: DataVal) -> Source | None:
    """The source of raw pixels this data comes from, if any."""
    for source in sorted(data.sources, key=lambda s: s.line):
        if source.kind == "dataset" and source.role == "x":
            info = vocab.DATASETS.get(source.name)
            if info is not None and info.images:
                return source
        if source.kind in {"images", "image_generator"}:
            return source
    return None


def describe(source: Source) -> str:
    if source.kind == "dataset":
        return f"{source.name}.load_data() (line {source.line})"
    return f"{source.name.rsplit('.', 1)[-1]}() (line {source.line})"


def model_scales_inputs(model: ModelFact) -> bool | None:
    """True if the model's first layers rescale/normalise; None when they cannot be seen."""
    if not model.layers:
        return None
    if model.kind == "functional" and model.layers[0].kind != "InputLayer":
        return None
    if model.kind not in {"sequential", "functional"}:
        return None
    for layer in model.layers:
        if layer.kind == "?" or layer.conditional:
            return None
        if layer.kind in vocab.SCALING_LAYERS or layer.kind in vocab.RESIZING_LAYERS:
            return True
        # Layers that keep every value (Flatten, Reshape, Dropout...) may come before the one
        # that scales: Flatten(), Rescaling(1/255) scales as well as the other order.
        keeps = vocab.PASSTHROUGH_LAYERS | vocab.RESHAPING_LAYERS
        if layer.kind in _BEFORE_SCALING or layer.kind in keeps:
            continue
        if layer.kind in vocab.ACTIVATION_LAYERS or layer.kind == "Lambda":
            return None  # a Lambda may well divide by 255
        return False
    return None


class UnscaledImageInput(Rule):
    code = "LRC201"
    name = "unscaled-image-input"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            for call in model.calls:
                if call.method not in _TRAINING or not isinstance(call.x, DataVal):
                    continue
                data = call.x
                if not data.complete or data.may_have("scale") or data.may_have("unknown"):
                    continue
                source = pixel_source(data)
                if source is None or model_scales_inputs(model) is not False:
                    continue
                assert call.x_node is not None
                yield Report(
                    call.x_node,
                    f"pixels from {describe(source)} reach {call.method}() unscaled (0-255), "
                    "which saturates units and inflates the loss; divide by 255.0 (train, "
                    "validation and test alike) or start the model with Rescaling(1/255)",
                    scaling_fix(facts, source, data),
                )

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.FlattenSentinel[cst.BaseStatement]:
        return insert_after(node, [f"{name} = {name} / 255.0" for name in fix.param("names")])


def scaling_fix(facts: FileFacts, source: Source, data: DataVal) -> FixRequest | None:
    """Insert ``x = x / 255.0`` for the train and test pixels right after they are loaded, but
    only where that is unambiguous: one module-level ``(x_train, y_train), (x_test, y_test) =
    <dataset>.load_data()`` statement on lines of its own, the data reaching ``fit`` comes from
    it alone, and the pixel names are bound nowhere else, except by module-level updates of
    themselves such as ``x_train = x_train.reshape(-1, 784)``."""
    if source.kind != "dataset":
        return None
    if any(s.kind != "dataset" or s.line != source.line or s.role != "x" for s in data.sources):
        return None
    body = facts.tree.body
    found = [
        (index, stmt)
        for index, stmt in enumerate(body)
        if isinstance(stmt, ast.Assign)
        and isinstance(stmt.value, ast.Call)
        and stmt.value.lineno == source.line
    ]
    if len(found) != 1:
        return None
    index, statement = found[0]
    names = _pixel_names(statement)
    if not names or not _on_own_lines(body, index):
        return None
    if not all(_bound_only_by(facts.tree, name, statement) for name in names):
        return None
    return FixRequest(
        f"Scale the pixels to [0, 1] right after {source.name}.load_data()",
        statement,
        "SimpleStatementLine",
        "unsafe",
        (("names", tuple(names)),),
    )


def _pixel_names(statement: ast.Assign) -> list[str] | None:
    if len(statement.targets) != 1:
        return None
    target = statement.targets[0]
    if not isinstance(target, (ast.Tuple, ast.List)) or len(target.elts) != 2:
        return None
    names = []
    for pair in target.elts:
        if not isinstance(pair, (ast.Tuple, ast.List)) or len(pair.elts) != 2:
            return None
        if not all(isinstance(e, ast.Name) for e in pair.elts):
            return None
        first = pair.elts[0]
        assert isinstance(first, ast.Name)
        if first.id != "_":
            names.append(first.id)
    return names if len(set(names)) == len(names) else None


def _on_own_lines(body: list[ast.stmt], index: int) -> bool:
    statement = body[index]
    end = statement.end_lineno or statement.lineno
    before = body[index - 1] if index > 0 else None
    after = body[index + 1] if index + 1 < len(body) else None
    if before is not None and (before.end_lineno or before.lineno) >= statement.lineno:
        return False
    return after is None or after.lineno > end


def _bound_only_by(tree: ast.Module, name: str, load: ast.Assign) -> bool:
    allowed = {id(node) for node in ast.walk(load.targets[0])}
    allowed.update(
        id(stmt.targets[0])
        for stmt in tree.body
        if isinstance(stmt, ast.Assign)
        and stmt.lineno > load.lineno
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and stmt.targets[0].id == name
        and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(stmt.value))
    )
    for node in ast.walk(tree):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return False
        if (
            isinstance(node, ast.Name)
            and node.id == name
            and isinstance(node.ctx, (ast.Store, ast.Del))
            and id(node) not in allowed
        ):
            return False
    return True
