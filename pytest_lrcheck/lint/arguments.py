"""Binding a call's arguments to a function's parameters, as Python does, over abstract values.

A literal handed to a parameter keeps where it was written and gains the call that handed it
over (`Const.via`), so a rule that judges it inside the function can point at the call site;
a parameter the call omits takes its default, evaluated where the ``def`` ran.  What a call may
fill through ``*args`` or ``**kwargs`` is unknown, never the default.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import replace

from pytest_lrcheck.lint.containers import DictVal
from pytest_lrcheck.lint.values import Const, DataVal, ModelVal, TupleVal, Unknown, Value


def bind_arguments(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    call: ast.Call | None,
    args: list[Value],
    kwargs: dict[str, Value],
    evaluated: Callable[[ast.expr], Value],
    receiver: Value | None = None,
) -> dict[str, Value]:
    """The value of every parameter of ``node`` for this call (``call`` None: all unknown).

    ``evaluated`` gives the value an expression evaluated to (a default, a ``**`` argument);
    ``receiver`` is the instance a method is called on, bound to its first parameter."""
    spec = node.args
    positional = [*spec.posonlyargs, *spec.args]
    names = [p.arg for p in (*positional, *spec.kwonlyargs)]
    if call is None:
        return _unknown_all(spec)
    bound: dict[str, Value] = {}
    if receiver is not None and positional:
        bound[positional[0].arg] = receiver
        positional = positional[1:]
    starred = any(isinstance(a, ast.Starred) for a in call.args)
    # ``**config`` of a dict with known keys has put them in ``kwargs``; any other may fill
    # any parameter.
    double_starred = any(
        kw.arg is None and not _known_keys(evaluated(kw.value)) for kw in call.keywords
    )
    for index, value in enumerate(args):
        if starred and any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
            break  # from the first ``*args`` on, positions are not known
        if index < len(positional):
            bound[positional[index].arg] = handed(value, call)
    for name, value in kwargs.items():
        if name in names:
            bound[name] = handed(value, call)
    every_positional = [p.arg for p in (*spec.posonlyargs, *spec.args)]
    with_default = every_positional[len(every_positional) - len(spec.defaults) :]
    defaults = dict(zip(with_default, spec.defaults, strict=True))
    for param, kw_default in zip(spec.kwonlyargs, spec.kw_defaults, strict=True):
        if kw_default is not None:
            defaults[param.arg] = kw_default
    for name in names:
        if name in bound:
            continue
        if starred or double_starred or name not in defaults:
            bound[name] = Unknown(f"parameter {name}")
        else:
            bound[name] = handed(evaluated(defaults[name]), call)
    for star in (spec.vararg, spec.kwarg):
        if star is not None:
            bound[star.arg] = Unknown(f"parameter {star.arg}")
    return bound


def context_key(params: dict[str, Value]) -> tuple[object, ...]:
    """Equal for two calls that hand the function the same values: literals by value, every
    other value by identity (two models are two contexts, even when built alike)."""
    key: list[object] = []
    for name, value in sorted(params.items()):
        if isinstance(value, Const):
            key.append((name, type(value.value).__name__, repr(value.value)))
        elif isinstance(value, Unknown):
            key.append((name, "?"))
        else:
            key.append((name, id(value)))
    return tuple(key)


def handed(value: Value, call: ast.Call) -> Value:
    """``value`` as a parameter holds it: a literal remembers the call that handed it over."""
    if isinstance(value, Const) and value.via is None:
        return replace(value, via=call)
    return value


def _known_keys(value: Value) -> bool:
    return isinstance(value, DictVal) and value.complete


def _unknown_all(spec: ast.arguments) -> dict[str, Value]:
    params = [*spec.posonlyargs, *spec.args, *spec.kwonlyargs, spec.vararg, spec.kwarg]
    return {p.arg: Unknown(f"parameter {p.arg}") for p in params if p is not None}


def body_nodes(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.For | ast.AsyncFor,
) -> Iterator[ast.AST]:
    """Every node of a function's or a loop's body (not defaults, decorators, the iterable)."""
    for statement in node.body:
        yield from ast.walk(statement)
    if isinstance(node, (ast.For, ast.AsyncFor)):
        yield from ast.walk(node.target)


def leaves_early(body: list[ast.stmt]) -> bool:
    """Whether a loop body may stop the loop or leave it: break, continue, return, raise,
    yield (functions defined inside do not count)."""
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(
            node, (ast.Break, ast.Continue, ast.Return, ast.Raise, ast.Yield, ast.YieldFrom)
        ):
            return True
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            pending.extend(ast.iter_child_nodes(node))
    return False


def fresh(value: Value) -> Value:
    """A copy for one call of a function, so two calls never look like the same data."""
    if isinstance(value, DataVal):
        return replace(value)
    if isinstance(value, TupleVal):
        return TupleVal(tuple(fresh(v) for v in value.items))
    if isinstance(value, Unknown):
        return Unknown(value.reason)
    return value


def escape(args: list[Value], kwargs: dict[str, Value]) -> None:
    """A model handed to code the checker does not follow may get layers there."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, ModelVal):
            value.model.escapes.append(len(value.model.layers))
