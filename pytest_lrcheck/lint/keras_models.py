"""What Keras model calls do: Sequential and functional models, their layers, compile and fit.

A model is a `ModelFact` that grows as the file runs: each ``.add``, each layer in the list
given to ``Sequential``, the chain of tensors from ``keras.Input`` to a functional model's
outputs.  ``compile`` records the loss, optimizer and metrics; ``fit``, ``evaluate`` and
``predict`` record the data they are given.
"""

from __future__ import annotations

import ast

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.lint import containers
from pytest_lrcheck.lint.data_calls import scaling_call
from pytest_lrcheck.lint.data_labels import object_attribute
from pytest_lrcheck.lint.evaluator import Evaluator
from pytest_lrcheck.lint.keras_layers import apply_layer, opaque_layer, opaque_tensor, tensors
from pytest_lrcheck.lint.keras_training import compile_fact
from pytest_lrcheck.lint.syntax import arg, keywords
from pytest_lrcheck.lint.values import (
    CallFact,
    Const,
    DataVal,
    LayerFact,
    LayerVal,
    ModelFact,
    ModelVal,
    ObjectVal,
    PredictionVal,
    TensorVal,
    TupleVal,
    Unknown,
    Value,
)

_DATA_METHODS = vocab.TRAINING_METHODS | vocab.EVALUATION_METHODS
_PREDICT_METHODS = vocab.PREDICTION_METHODS


