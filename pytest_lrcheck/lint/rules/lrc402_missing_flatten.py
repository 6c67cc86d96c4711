"""LRC402: a classifier's Dense layers applied to image feature maps with no Flatten first."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Const,
    DataVal,
    LayerFact,
    ModelFact,
    Report,
    Rule,
    TupleVal,
    line,
    trained_loss,
    vocab,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.rulekit import FileFacts

_CLASSIFICATION_LOSSES = vocab.CLASSIFICATION_LOSSES
_SPATIAL = ("Conv", "Convolution", "SeparableConv", "DepthwiseConv", "MaxPooling", "MaxPool",
            "AveragePooling", "AvgPool", "UpSampling", "ZeroPadding", "Cropping")  # fmt: skip
# Layer kind -> rank (batch axis included) of its output, for layers that fix it.
_RANK_SETTING = {
    f"{prefix}{dims}D{suffix}": dims + 2
    for prefix in _SPATIAL
    for dims in (1, 2, 3)
    for suffix in ("", "Transpose")
}
_DOWNSAMPLING = frozenset(
    kind for kind in _RANK_SETTING if kind.startswith(("MaxPool", "AvgPool", "AveragePooling"))
)
_UPSAMPLING = frozenset(
    kind for kind in _RANK_SETTING if kind.startswith("UpSampling") or "Transpose" in kind
)
_FLATTENING = frozenset(
    {"Flatten", *(f"Global{p}{d}D" for p in ("AveragePooling", "MaxPooling", "AvgPool", "MaxPool")
                  for d in (1, 2, 3))}
)  # fmt: skip
_RANK_KEEPING = frozenset(
    {*vocab.ACTIVATION_LAYERS, *vocab.PASSTHROUGH_LAYERS, "Dense", "BatchNormalization",
     "LayerNormalization", "GroupNormalization", "UnitNormalization", "Rescaling", "Normalization",
     "Resizing", "CenterCrop", "RandomFlip", "RandomRotation", "RandomZoom", "RandomCrop",
     "RandomTranslation", "RandomContrast", "RandomBrightness"}
)  # fmt: skip
# Layers that may be added under an ``if`` or in a loop without making the rank uncertain.
_LOOPABLE = _RANK_KEEPING | frozenset(_RANK_SETTING)
_AXES = {3: "(batch, rows, {units})", 4: "(batch, height, width, {units})",
         5: "(batch, depth, height, width, {units})"}  # fmt: skip


@dataclass(frozen=True)
class _Shapes:
    """What following the layers from the input established."""

    dense: LayerFact  # the first Dense that receives more than two axes
    producer: LayerFact  # the layer that made those axes, or the one the input shape is given to
    from_input: bool  # the axes are the model input's own
    rank: int  # of the tensor that Dense receives, batch axis included
    output_rank: int
    pooled: bool  # a pooling or strided layer came before that Dense: not a per-pixel model


class MissingFlatten(Rule):
    code = "LRC402"
    name = "missing-flatten"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            loss = trained_loss(model)
            if loss is None or loss.name not in _CLASSIFICATION_LOSSES:
                continue
            chain = _chain(model)
            shapes = _follow(chain, facts) if chain else None
            if chain is None or shapes is None or shapes.output_rank < 3:
                continue
            if not _strong_evidence(shapes, model, facts):
                continue
            units = _units(chain)
            made = "input" if shapes.from_input else f"output of {shapes.producer.kind}"
            dense = shapes.dense
            width = dense.units if dense.units is not None else "..."
            fix = "Flatten()" if shapes.rank == 3 else "Flatten() or GlobalAveragePooling2D()"
            outputs = _AXES.get(shapes.output_rank, "(batch, ..., {units})").format(units=units)
            yield Report(
                dense.node,
                f"Dense({width}) receives the {shapes.rank}-D {made} (line "
                f"{line(shapes.producer.node)}) with no Flatten in between, so the model "
                f"outputs {outputs}, one prediction per position, while {loss.name} "
                f"expects one per sample; add {fix} before this layer",
            )


def _chain(model: ModelFact) -> list[LayerFact] | None:
    """The model's layers from input to output, when they form one known chain."""
    layers = model.layers
    if not layers or any(layer.kind == "?" for layer in layers):
        return None
    if model.kind == "functional":
        return layers if model.complete and layers[0].kind == "InputLayer" else None
    if model.kind != "sequential" or not model.head_known:
        return None
    if any(escape < len(layers) for escape in model.escapes):
        return None  # code the checker does not follow may have added a Flatten
    if any(layer.conditional and layer.kind not in _LOOPABLE for layer in layers):
        return None
    return layers


