"""What the interpreter offers the semantic handlers, declared as a `typing.Protocol`.

Handlers (``keras_*.py``, ``data_*.py``) say what a call does to abstract values.  They never
import the interpreter: they are handed an `Evaluator`, which evaluates sub-expressions, resolves
names, tells whether the code runs under a branch, and records the models and optimizers it
meets.  Literal readers built on that protocol (`const`, `number`, `shape`) live here too.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Protocol

from pytest_lrcheck.lint.folding import as_float
from pytest_lrcheck.lint.values import (
    Block,
    Const,
    ModelFact,
    OptimizerFact,
    TupleVal,
    Value,
)


class Evaluator(Protocol):
    @property
    def conditional(self) -> bool:
        """Whether the code being run is under a branch or in a loop: it may not run, or run
        several times."""
        ...

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The branches and loops being run, outermost first."""
        ...

    def eval(self, expr: ast.expr) -> Value:
        """The abstract value of an expression in the current scope (evaluated once)."""
        ...

    def qualname(self, expr: ast.expr) -> str | None:
        """The canonical Keras/TensorFlow/NumPy name an expression spells, in the current scope."""
        ...

    def add_model(self, model: ModelFact) -> None: ...

    def add_optimizer(self, optimizer: OptimizerFact) -> None: ...


# (evaluator, call, canonical callee name, evaluated positional args, evaluated keywords).
CallHandler = Callable[[Evaluator, ast.Call, str, list[Value], dict[str, Value]], Value]
# (evaluator, call, receiver, method name, args, keywords) -> None when not understood.
MethodHandler = Callable[
    [Evaluator, ast.Call, Value, str, list[Value], dict[str, Value]], Value | None
]


def const(ev: Evaluator, expr: ast.expr | None) -> object:
    """The literal an expression evaluates to (through names bound to literals), else None."""
    if expr is None:
        return None
    value = ev.eval(expr)
    return value.value if isinstance(value, Const) else None


def number(ev: Evaluator, expr: ast.expr | None) -> float | None:
    """The number an expression evaluates to, as a float; None when unknown or too big."""
    return as_float(const(ev, expr))


def shape(ev: Evaluator, expr: ast.expr | None) -> tuple[int | None, ...] | None:
    """A literal shape tuple, with None for the axes that are not literal ints."""
    value = ev.eval(expr) if expr is not None else None
    if not isinstance(value, TupleVal):
        return None
    dims: list[int | None] = []
    for item in value.items:
        literal = item.value if isinstance(item, Const) else None
        dims.append(literal if isinstance(literal, int) and not isinstance(literal, bool) else None)
    return tuple(dims)