def sequential_ctor(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    model = ModelFact(node=call, kind="sequential", created_in=ev.blocks)
    layers_expr = arg(call, 0, "layers")
    if layers_expr is not None:
        value = ev.eval(layers_expr)
        if isinstance(value, TupleVal):
            for item in value.items:
                _add_layer(model, item, call, conditional=False)
        elif not (isinstance(value, Const) and value.value is None):
            _add_layer(model, value, call, conditional=False)
    ev.add_model(model)
    return ModelVal(model)


def _add_layer(model: ModelFact, value: Value, node: ast.Call, *, conditional: bool) -> None:
    if isinstance(value, LayerVal):
        layer = value.layer
        if conditional:
            layer.conditional = True
            model.complete = False
        if layer in model.added:
            model.complete = False  # the same layer object twice: shared weights, odd graph
        model.added.add(layer)
        model.layers.append(layer)
    elif isinstance(value, TensorVal) and value.layer is None and not value.opaque:
        model.layers.append(LayerFact("InputLayer", "keras.Input", node, input_shape=value.shape))
    elif isinstance(value, ModelVal):
        model.complete = False
        model.layers.append(opaque_layer(node, "a model used as a layer", value.model))
    else:
        model.complete = False
        model.layers.append(opaque_layer(node, "not a layer this file defines"))


def functional_ctor(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    model = ModelFact(node=call, kind="functional")
    ev.add_model(model)
    outputs_expr = arg(call, 1, "outputs")
    inputs_expr = arg(call, 0, "inputs")
    outputs = ev.eval(outputs_expr) if outputs_expr is not None else None
    inputs = ev.eval(inputs_expr) if inputs_expr is not None else None
    if isinstance(inputs, (TensorVal, TupleVal)):
        model.inputs = tensors(inputs)
    if isinstance(outputs, TupleVal) and len(outputs.items) == 1:
        outputs = outputs.items[0]
    if not isinstance(outputs, TensorVal):
        model.kind = "other"
        model.complete = model.head_known = False
        if isinstance(outputs, TupleVal):
            model.outputs = tensors(outputs)
        return ModelVal(model)
    model.outputs = (outputs,)
    chain: list[LayerFact] = []
    tensor = outputs
    while tensor.layer is not None:
        chain.append(tensor.layer)
        if len(tensor.inputs) != 1:
            model.complete = False  # a merge: the chain before it is not the whole model
            break
        tensor = tensor.inputs[0]
    else:
        if tensor.opaque:
            model.complete = False
            chain.append(opaque_layer(call, "tensor of unknown origin"))
        else:
            chain.append(LayerFact("InputLayer", "keras.Input", call, input_shape=tensor.shape))
    model.layers = list(reversed(chain))
    if any(layer.kind == "?" for layer in model.layers):
        model.complete = False
    return ModelVal(model)


def opaque_model(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    """``keras.applications.ResNet50(...)``, ``load_model(...)``: a model we cannot see into."""
    if qualname.endswith(".preprocess_input"):
        return scaling_call(ev, call, qualname, args, kwargs)
    name = qualname.rsplit(".", 1)[1]
    if qualname.startswith("keras.applications.") and not name[:1].isupper():
        return Unknown(f"call to {qualname}")
    model = ModelFact(node=call, kind="other", complete=False, head_known=False)
    ev.add_model(model)
    return ModelVal(model)


def call_value(
    ev: Evaluator, call: ast.Call, callee: Value, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    """A call of a value: a layer applied to a tensor, or a model applied to data/tensors."""
    if isinstance(callee, LayerVal):
        return apply_layer(ev, call, callee.layer, args)
    if isinstance(callee, ModelVal):
        first = args[0] if args else None
        if isinstance(first, (TensorVal, TupleVal)):
            layer = opaque_layer(call, "a model used as a layer", callee.model)
            return TensorVal(layer, tensors(first), call)
        return PredictionVal(callee.model, first or Unknown("no input"), call)
    return Unknown("call of an unknown value")


def attribute(ev: Evaluator, expr: ast.Attribute, base: Value) -> Value:
    option = containers.attribute(base, expr.attr, expr)
    if option is not None:
        return option
    if isinstance(base, ModelVal):
        model = base.model
        if expr.attr == "output" and len(model.outputs) == 1:
            return model.outputs[0]
        if expr.attr in {"output", "outputs", "input", "inputs"}:
            return opaque_tensor(expr)
        return Unknown(f"model.{expr.attr}")
    if isinstance(base, DataVal) and expr.attr in {"T", "values"}:
        return base
    if isinstance(base, ObjectVal):
        known = object_attribute(base, expr.attr)
        if known is not None:
            return known
    return Unknown(f".{expr.attr}")


def method_call(
    ev: Evaluator,
    call: ast.Call,
    receiver: Value,
    method: str,
    args: list[Value],
    kwargs: dict[str, Value],
) -> Value | None:
    if not isinstance(receiver, ModelVal):
        return None
    model = receiver.model
    if method == "add":
        value = args[0] if args else kwargs.get("layer", Unknown("no layer"))
        _add_layer(model, value, call, conditional=_conditional(ev, model))
        model.layers[-1].block = ev.blocks
        return Unknown("add returns None")
    if method == "pop":
        # ``Sequential.pop()`` drops the last layer (often the output softmax); under a branch
        # it may not have run, so the head is no longer known.
        if model.kind == "sequential" and model.layers and not _conditional(ev, model):
            popped = model.layers.pop()
            if popped not in model.layers:
                model.added.discard(popped)
        else:
            model.complete = model.head_known = False
        return Unknown("pop result")
    if method == "compile":
        model.compiles.append(compile_fact(ev, call))
        return Unknown("compile returns None")
    if method in _DATA_METHODS or method in _PREDICT_METHODS:
        fact = _call_fact(ev, call, method)
        model.calls.append(fact)
        if method in _PREDICT_METHODS:
            return PredictionVal(model, fact.x or Unknown("no input"), call)
        return Unknown(f"{method} result")
    return Unknown(f"model.{method}")


def _conditional(ev: Evaluator, model: ModelFact) -> bool:
    """Whether code run on ``model`` here may not run, or run several times, for that model."""
    return ev.conditional and ev.blocks != model.created_in


def _call_fact(ev: Evaluator, call: ast.Call, method: str) -> CallFact:
    x_node = arg(call, 0, "x") or arg(call, None, "generator")
    y_node = None if method in _PREDICT_METHODS else arg(call, 1, "y")
    validation = arg(call, None, "validation_data")
    return CallFact(
        method=method,
        node=call,
        x=ev.eval(x_node) if x_node is not None else None,
        y=ev.eval(y_node) if y_node is not None else None,
        x_node=x_node,
        y_node=y_node,
        validation=ev.eval(validation) if validation is not None else None,
        validation_node=validation,
        keywords=keywords(call),
    )
