"""The file's own classes: a trainer keeps its model on ``self.model`` and its rate in a field.

A plain class (or a ``@dataclass``) defined in the file is a `ClassVal` holding what its body
bound: methods and class attributes.  Calling it gives an `InstanceVal` whose attributes are
set by ``self.<name> = ...`` in the methods the interpreter follows (``__init__`` at the call,
the others where they are called on the instance), or by a dataclass's fields.  A class with a
base the file does not define (``keras.Model``, a framework's trainer) stays unknown: what that
base does to its instances is not visible.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from pytest_lrcheck.lint.arguments import handed
from pytest_lrcheck.lint.names import NameResolver, Scope
from pytest_lrcheck.lint.values import Const, DataVal, FunctionVal, Unknown, Value, merge_data


@dataclass(eq=False)
class ClassVal(Value):
    node: ast.ClassDef
    namespace: dict[str, Value]  # what the class body bound: methods, class attributes
    bases: tuple[ClassVal, ...] = ()
    dataclass: bool = False

    def lookup(self, name: str) -> Value | None:
        if name in self.namespace:
            return self.namespace[name]
        return next((v for b in self.bases if (v := b.lookup(name)) is not None), None)

    def fields(self) -> list[str]:
        """A dataclass's fields in order (annotated names of its body and its bases')."""
        names = [n for base in self.bases for n in base.fields()]
        for statement in self.node.body:
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                names.append(statement.target.id)
        return list(dict.fromkeys(names))


@dataclass(eq=False)
class InstanceVal(Value):
    cls: ClassVal
    attributes: dict[str, Value] = field(default_factory=dict)

    def attribute(self, name: str) -> Value:
        value = self.attributes.get(name)
        if value is None:
            value = self.cls.lookup(name)
        return value if value is not None else Unknown(f"attribute {name}")

    def set(self, name: str, value: Value, *, conditional: bool) -> None:
        old = self.attributes.get(name)
        if conditional and old is not None and old is not value:
            if isinstance(old, DataVal) and isinstance(value, DataVal):
                value = merge_data(old, value)
            elif not isinstance(old, Unknown):
                value = Unknown("attribute set differently on different paths")
        self.attributes[name] = value


def class_value(
    node: ast.ClassDef, namespace: dict[str, Value], bases: list[Value], decorators: list[str]
) -> Value:
    """The class a ``class`` statement binds, or unknown when its bases or decorators hide
    what its instances hold."""
    if any(not isinstance(b, ClassVal) for b in bases):
        return Unknown("class with a base defined elsewhere")
    is_dataclass = decorators == ["dataclasses.dataclass"]
    if decorators and not is_dataclass:
        return Unknown("decorated class")
    own = tuple(b for b in bases if isinstance(b, ClassVal))
    return ClassVal(node, namespace, own, is_dataclass)


def decorator_name(resolver: NameResolver, decorator: ast.expr, scope: Scope) -> str:
    """``dataclasses.dataclass`` for ``@dataclass`` and ``@dataclass(frozen=True)``; "?" for a
    decorator not understood, or one that changes what the class stores (``init=False``)."""
    if isinstance(decorator, ast.Call):
        if any(kw.arg in {None, "init"} for kw in decorator.keywords) or decorator.args:
            return "?"
        decorator = decorator.func
    return resolver.qualname(decorator, scope) or "?"


def instantiate(
    cls: ClassVal,
    call: ast.Call,
    args: list[Value],
    kwargs: dict[str, Value],
    run: Callable[
        [tuple[FunctionVal, ast.Call, list[Value], dict[str, Value]], InstanceVal], object
    ],
) -> InstanceVal:
    """A new instance of ``cls``: its ``__init__`` is run (by ``run``, given the method, the
    call's arguments and the instance) or a dataclass's fields are stored."""
    if cls.dataclass:
        return _dataclass_instance(cls, call, args, kwargs)
    instance = InstanceVal(cls)
    init = method(instance, "__init__")
    if init is not None:
        run((init, call, args, kwargs), instance)
    return instance


def _dataclass_instance(
    cls: ClassVal, call: ast.Call, args: list[Value], kwargs: dict[str, Value]
) -> InstanceVal:
    """What a dataclass's generated ``__init__`` stores: arguments, else the defaults."""
    instance = InstanceVal(cls)
    starred = any(isinstance(a, ast.Starred) for a in call.args) or any(
        kw.arg is None for kw in call.keywords
    )
    for index, name in enumerate(cls.fields()):
        if starred:
            value: Value | None = Unknown("unpacked arguments")
        elif index < len(args):
            value = args[index]
        else:
            value = kwargs.get(name)
            if value is None:
                default = cls.lookup(name)
                # ``field(default_factory=...)`` and other non-literals: not followed.
                value = default if isinstance(default, Const) else None
        instance.attributes[name] = (
            handed(value, call) if value is not None else Unknown(f"field {name}")
        )
    return instance


def method(receiver: Value, name: str) -> FunctionVal | None:
    """The method ``receiver.name`` calls, when the receiver is an instance of a file's class."""
    if not isinstance(receiver, InstanceVal) or name in receiver.attributes:
        return None
    found = receiver.cls.lookup(name)
    return found if isinstance(found, FunctionVal) else None
