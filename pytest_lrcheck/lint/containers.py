"""Settings kept in containers: config dicts, ``dict(...)`` keyword bundles, argparse defaults.

``CONFIG = {"learning_rate": 2.0}`` read as ``cfg["learning_rate"]``, ``OPTIONS = dict(lr=0.5)``
spread as ``**OPTIONS``, ``parser.add_argument("--lr", default=1.0)`` read as ``args.lr``: the
literal flows to where it is used, and remembers where it was read (`Const.via`), so a rule can
point at the line where it is written.  Only string keys known when the container is built are
followed; a key that may have been set elsewhere is unknown.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace

from pytest_lrcheck.lint.evaluator import Evaluator
from pytest_lrcheck.lint.values import Const, TupleVal, Unknown, Value

MAX_ITEMS = 256  # items a list may grow to by ``+`` and ``.append``; past it, not followed


@dataclass(eq=False)
class DictVal(Value):
    """A dict with string keys (or an argparse namespace, read by attribute)."""

    items: dict[str, Value] = field(default_factory=dict)
    namespace: bool = False
    # False once a key was set where the checker could not follow (``cfg[key] = ...``).
    complete: bool = True
    # Where each key was written: the keyword of ``dict(lr=0.1)``, the key of ``{"lr": 0.1}``.
    keys: dict[str, ast.AST] = field(default_factory=dict)

    def read(self, key: str, node: ast.expr) -> Value:
        value = self.items.get(key)
        if value is None:
            return Unknown(f"key {key}")
        if isinstance(value, Const) and value.via is None:
            return replace(value, via=node)
        return value


@dataclass(eq=False)
class EachVal(Value):
    """A list built by a comprehension: every item is what its element evaluated to, once
    (``[build(seed) for seed in range(5)]`` holds models built alike).  As an item of a list,
    any number of items like the element (appended in a loop or under a branch)."""

    element: Value


def element_of(iterable: Value) -> Value:
    """What a ``for`` loop's variable holds in each pass over ``iterable``."""
    if isinstance(iterable, EachVal):
        return iterable.element
    if isinstance(iterable, TupleVal) and len(iterable.items) == 1:
        only = iterable.items[0]
        return only.element if isinstance(only, EachVal) else only
    return Unknown("loop variable")


@dataclass(eq=False)
class ParserVal(Value):
    """An ``argparse.ArgumentParser``: the defaults of the options added so far."""

    defaults: dict[str, Value] = field(default_factory=dict)
    complete: bool = True


def dict_literal(ev: Evaluator, expr: ast.Dict) -> Value:
    items: dict[str, Value] = {}
    keys: dict[str, ast.AST] = {}
    known = True
    for key, value in zip(expr.keys, expr.values, strict=True):
        evaluated = ev.eval(value)
        if key is None or not isinstance(ev.eval(key), Const):
            known = False  # ``{**base, ...}`` or a computed key
            continue
        literal = ev.eval(key)
        assert isinstance(literal, Const)
        if isinstance(literal.value, str):
            items[literal.value] = evaluated
            keys[literal.value] = key
    return DictVal(items, complete=known, keys=keys)