def _follow(chain: list[LayerFact], facts: FileFacts) -> _Shapes | None:
    rank: int | None = None
    producer: LayerFact | None = None
    from_input = pooled = False
    first: _Shapes | None = None
    for layer in chain:
        kind = layer.kind
        if rank is None and layer.input_shape is not None:
            rank, producer, from_input = len(layer.input_shape) + 1, layer, True
        if kind == "InputLayer":
            continue
        if layer.wrapped_in is not None:
            return None  # applied per time step: the shapes are not followed
        if kind in _UPSAMPLING:
            return None  # a decoder or segmentation model: per-position outputs are the point
        if kind in _RANK_SETTING and layer.conditional:
            if rank != _RANK_SETTING[kind]:
                return None  # the rank depends on whether the layer is there
            producer, from_input = layer, False
        elif kind in _RANK_SETTING:
            rank, producer, from_input = _RANK_SETTING[kind], layer, False
            pooled = pooled or kind in _DOWNSAMPLING or _strided(layer, facts)
        elif kind in _FLATTENING:
            if "keepdims" in layer.keywords:
                return None
            rank = 2
        elif kind == "Reshape":
            target = _reshape_rank(layer, facts)
            if target is None:
                return None
            rank, producer, from_input = target, layer, False
        elif kind not in _RANK_KEEPING:
            return None  # recurrent, attention, TimeDistributed, Lambda...: not followed
        if kind == "Dense" and first is None and rank is not None and rank >= 3:
            if layer.conditional or producer is None:
                return None
            first = _Shapes(layer, producer, from_input, rank, rank, pooled)
    weighted = [
        layer for layer in chain if layer.kind == "Dense" or layer.kind in vocab.CONV_LAYERS
    ]
    if first is None or rank is None or weighted[-1].kind != "Dense" or weighted[-1].conditional:
        return None
    return replace(first, output_rank=rank)


def _strided(layer: LayerFact, facts: FileFacts) -> bool:
    value = facts.value_of(layer.keywords.get("strides"))
    items = value.items if isinstance(value, TupleVal) else (value,)
    return any(isinstance(v, Const) and isinstance(v.value, int) and v.value > 1 for v in items)


def _reshape_rank(layer: LayerFact, facts: FileFacts) -> int | None:
    call = layer.node
    target = layer.keywords.get("target_shape") or (call.args[0] if call.args else None)
    value = facts.value_of(target)
    return len(value.items) + 1 if isinstance(value, TupleVal) else None


def _units(chain: list[LayerFact]) -> str:
    last = [layer for layer in chain if layer.kind == "Dense"][-1]
    return str(last.units) if last.units is not None else "classes"


def _strong_evidence(shapes: _Shapes, model: ModelFact, facts: FileFacts) -> bool:
    """Dense on a (batch, h, w, c) map is also a per-pixel classifier (1x1 convolution) and Dense
    on (batch, steps, features) a per-step one: fire only where labels are one per sample."""
    labels = any(_per_sample_labels(call.y) for call in model.calls_of("fit"))
    if shapes.rank == 3:
        images = any(_image_input(call.x) for call in model.calls_of("fit"))
        return shapes.from_input and images and labels
    return shapes.pooled or labels


def _per_sample_labels(value: object) -> bool:
    """Class ids (or their one-hot rows) from a classification dataset: one per sample."""
    if not isinstance(value, DataVal) or not value.sources or value.may_have("unknown"):
        return False
    return all(
        s.kind == "dataset"
        and s.role == "y"
        and s.name in vocab.DATASETS
        and vocab.DATASETS[s.name].classes
        for s in value.sources
    )


def _image_input(value: object) -> bool:
    if not isinstance(value, DataVal) or not value.sources:
        return False
    return all(
        s.kind == "dataset"
        and s.role == "x"
        and s.name in vocab.DATASETS
        and vocab.DATASETS[s.name].images
        for s in value.sources
    )
