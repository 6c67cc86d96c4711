"""What Keras calls do to abstract values: layers, models, compile, fit, optimizers, losses."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.lint.values import (
    ActivationFact,
    CallFact,
    CompileFact,
    Const,
    DataVal,
    LayerFact,
    LayerVal,
    LossFact,
    LossVal,
    MetricFact,
    ModelFact,
    ModelVal,
    OptimizerFact,
    OptimizerVal,
    PredictionVal,
    TensorVal,
    TupleVal,
    Unknown,
    Value,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.facts import Interpreter

_MERGE_FUNCTIONS = frozenset(
    {"add", "concatenate", "multiply", "average", "maximum", "minimum", "subtract", "dot"}
)
_DATA_METHODS = frozenset(
    {"fit", "fit_generator", "evaluate", "evaluate_generator", "train_on_batch", "test_on_batch"}
)
_PREDICT_METHODS = frozenset({"predict", "predict_generator", "predict_on_batch"})


# --- small readers -----------------------------------------------------------------------------
def arg(call: ast.Call, index: int | None, keyword: str) -> ast.expr | None:
    """The expression passed for a parameter, by keyword or at a positional index."""
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    if index is not None and index < len(call.args):
        value = call.args[index]
        if not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
            return value
    return None


def keyword(call: ast.Call, name: str) -> ast.keyword | None:
    return next((kw for kw in call.keywords if kw.arg == name), None)


def const(interp: Interpreter, expr: ast.expr | None) -> object:
    """The literal an expression evaluates to (through names bound to literals), else None."""
    if expr is None:
        return None
    value = interp.eval(expr)
    return value.value if isinstance(value, Const) else None


def number(interp: Interpreter, expr: ast.expr | None) -> float | None:
    value = const(interp, expr)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def shape(interp: Interpreter, expr: ast.expr | None) -> tuple[int | None, ...] | None:
    value = interp.eval(expr) if expr is not None else None
    if isinstance(value, TupleVal):
        dims: list[int | None] = []
        for item in value.items:
            if isinstance(item, Const) and (item.value is None or isinstance(item.value, int)):
                dims.append(item.value)  # type: ignore[arg-type]
            else:
                dims.append(None)
        return tuple(dims)
    return None


def activation(interp: Interpreter, expr: ast.expr | None) -> ActivationFact:
    if expr is None:
        return ActivationFact("linear", None, explicit=False)
    value = interp.eval(expr)
    if isinstance(value, Const):
        if value.value is None:
            return ActivationFact("linear", expr, explicit=True)
        if isinstance(value.value, str):
            return ActivationFact(vocab.ACTIVATION_STRINGS.get(value.value.lower()), expr, True)
        return ActivationFact(None, expr, True)
    qualname = interp.resolver.qualname(expr, interp.scope)
    if qualname is not None:
        return ActivationFact(vocab.ACTIVATION_FUNCTIONS.get(qualname), expr, True)
    if isinstance(value, LayerVal) and value.layer.applies_activation:
        return ActivationFact(value.layer.applies_activation, expr, True)
    return ActivationFact(None, expr, True)


def initializer(interp: Interpreter, expr: ast.expr | None) -> str | None:
    if expr is None:
        return None
    literal = const(interp, expr)
    if isinstance(literal, str):
        return literal.lower()
    target = expr.func if isinstance(expr, ast.Call) else expr
    qualname = interp.resolver.qualname(target, interp.scope)
    if qualname and qualname.startswith(("keras.initializers.", "tensorflow.initializers.")):
        return qualname.rsplit(".", 1)[1].lower()
    if qualname in _TF_INITIALIZERS:
        return _TF_INITIALIZERS[qualname]
    return None


# TensorFlow's own initializers, accepted by Keras layers like Keras' ones.
_TF_INITIALIZERS = {
    "tensorflow.zeros_initializer": "zeros",
    "tensorflow.ones_initializer": "ones",
    "tensorflow.constant_initializer": "constant",
}


# --- layers ------------------------------------------------------------------------------------
def layer_ctor(
    interp: Interpreter, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    kind = qualname.rsplit(".", 1)[1]
    if kind in _MERGE_FUNCTIONS:
        return TensorVal(LayerFact(kind, qualname, call), _tensors(args[0] if args else None), call)
    if not kind[:1].isupper():
        return Unknown(f"call to {qualname}")
    layer = LayerFact(kind=kind, qualname=qualname, node=call)
    layer.keywords = {kw.arg: kw.value for kw in call.keywords if kw.arg}
    layer.conditional = False
    if kind in vocab.DENSE_LIKE:
        units = arg(call, 0, "units")
        layer.units_node = units
        literal = number(interp, units)
        layer.units = int(literal) if literal is not None and literal == int(literal) else None
        layer.activation = activation(interp, arg(call, 1, "activation"))
    elif kind in vocab.CONV_LAYERS:
        layer.activation = activation(interp, arg(call, None, "activation"))
    elif kind == "Activation":
        layer.activation = activation(interp, arg(call, 0, "activation"))
    unpacked = any(kw.arg is None for kw in call.keywords) or any(
        isinstance(a, ast.Starred) for a in call.args
    )
    if unpacked and layer.activation is not None and layer.activation.node is None:
        # ``Dense(64, **options)`` may well set the activation: it is not known to be linear.
        layer.activation = ActivationFact(None, None, explicit=True)
    if "kernel_initializer" in layer.keywords:
        layer.kernel_initializer_node = layer.keywords["kernel_initializer"]
        layer.kernel_initializer = initializer(interp, layer.kernel_initializer_node)
    if "input_shape" in layer.keywords:
        layer.input_shape = shape(interp, layer.keywords["input_shape"])
    elif "input_dim" in layer.keywords:
        layer.input_shape = (_int(number(interp, layer.keywords["input_dim"])),)
    elif kind == "InputLayer":
        layer.input_shape = shape(interp, arg(call, 0, "input_shape") or arg(call, None, "shape"))
    return LayerVal(layer)


def input_ctor(
    interp: Interpreter, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    return TensorVal(None, (), call, shape=shape(interp, arg(call, 0, "shape")))


def _int(value: float | None) -> int | None:
    return int(value) if value is not None and value == int(value) else None


def _tensors(value: Value | None) -> tuple[TensorVal, ...]:
    if isinstance(value, TensorVal):
        return (value,)
    if isinstance(value, TupleVal):
        return tuple(v if isinstance(v, TensorVal) else _opaque(None) for v in value.items)
    return (_opaque(None),)


def _opaque(node: ast.AST | None) -> TensorVal:
    return TensorVal(None, (), node or ast.Pass(), opaque=True)


def _opaque_layer(node: ast.Call, why: str, nested: ModelFact | None = None) -> LayerFact:
    return LayerFact(kind="?", qualname=why, node=node, nested=nested)


def apply_layer(interp: Interpreter, call: ast.Call, layer: LayerFact, args: list[Value]) -> Value:
    first = args[0] if args else None
    if isinstance(first, DataVal):
        # Calling a layer eagerly on arrays: a preprocessing layer transforms the data.
        if layer.kind in vocab.SCALING_LAYERS | vocab.RESIZING_LAYERS:
            from pytest_lrcheck.lint.values import Op

            return first.with_op(Op("scale", layer.kind, call.lineno), call)
        return Unknown("layer called on data")
    return TensorVal(layer, _tensors(first), call)


# --- models ------------------------------------------------------------------------------------
def sequential_ctor(
    interp: Interpreter, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    model = ModelFact(node=call, kind="sequential")
    layers_expr = arg(call, 0, "layers")
    if layers_expr is not None:
        value = interp.eval(layers_expr)
        if isinstance(value, TupleVal):
            for item in value.items:
                _add_layer(model, item, call, conditional=False)
        elif not (isinstance(value, Const) and value.value is None):
            _add_layer(model, value, call, conditional=False)
    interp.facts.models.append(model)
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
        model.layers.append(_opaque_layer(node, "a model used as a layer", value.model))
    else:
        model.complete = False
        model.layers.append(_opaque_layer(node, "not a layer this file defines"))


def functional_ctor(
    interp: Interpreter, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    model = ModelFact(node=call, kind="functional")
    interp.facts.models.append(model)
    outputs_expr = arg(call, 1, "outputs")
    inputs_expr = arg(call, 0, "inputs")
    outputs = interp.eval(outputs_expr) if outputs_expr is not None else None
    inputs = interp.eval(inputs_expr) if inputs_expr is not None else None
    if isinstance(inputs, (TensorVal, TupleVal)):
        model.inputs = _tensors(inputs)
    if isinstance(outputs, TupleVal) and len(outputs.items) == 1:
        outputs = outputs.items[0]
    if not isinstance(outputs, TensorVal):
        model.kind = "other"
        model.complete = model.head_known = False
        if isinstance(outputs, TupleVal):
            model.outputs = _tensors(outputs)
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
            chain.append(_opaque_layer(call, "tensor of unknown origin"))
        else:
            chain.append(LayerFact("InputLayer", "keras.Input", call, input_shape=tensor.shape))
    model.layers = list(reversed(chain))
    if any(layer.kind == "?" for layer in model.layers):
        model.complete = False
    return ModelVal(model)


def opaque_model(
    interp: Interpreter, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    """``keras.applications.ResNet50(...)``, ``load_model(...)``: a model we cannot see into."""
    if qualname.endswith(".preprocess_input"):
        from pytest_lrcheck.lint.data_semantics import scaling_call

        return scaling_call(interp, call, qualname, args, kwargs)
    name = qualname.rsplit(".", 1)[1]
    if qualname.startswith("keras.applications.") and not name[:1].isupper():
        return Unknown(f"call to {qualname}")
    model = ModelFact(node=call, kind="other", complete=False, head_known=False)
    interp.facts.models.append(model)
    return ModelVal(model)


def call_value(
    interp: Interpreter, call: ast.Call, callee: Value, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    """A call of a value: a layer applied to a tensor, or a model applied to data/tensors."""
    if isinstance(callee, LayerVal):
        return apply_layer(interp, call, callee.layer, args)
    if isinstance(callee, ModelVal):
        first = args[0] if args else None
        if isinstance(first, (TensorVal, TupleVal)):
            layer = _opaque_layer(call, "a model used as a layer", callee.model)
            return TensorVal(layer, _tensors(first), call)
        return PredictionVal(callee.model, first or Unknown("no input"), call)
    return Unknown("call of an unknown value")


def attribute(interp: Interpreter, expr: ast.Attribute, base: Value) -> Value:
    if isinstance(base, ModelVal):
        model = base.model
        if expr.attr == "output" and len(model.outputs) == 1:
            return model.outputs[0]
        if expr.attr in {"output", "outputs", "input", "inputs"}:
            return _opaque(expr)
        return Unknown(f"model.{expr.attr}")
    if isinstance(base, DataVal) and expr.attr in {"T", "values"}:
        return base
    return Unknown(f".{expr.attr}")


def method_call(
    interp: Interpreter,
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
        _add_layer(model, value, call, conditional=interp.conditional > 0)
        model.layers[-1].block = tuple(interp.blocks)
        return Unknown("add returns None")
    if method == "pop":
        # ``Sequential.pop()`` drops the last layer (often the output softmax); under a branch
        # it may not have run, so the head is no longer known.
        if model.kind == "sequential" and model.layers and not interp.conditional:
            popped = model.layers.pop()
            if popped not in model.layers:
                model.added.discard(popped)
        else:
            model.complete = model.head_known = False
        return Unknown("pop result")
    if method == "compile":
        model.compiles.append(compile_fact(interp, call))
        return Unknown("compile returns None")
    if method in _DATA_METHODS or method in _PREDICT_METHODS:
        fact = _call_fact(interp, call, method)
        model.calls.append(fact)
        if method in _PREDICT_METHODS:
            return PredictionVal(model, fact.x or Unknown("no input"), call)
        return Unknown(f"{method} result")
    return Unknown(f"model.{method}")


def _call_fact(interp: Interpreter, call: ast.Call, method: str) -> CallFact:
    x_node = arg(call, 0, "x") or arg(call, None, "generator")
    y_node = None if method in _PREDICT_METHODS else arg(call, 1, "y")
    validation = arg(call, None, "validation_data")
    return CallFact(
        method=method,
        node=call,
        x=interp.eval(x_node) if x_node is not None else None,
        y=interp.eval(y_node) if y_node is not None else None,
        x_node=x_node,
        y_node=y_node,
        validation=interp.eval(validation) if validation is not None else None,
        validation_node=validation,
        keywords={kw.arg: kw.value for kw in call.keywords if kw.arg},
    )


# --- compile, optimizers, losses, metrics ------------------------------------------------------
def compile_fact(interp: Interpreter, call: ast.Call) -> CompileFact:
    loss_expr = arg(call, 1, "loss")
    loss: LossFact | None = None
    multi = False
    if loss_expr is not None:
        value = interp.eval(loss_expr)
        multi = isinstance(value, TupleVal) or isinstance(loss_expr, ast.Dict)
        loss = None if multi else loss_fact(interp, loss_expr, value)
    optimizer_expr = arg(call, 0, "optimizer")
    optimizer = None
    if optimizer_expr is not None:
        value = interp.eval(optimizer_expr)
        if isinstance(value, OptimizerVal):
            optimizer = value.optimizer
        elif isinstance(value, Const) and isinstance(value.value, str):
            name = vocab.OPTIMIZER_STRINGS.get(value.value.lower())
            optimizer = OptimizerFact(name=name, node=optimizer_expr, form="string")
    metrics_expr = arg(call, 2, "metrics")
    return CompileFact(
        node=call,
        loss=loss,
        losses_are_multi=multi,
        optimizer=optimizer,
        metrics=_metrics(interp, metrics_expr),
    )


def loss_fact(interp: Interpreter, expr: ast.expr, value: Value) -> LossFact:
    if isinstance(value, LossVal):
        return value.loss
    if isinstance(value, Const) and isinstance(value.value, str):
        return LossFact(vocab.LOSS_ALIASES.get(value.value), False, expr, "string")
    qualname = interp.resolver.qualname(expr, interp.scope)
    if qualname and qualname.startswith("keras.losses."):
        name = qualname.rsplit(".", 1)[1]
        return LossFact(vocab.LOSS_ALIASES.get(name), False, expr, "function")
    return LossFact(None, None, expr, "unknown")


def loss_ctor(
    interp: Interpreter, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    name = vocab.LOSS_CLASSES.get(qualname.rsplit(".", 1)[1])
    if name is None:
        return Unknown(f"call to {qualname}")
    from_logits: bool | None = False
    logits_expr = arg(call, 0 if name in vocab.LOGIT_LOSSES else None, "from_logits")
    if logits_expr is not None:
        literal = const(interp, logits_expr)
        from_logits = literal if isinstance(literal, bool) else None
    return LossVal(LossFact(name, from_logits, call, "instance", logits_expr))


def optimizer_ctor(
    interp: Interpreter, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    name = qualname.rsplit(".", 1)[1]
    tf1 = vocab.TF1_OPTIMIZERS.get(qualname)
    if tf1 is None and name not in vocab.OPTIMIZERS:
        return Unknown(f"call to {qualname}")
    fact = OptimizerFact(
        name=tf1 or name,
        node=call,
        form="tf1" if tf1 else "instance",
        keywords={kw.arg: kw for kw in call.keywords if kw.arg},
    )
    lr_keyword = keyword(call, "learning_rate") or keyword(call, "lr")
    if lr_keyword is not None:
        fact.lr_keyword = lr_keyword
        fact.lr_node = lr_keyword.value
    elif call.args and not isinstance(call.args[0], ast.Starred) and name != "LossScaleOptimizer":
        fact.lr_node = call.args[0]
    fact.learning_rate = number(interp, fact.lr_node)
    interp.facts.optimizers.append(fact)
    return OptimizerVal(fact)


def _metrics(interp: Interpreter, expr: ast.expr | None) -> tuple[MetricFact, ...] | None:
    if expr is None or not isinstance(expr, (ast.List, ast.Tuple)):
        return None
    metrics: list[MetricFact] = []
    for element in expr.elts:
        literal = const(interp, element)
        if isinstance(literal, str):
            name = "accuracy" if literal in vocab.ACCURACY_METRIC_STRINGS else literal
            metrics.append(MetricFact(name, element))
            continue
        target = element.func if isinstance(element, ast.Call) else element
        qualname = interp.resolver.qualname(target, interp.scope) or ""
        short = qualname.rsplit(".", 1)[-1]
        if qualname.startswith("keras.metrics."):
            metrics.append(MetricFact(vocab.METRIC_CLASSES.get(short, short), element))
        else:
            metrics.append(MetricFact(None, element))
    return tuple(metrics)


HANDLERS = {
    "keras.Sequential": sequential_ctor,
    "keras.Model": functional_ctor,
    "keras.Input": input_ctor,
    "keras.models.load_model": opaque_model,
    "keras.models.clone_model": opaque_model,
    "keras.saving.load_model": opaque_model,
    **{name: optimizer_ctor for name in vocab.TF1_OPTIMIZERS},
}
PREFIX_HANDLERS = [
    ("keras.layers.", layer_ctor),
    ("keras.optimizers.", optimizer_ctor),
    ("keras.losses.", loss_ctor),
    ("keras.applications.", opaque_model),
]
