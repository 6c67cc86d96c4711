"""LRC403: a layer whose constant initial weights keep it from ever learning distinct units."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Const,
    Fix,
    FixRequest,
    LayerFact,
    LayerGraph,
    ModelFact,
    Node,
    Report,
    Rule,
    arg,
    as_float,
    as_int,
    line,
    model_graphs,
    string_like,
    vocab,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts

# The module, function, class, lambda or comprehension a call is in.
Scope = ast.AST


_WEIGHTED = vocab.DENSE_LIKE | vocab.CONV_LAYERS
# Canonical initializer names -> the constant they fill with (None: the argument says).
_CONSTANT_INITIALIZERS: dict[str, float | None] = {
    "keras.initializers.Zeros": 0.0, "keras.initializers.zeros": 0.0,
    "keras.initializers.Ones": 1.0, "keras.initializers.ones": 1.0,
    "keras.initializers.Constant": None, "keras.initializers.constant": None,
    "tensorflow.zeros_initializer": 0.0, "tensorflow.ones_initializer": 1.0,
    "tensorflow.constant_initializer": None, "tensorflow.initializers.zeros": 0.0,
    "tensorflow.initializers.ones": 1.0, "tensorflow.initializers.constant": None,
}  # fmt: skip
_CONSTANT_STRINGS = {"zeros": 0.0, "zero": 0.0, "ones": 1.0, "one": 1.0}
# Layers that treat every unit alike, so units equal on the way in stay equal on the way out
# (dropout and noise draw a different mask per unit, which breaks the tie).
_SYMMETRIC = frozenset(
    {*vocab.ACTIVATION_LAYERS, "BatchNormalization", "LayerNormalization", "Flatten",
     *(f"{p}{d}D" for p in ("MaxPooling", "MaxPool", "AveragePooling", "AvgPool",
                            "GlobalAveragePooling", "GlobalMaxPooling", "GlobalAvgPool",
                            "GlobalMaxPool") for d in (1, 2, 3))}
)  # fmt: skip
# Layers that map an all-zero input to zeros.
_ZERO_KEEPING = frozenset(
    {"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "BatchNormalization",
     "LayerNormalization", "Flatten", "Reshape",
     *(f"{p}{d}D" for p in ("MaxPooling", "MaxPool", "AveragePooling", "AvgPool")
       for d in (1, 2, 3))}
)  # fmt: skip
# Activations whose gradient at 0 is 0 (Keras and TensorFlow both define relu'(0) = 0).
_FLAT_AT_ZERO = frozenset({"relu", "relu6"})


class ConstantWeightInitialization(Rule):
    code = "LRC403"
    name = "constant-weight-initialization"
    fix_safety = "unsafe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        if not any(
            keyword.arg in {"kernel_initializer", "init"}
            for site in facts.calls
            for keyword in site.node.keywords
        ):
            return  # no layer chooses its initializer
        if any(c.method in {"set_weights", "load_weights"} for c in facts.method_calls):
            return  # the initial weights are replaced before they matter
        scopes: dict[int, Scope] = {id(site.node): site.scope for site in facts.calls}
        for model, graph in model_graphs(facts):
            if not _trained(model):
                continue
            for node in graph.nodes:
                report = _check_layer(node, graph, facts, scopes)
                if report is not None:
                    yield report

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return string_like(node, "glorot_uniform")


def _trained(model: ModelFact) -> bool:
    return bool(model.compiles) or bool(model.calls_of("fit"))


def _check_layer(
    node: Node, graph: LayerGraph, facts: FileFacts, scopes: dict[int, Scope]
) -> Report | None:
    layer = node.layer
    if layer.kind not in _WEIGHTED:
        return None
    scope = scopes.get(id(layer.node))
    expr = layer.keywords.get("kernel_initializer", layer.keywords.get("init"))
    if scope is None or expr is None:
        return None
    kernel = _constant(expr, scope, facts)
    if kernel is None:
        return None
    shown = ast.unparse(expr)
    if kernel == 0 and _bias(layer, scope, facts) == 0:
        relu = _dead_relu(node, graph)
        if relu is not None:
            return Report(
                expr,
                f"kernel_initializer={shown} with {relu} makes this layer's pre-activations 0 "
                "for every input, and relu's gradient at 0 is 0, so the layer outputs 0 and "
                "never learns; drop kernel_initializer (the default is glorot_uniform)",
                _fix(expr),
            )
    if _bias(layer, scope, facts) is None or _width(layer, facts) == 1:
        return None  # a random bias makes the units differ; a single unit has no twin
    following = graph.first_beyond(node, lambda f: f.kind in _SYMMETRIC and not _custom_norm(f))
    if not following:
        return None
    for successor in following:
        after = successor.layer
        after_scope = scopes.get(id(after.node))
        after_expr = after.keywords.get("kernel_initializer", after.keywords.get("init"))
        if after.kind not in _WEIGHTED or after_scope is None or after_expr is None:
            return None
        if _constant(after_expr, after_scope, facts) is None:
            return None
    after = min((n.layer for n in following), key=lambda f: line(f.node))
    return Report(
        expr,
        f"kernel_initializer={shown} gives every unit of this {layer.kind} the same weights, and "
        f"{after.kind} at line {line(after.node)} starts with equal weights too, so the units "
        "receive equal gradients and stay copies of one unit throughout training; drop "
        "kernel_initializer here (the default is glorot_uniform)",
        _fix(expr),
    )


# The libcst node type of an initializer expression, for the fix to find it.
_NODE_TYPES = {
    ast.Constant: "SimpleString",
    ast.Call: "Call",
    ast.Name: "Name",
    ast.Attribute: "Attribute",
}


def _fix(expr: ast.expr) -> FixRequest | None:
    node_type = _NODE_TYPES.get(type(expr))
    if node_type is None or (isinstance(expr, ast.Constant) and not isinstance(expr.value, str)):
        return None
    return FixRequest("Use kernel_initializer='glorot_uniform'", expr, node_type, "unsafe")


def _constant(expr: ast.expr, scope: Scope, facts: FileFacts) -> float | None:
    """The value an initializer fills every weight with, or None when it is not constant."""
    value = facts.value_of(expr)
    if isinstance(value, Const):
        text = value.value
        return _CONSTANT_STRINGS.get(text.lower()) if isinstance(text, str) else None
    call = expr if isinstance(expr, ast.Call) else None
    qualname = facts.resolver.qualname(call.func if call else expr, scope)
    if qualname not in _CONSTANT_INITIALIZERS:
        return None
    fill = _CONSTANT_INITIALIZERS[qualname]
    if fill is not None:
        return fill
    argument = None
    if call is not None:
        argument = next((k.value for k in call.keywords if k.arg == "value"), None)
        argument = argument or (call.args[0] if call.args else None)
    if argument is None:
        return 0.0  # Constant() fills with 0
    number = facts.value_of(argument)
    # None for an array (pretrained weights), a value the checker cannot see, or a number no
    # float holds.
    return as_float(number.value) if isinstance(number, Const) else None


def _width(layer: LayerFact, facts: FileFacts) -> int | None:
    """How many units (Dense) or filters (convolutions) the layer has, when literal."""
    name = "units" if layer.kind in vocab.DENSE_LIKE else "filters"
    value = facts.value_of(arg(layer.node, 0, name))
    return as_int(value.value) if isinstance(value, Const) else None


def _bias(layer: LayerFact, scope: Scope, facts: FileFacts) -> float | None:
    """The constant the bias starts at (0 without a bias), or None when it is not constant."""
    use_bias = facts.value_of(layer.keywords.get("use_bias"))
    if isinstance(use_bias, Const) and use_bias.value is False:
        return 0.0
    expr = layer.keywords.get("bias_initializer")
    return 0.0 if expr is None else _constant(expr, scope, facts)


def _dead_relu(node: Node, graph: LayerGraph) -> str | None:
    """How relu is applied to this layer's output, if it is on every path; else None."""
    activation = node.layer.activation
    if activation is None:
        return None
    if activation.explicit and activation.name in _FLAT_AT_ZERO:
        if isinstance(activation.node, ast.Call):
            return None  # ``activation=ReLU(negative_slope=...)``: leaky, alive
        return f"activation {activation.name}"
    if activation.name != "linear":
        return None
    following = graph.first_beyond(node, lambda f: f.kind in _ZERO_KEEPING and not _custom_norm(f))
    if not following or not all(_relu_layer(n.layer) for n in following):
        return None
    first = min((n.layer for n in following), key=lambda f: line(f.node))
    return f"the {first.kind} at line {line(first.node)}"


def _relu_layer(layer: LayerFact) -> bool:
    if layer.kind == "ReLU":
        # max_value keeps relu'(0) = 0; negative_slope and threshold change it.
        return len(layer.node.args) <= 1 and set(layer.keywords) <= {"max_value", "name", "dtype"}
    return layer.kind == "Activation" and layer.applies_activation in _FLAT_AT_ZERO


def _custom_norm(layer: LayerFact) -> bool:
    """A normalisation layer given its own initial scale or shift, which may differ per unit."""
    return any(k in layer.keywords for k in ("gamma_initializer", "beta_initializer"))
