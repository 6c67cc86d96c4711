"""What ``compile`` and the objects given to it say: the loss, the optimizer, the metrics.

Losses and optimizers are read by their Keras names (`pytest_lrcheck.keras_vocab`), whether
spelled as strings (``loss="mse"``), functions (``keras.losses.mse``) or instances
(``keras.optimizers.Adam(1e-3)``); a learning rate is read when it is a literal or a name bound
to one.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.lint.containers import DictVal
from pytest_lrcheck.lint.evaluator import Evaluator, const, number
from pytest_lrcheck.lint.syntax import arg, keyword
from pytest_lrcheck.lint.values import (
    CompileFact,
    Const,
    LossFact,
    LossVal,
    MetricFact,
    OptimizerFact,
    OptimizerVal,
    TupleVal,
    Unknown,
    Value,
)


def compile_fact(ev: Evaluator, call: ast.Call) -> CompileFact:
    loss_expr = arg(call, 1, "loss")
    loss: LossFact | None = None
    multi = False
    if loss_expr is not None:
        value = ev.eval(loss_expr)
        multi = isinstance(value, TupleVal) or isinstance(loss_expr, ast.Dict)
        loss = None if multi else loss_fact(ev, loss_expr, value)
    optimizer_expr = arg(call, 0, "optimizer")
    optimizer = None
    if optimizer_expr is not None:
        value = ev.eval(optimizer_expr)
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
        metrics=_metrics(ev, metrics_expr),
    )


def loss_fact(ev: Evaluator, expr: ast.expr, value: Value) -> LossFact:
    if isinstance(value, LossVal):
        return value.loss
    if isinstance(value, Const) and isinstance(value.value, str):
        # Keras also deserialises a loss class's name: loss="CategoricalCrossentropy".
        spelled = value.value
        name = vocab.LOSS_ALIASES.get(spelled) or vocab.LOSS_CLASSES.get(spelled)
        return LossFact(name, False, expr, "string")
    qualname = ev.qualname(expr)
    if qualname and qualname.startswith("keras.losses."):
        name = qualname.rsplit(".", 1)[1]
        return LossFact(vocab.LOSS_ALIASES.get(name), False, expr, "function")
    return LossFact(None, None, expr, "unknown")


def loss_ctor(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    name = vocab.LOSS_CLASSES.get(qualname.rsplit(".", 1)[1])
    if name is None:
        return Unknown(f"call to {qualname}")
    from_logits: bool | None = False
    logits_expr = arg(call, 0 if name in vocab.LOGIT_LOSSES else None, "from_logits")
    if logits_expr is not None:
        literal = const(ev, logits_expr)
        from_logits = literal if isinstance(literal, bool) else None
    return LossVal(LossFact(name, from_logits, call, "instance", logits_expr))


def _unpacked_keywords(ev: Evaluator, call: ast.Call) -> dict[str, ast.keyword]:
    """The keywords a call receives from ``**options`` dicts the file wrote out, each as a
    keyword placed where its key was written (``dict(lr=0.1)``, ``{"lr": 0.1}``)."""
    found: dict[str, ast.keyword] = {}
    for unpacked in call.keywords:
        options = ev.eval(unpacked.value) if unpacked.arg is None else None
        if not isinstance(options, DictVal) or not options.complete:
            continue
        for name, written in options.keys.items():
            if isinstance(written, ast.keyword):
                found[name] = written
            elif isinstance(written, ast.expr) and name in options.items:
                value = options.items[name]
                expr = written
                if isinstance(value, Const) and isinstance(value.node, ast.expr):
                    expr = value.node
                placed = ast.keyword(arg=name, value=expr)
                found[name] = ast.copy_location(placed, written)
    return found


def optimizer_ctor(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
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
    for name_, written in _unpacked_keywords(ev, call).items():
        fact.keywords.setdefault(name_, written)
    lr_keyword = keyword(call, "learning_rate") or keyword(call, "lr")
    lr_keyword = lr_keyword or fact.keywords.get("learning_rate") or fact.keywords.get("lr")
    if lr_keyword is not None:
        fact.lr_keyword = lr_keyword
        fact.lr_node = lr_keyword.value
    elif call.args and not isinstance(call.args[0], ast.Starred) and name != "LossScaleOptimizer":
        fact.lr_node = call.args[0]
    fact.learning_rate = number(ev, fact.lr_node)
    fact.lr_value = ev.eval(fact.lr_node) if fact.lr_node is not None else None
    ev.add_optimizer(fact)
    return OptimizerVal(fact)


@dataclass(eq=False)
class MetricVal(Value):
    """A metric object, ``keras.metrics.Accuracy()``, wherever it is kept before ``compile``."""

    metric: MetricFact


def metric_ctor(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    short = qualname.rsplit(".", 1)[-1]
    if not short[:1].isupper():  # ``keras.metrics.binary_accuracy(y, p)`` computes a value
        return Unknown(f"call to {qualname}")
    return MetricVal(MetricFact(vocab.METRIC_CLASSES.get(short, short), call))


def _metrics(ev: Evaluator, expr: ast.expr | None) -> tuple[MetricFact, ...] | None:
    if expr is None:
        return None
    if not isinstance(expr, (ast.List, ast.Tuple)):
        # ``metrics=self.metrics``: a list built elsewhere, read through what it holds.
        held = ev.eval(expr)
        if not isinstance(held, TupleVal):
            return None
        return tuple(_held_metric(item, expr) for item in held.items)
    metrics: list[MetricFact] = []
    for element in expr.elts:
        literal = const(ev, element)
        if isinstance(literal, str):
            metrics.append(MetricFact(_metric_string(literal), element))
            continue
        target = element.func if isinstance(element, ast.Call) else element
        qualname = ev.qualname(target) or ""
        short = qualname.rsplit(".", 1)[-1]
        if qualname.startswith("keras.metrics."):
            metrics.append(MetricFact(vocab.METRIC_CLASSES.get(short, short), element))
        else:
            metrics.append(MetricFact(None, element))
    return tuple(metrics)


def _metric_string(literal: str) -> str:
    if literal in vocab.ACCURACY_METRIC_STRINGS:
        return "accuracy"
    if literal[:1].isupper():  # a class name: metrics=["BinaryAccuracy"]
        return vocab.METRIC_CLASSES.get(literal, literal)
    return literal


def _held_metric(item: Value, expr: ast.expr) -> MetricFact:
    if isinstance(item, MetricVal):
        return item.metric
    if isinstance(item, Const) and isinstance(item.value, str) and isinstance(item.node, ast.expr):
        return MetricFact(_metric_string(item.value), item.node)
    return MetricFact(None, expr)
