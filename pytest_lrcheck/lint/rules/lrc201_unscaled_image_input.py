"""LRC201: raw 0-255 pixels reach ``fit`` with no scaling anywhere on the way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rule import Report, Rule
from pytest_lrcheck.lint.values import DataVal, ModelFact, Source
from pytest_lrcheck.lint.vocab import (
    ACTIVATION_LAYERS,
    DATASETS,
    INPUT_SCALING_LAYERS,
    PASSTHROUGH_LAYERS,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.facts import FileFacts

_TRAINING = frozenset({"fit", "fit_generator", "train_on_batch"})
# Layers that may sit in front of a Rescaling layer without touching the scale.
_BEFORE_SCALING = frozenset(
    {"InputLayer", "Resizing", "RandomFlip", "RandomRotation", "RandomZoom", "RandomCrop",
     "RandomTranslation", "RandomContrast", "RandomBrightness", "Reshape", "Permute"}
)  # fmt: skip


def pixel_source(data: DataVal) -> Source | None:
    """The source of raw pixels this data comes from, if any."""
    for source in sorted(data.sources, key=lambda s: s.line):
        if source.kind == "dataset" and source.role == "x":
            info = DATASETS.get(source.name)
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
        if layer.kind in INPUT_SCALING_LAYERS:
            return True
        if layer.kind in _BEFORE_SCALING or layer.kind in PASSTHROUGH_LAYERS:
            continue
        if layer.kind in ACTIVATION_LAYERS or layer.kind == "Lambda":
            return None  # a Lambda may well divide by 255
        return False
    return None


class UnscaledImageInput(Rule):
    code = "LRC201"
    name = "unscaled-image-input"

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
                )
