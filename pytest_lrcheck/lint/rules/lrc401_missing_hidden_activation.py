"""LRC401: a Dense layer with the default linear activation feeding straight into another Dense."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Fix,
    FixRequest,
    LayerFact,
    Report,
    Rule,
    add_string_keyword,
    line,
    model_graphs,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts


# Layers that are affine maps (at inference) or only move values around: a Dense, any of these,
# then a Dense is still one affine map of the input.
_LINEAR_LAYERS = frozenset(
    {"Dropout", "AlphaDropout", "GaussianDropout", "GaussianNoise", "ActivityRegularization",
     "BatchNormalization", "Flatten", "Reshape", "Permute"}
)  # fmt: skip


def _is_linear(layer: LayerFact) -> bool:
    return layer.kind in _LINEAR_LAYERS


def _implicitly_linear_dense(layer: LayerFact) -> bool:
    activation = layer.activation
    return layer.kind == "Dense" and activation is not None and not activation.explicit


def _narrower(layer: LayerFact, following: list[LayerFact]) -> bool:
    widths = [f.units for f in following]
    if layer.units is None or any(w is None for w in widths):
        return False
    return all(layer.units < w for w in widths if w is not None)


def _describe(layer: LayerFact) -> str:
    units = layer.units if layer.units is not None else "..."
    return f"Dense({units}) at line {line(layer.node)}"


class MissingHiddenActivation(Rule):
    code = "LRC401"
    name = "missing-hidden-activation"
    severity = "warning"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for _model, graph in model_graphs(facts):
            for node in graph.nodes:
                layer = node.layer
                if not _implicitly_linear_dense(layer):
                    continue
                following = graph.first_beyond(node, _is_linear)
                if not following or any(n.layer.kind != "Dense" for n in following):
                    continue
                if _narrower(layer, [n.layer for n in following]):
                    continue  # a narrow linear code (autoencoders, factorised layers)
                # In a loop the layer also feeds itself (next iteration): name another one.
                others = [n.layer for n in following if n.layer is not layer] or [layer]
                target = min(others, key=lambda f: line(f.node))
                yield Report(
                    layer.node,
                    f"{_describe(layer)} has no activation and feeds {_describe(target)} with "
                    "nothing nonlinear in between, so the two collapse into a single linear "
                    "layer; give it an activation such as activation='relu', or write "
                    "activation=None if a linear layer is intended",
                    FixRequest("Add activation='relu'", layer.node, "Call", "unsafe"),
                )

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return add_string_keyword(node, "activation", "relu")
