"""What Keras layer calls do: a layer object built from its arguments, applied to tensors.

A ``Dense(10, activation="softmax")`` call becomes a `LayerVal` holding what the rules ask of a
layer: its kind, units, activation, initializer and input shape.  Applied to a symbolic tensor
it gives a `TensorVal` (the functional API); applied eagerly to data, a preprocessing layer
scales that data.
"""

from __future__ import annotations

import ast

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.lint.evaluator import Evaluator, const, number, shape
from pytest_lrcheck.lint.folding import as_int
from pytest_lrcheck.lint.syntax import arg, keywords, unpacks
from pytest_lrcheck.lint.values import (
    ActivationFact,
    Const,
    DataVal,
    LayerFact,
    LayerVal,
    ModelFact,
    Op,
    TensorVal,
    TupleVal,
    Unknown,
    Value,
)

# ``keras.layers.add(...)`` and friends: functions that merge tensors, not layer classes.
_MERGE_FUNCTIONS = frozenset(
    {"add", "concatenate", "multiply", "average", "maximum", "minimum", "subtract", "dot"}
)
# TensorFlow's own initializers, accepted by Keras layers like Keras' ones.
_TF_INITIALIZERS = {
    "tensorflow.zeros_initializer": "zeros",
    "tensorflow.ones_initializer": "ones",
    "tensorflow.constant_initializer": "constant",
}
# Preprocessing layers that, called eagerly on arrays, transform their scale.
_EAGER_SCALING = vocab.SCALING_LAYERS | vocab.RESIZING_LAYERS


def activation(ev: Evaluator, expr: ast.expr | None) -> ActivationFact:
    """The activation an ``activation=`` argument sets; its name is None when not understood."""
    if expr is None:
        return ActivationFact("linear", None, explicit=False)
    value = ev.eval(expr)
    if isinstance(value, Const):
        if value.value is None:
            return ActivationFact("linear", expr, explicit=True)
        if isinstance(value.value, str):
            return ActivationFact(vocab.ACTIVATION_STRINGS.get(value.value.lower()), expr, True)
        return ActivationFact(None, expr, True)
    qualname = ev.qualname(expr)
    if qualname is not None:
        return ActivationFact(vocab.ACTIVATION_FUNCTIONS.get(qualname), expr, True)
    if isinstance(value, LayerVal) and value.layer.applies_activation:
        return ActivationFact(value.layer.applies_activation, expr, True)
    return ActivationFact(None, expr, True)


def initializer(ev: Evaluator, expr: ast.expr | None) -> str | None:
    """The initializer's lower-case name (``zeros``, ``glorotuniform``...), or None."""
    if expr is None:
        return None
    literal = const(ev, expr)
    if isinstance(literal, str):
        return literal.lower()
    target = expr.func if isinstance(expr, ast.Call) else expr
    qualname = ev.qualname(target)
    if qualname and qualname.startswith(("keras.initializers.", "tensorflow.initializers.")):
        return qualname.rsplit(".", 1)[1].lower()
    return _TF_INITIALIZERS.get(qualname or "")


def layer_ctor(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    kind = qualname.rsplit(".", 1)[1]
    if kind in _MERGE_FUNCTIONS:
        return TensorVal(LayerFact(kind, qualname, call), tensors(args[0] if args else None), call)
    if not kind[:1].isupper():
        return Unknown(f"call to {qualname}")
    if kind in vocab.PER_STEP_WRAPPERS:
        # ``TimeDistributed(Dense(10, activation="softmax"))`` is that Dense at every step;
        # rules then point at (and fix) the wrapped layer's own call.
        wrapped = args[0] if args else kwargs.get("layer")
        if isinstance(wrapped, LayerVal) and not unpacks(call):
            wrapped.layer.wrapped_in = call
            return wrapped
    layer = LayerFact(kind=kind, qualname=qualname, node=call)
    layer.keywords = keywords(call)
    layer.conditional = False
    if kind in vocab.DENSE_LIKE:
        units = arg(call, 0, "units")
        layer.units_node = units
        layer.units = as_int(number(ev, units))
        layer.activation = activation(ev, arg(call, 1, "activation"))
    elif kind in vocab.CONV_LAYERS:
        layer.activation = activation(ev, arg(call, None, "activation"))
    elif kind == "Activation":
        layer.activation = activation(ev, arg(call, 0, "activation"))
    if unpacks(call) and layer.activation is not None and layer.activation.node is None:
        # ``Dense(64, **options)`` may well set the activation: it is not known to be linear.
        layer.activation = ActivationFact(None, None, explicit=True)
    if "kernel_initializer" in layer.keywords:
        layer.kernel_initializer_node = layer.keywords["kernel_initializer"]
        layer.kernel_initializer = initializer(ev, layer.kernel_initializer_node)
    if "input_shape" in layer.keywords:
        layer.input_shape = shape(ev, layer.keywords["input_shape"])
    elif "input_dim" in layer.keywords:
        layer.input_shape = (as_int(number(ev, layer.keywords["input_dim"])),)
    elif kind == "InputLayer":
        layer.input_shape = shape(ev, arg(call, 0, "input_shape") or arg(call, None, "shape"))
    return LayerVal(layer)


def input_ctor(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    return TensorVal(None, (), call, shape=shape(ev, arg(call, 0, "shape")))


def tensors(value: Value | None) -> tuple[TensorVal, ...]:
    """The tensors a layer is applied to; opaque ones for anything else."""
    if isinstance(value, TensorVal):
        return (value,)
    if isinstance(value, TupleVal):
        return tuple(v if isinstance(v, TensorVal) else opaque_tensor(None) for v in value.items)
    return (opaque_tensor(None),)


def opaque_tensor(node: ast.AST | None) -> TensorVal:
    """A tensor of unknown origin (``base_model.output``, a function parameter...)."""
    return TensorVal(None, (), node or ast.Pass(), opaque=True)


def opaque_layer(node: ast.Call, why: str, nested: ModelFact | None = None) -> LayerFact:
    """A layer the checker cannot see into; ``nested`` when it is a model of this file."""
    return LayerFact(kind="?", qualname=why, node=node, nested=nested)


def apply_layer(ev: Evaluator, call: ast.Call, layer: LayerFact, args: list[Value]) -> Value:
    first = args[0] if args else None
    if isinstance(first, DataVal):
        # Calling a layer eagerly on arrays: a preprocessing layer transforms the data.
        if layer.kind in _EAGER_SCALING:
            return first.with_op(Op("scale", layer.kind, call.lineno), call)
        return Unknown("layer called on data")
    return TensorVal(layer, tensors(first), call)