def dict_call(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    """``dict(lr=0.01, momentum=0.9)``."""
    if args or any(kw.arg is None for kw in call.keywords):
        return Unknown("dict of unknown items")
    return DictVal(dict(kwargs), keys={kw.arg: kw for kw in call.keywords if kw.arg})


def parser(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    return ParserVal()


def item(container: Value, key: Value, node: ast.expr) -> Value | None:
    """``cfg["lr"]``: the item, None when ``container`` is not a dict this module follows."""
    if not isinstance(container, DictVal) or container.namespace:
        return None
    if not isinstance(key, Const) or not isinstance(key.value, str) or not container.complete:
        return Unknown("item")
    return container.read(key.value, node)


def attribute(container: Value, name: str, node: ast.expr) -> Value | None:
    """``args.lr`` on a parsed namespace."""
    if not isinstance(container, DictVal) or not container.namespace:
        return None
    return container.read(name, node) if container.complete else Unknown("option")


def method_call(
    ev: Evaluator,
    call: ast.Call,
    receiver: Value,
    method: str,
    args: list[Value],
    kwargs: dict[str, Value],
) -> Value | None:
    if isinstance(receiver, ParserVal):
        if method == "add_argument":
            _add_argument(receiver, call, kwargs)
            return Unknown("action")
        if method in {"parse_args", "parse_known_args"}:
            namespace = DictVal(dict(receiver.defaults), namespace=True)
            namespace.complete = receiver.complete and not args and not kwargs
            parsed: Value = namespace
            return parsed if method == "parse_args" else TupleVal((parsed, Unknown("rest")))
        if method not in {"add_argument_group", "set_defaults", "print_help", "error"}:
            return None
        receiver.complete = False  # groups and set_defaults add options this does not follow
        return Unknown(f"parser.{method}")
    if isinstance(receiver, TupleVal) and method in {"append", "extend", "insert"}:
        _grow(ev, receiver, method, args)
        return Const(None, call)
    if isinstance(receiver, DictVal) and not receiver.namespace:
        if method == "get" and args and isinstance(args[0], Const):
            key = args[0].value
            if isinstance(key, str) and receiver.complete and key in receiver.items:
                return receiver.read(key, call)
            return args[1] if len(args) > 1 and receiver.complete else Unknown("get")
        receiver.complete = False  # update, setdefault, pop...: keys the checker does not follow
        return Unknown(f"dict.{method}")
    return None


def _grow(ev: Evaluator, receiver: TupleVal, method: str, args: list[Value]) -> None:
    """``block.append(layers.Dropout(0.2))``: the list holds it from then on.  Added under a
    branch or in a loop, it may be there or not (or many times): an unknown item stands for
    it, so that what follows it in the list is not taken to follow what came before."""
    added: tuple[Value, ...] = (Unknown(f"list.{method}"),)
    if method == "append" and len(args) == 1:
        added = (args[0],)
    elif method == "extend" and len(args) == 1 and isinstance(args[0], TupleVal):
        added = args[0].items
    if ev.conditional and added:
        # ``ys.append(series[i])`` in a loop: any number of items like that one.
        each = method == "append" and len(args) == 1
        added = (EachVal(args[0]) if each else Unknown(f"list.{method} on some paths"),)
    position = len(receiver.items)
    if method == "insert":
        index = args[0].value if args and isinstance(args[0], Const) else None
        if isinstance(index, int) and not isinstance(index, bool) and index >= 0:
            position = min(index, position)
            if len(args) == 2 and not ev.conditional:
                added = (args[1],)
        else:
            position = 0  # somewhere: what follows what is no longer known
    if len(receiver.items) + len(added) <= MAX_ITEMS:
        receiver.items = receiver.items[:position] + added + receiver.items[position:]


def set_item(container: Value, key: Value, value: Value, *, conditional: bool) -> bool:
    """``cfg["lr"] = 0.1``; False when ``container`` is not a dict this module follows."""
    if not isinstance(container, DictVal):
        return False
    if isinstance(key, Const) and isinstance(key.value, str):
        old = container.items.get(key.value)
        if conditional and old is not None and old is not value:
            value = Unknown("item set differently on different paths")
        container.items[key.value] = value
    else:
        container.complete = False
    return True


def _add_argument(receiver: ParserVal, call: ast.Call, kwargs: dict[str, Value]) -> None:
    names = [a.value for a in call.args if isinstance(a, ast.Constant)]
    if any(not isinstance(n, str) for n in names) or len(names) != len(call.args):
        receiver.complete = False
        return
    dest = kwargs.get("dest")
    if isinstance(dest, Const) and isinstance(dest.value, str):
        name = dest.value
    else:
        longs = [n for n in names if isinstance(n, str) and n.startswith("--")]
        chosen = longs[0] if longs else names[0] if names else ""
        name = str(chosen).lstrip("-").replace("-", "_")
    if not name:
        receiver.complete = False
        return
    default = kwargs.get("default")
    receiver.defaults[name] = default if default is not None else Unknown(f"option {name}")
