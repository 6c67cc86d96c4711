"""Arithmetic on the constants of a file, bounded so that no constant can hang or crash a run.

``steps = 9**9**9`` compiles in a millisecond, but computing it takes hours and gigabytes; and
``10**400`` is a valid int that no float can hold.  CPython's own optimizer refuses to fold
integers wider than 128 bits; so does this module.  Conversions to float or int give None
instead of raising when the value does not fit, so callers treat it like any unknown value.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from typing import Any

# The widest integer a fold may produce, as in CPython's AST optimizer (MAX_INT_SIZE).
MAX_INT_BITS = 128

Number = int | float
_FOLD: dict[type[ast.operator], Callable[[Number, Number], Number]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Pow: operator.pow,
}


def fold_binary(op: ast.operator, left: object, right: object) -> Number | None:
    """``left <op> right`` for two numbers, or None when it is not folded: another operator or
    operand, an arithmetic error, or a result too big to compute cheaply."""
    fold = _FOLD.get(type(op))
    if fold is None or not (isinstance(left, (int, float)) and isinstance(right, (int, float))):
        return None
    if not _cheap(op, left, right):
        return None
    try:
        result = fold(left, right)
    except (ArithmeticError, ValueError):
        return None
    if isinstance(result, int) and result.bit_length() > MAX_INT_BITS:
        return None
    if isinstance(result, float) and not math.isfinite(result):
        return None  # finite operands that overflow: no value a program means to use
    return result if isinstance(result, (int, float)) else None  # (-8) ** 0.5 is complex


def _cheap(op: ast.operator, left: Number, right: Number) -> bool:
    """Whether the result's size is bounded before computing it: an int power or product can
    be astronomically wide, everything else is cut to size by `fold_binary` afterwards."""
    if not (isinstance(left, int) and isinstance(right, int)):
        return True  # float arithmetic is constant time (and overflows with an error)
    if isinstance(op, ast.Pow) and right > 0:
        return abs(left) <= 1 or (abs(left).bit_length() - 1) * right <= MAX_INT_BITS
    if isinstance(op, ast.Mult):
        return abs(left).bit_length() + abs(right).bit_length() <= MAX_INT_BITS + 1
    return True


def as_float(value: object) -> float | None:
    """A number as a float; None for other values (bools too) and for ints no float holds."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return float(value)
    except OverflowError:
        return None


def as_int(value: object) -> int | None:
    """A whole number as an int (``64`` or ``64.0``); None for fractions, inf, nan and others."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        return int(value)
    return value


UNKNOWN = object()  # what `truth`'s ``constant`` returns for a value that is not a constant
_PLAIN = (bool, int, float, str, type(None))
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], object]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Is: operator.is_,
    ast.IsNot: operator.is_not,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def truth(test: ast.expr, constant: Callable[[ast.expr], object]) -> bool | None:
    """Whether a condition surely holds (True), surely fails (False) or may go either way
    (None), from the constants its parts evaluated to (``constant`` gives one, or `UNKNOWN`).

    ``if activation is not None:`` in a function called with ``activation=None`` surely
    fails.  Only plain constants (None, booleans, numbers, strings) are compared, and ``is``
    only against None and the booleans, whose identity Python guarantees."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = truth(test.operand, constant)
        return None if inner is None else not inner
    if isinstance(test, ast.BoolOp):
        parts = [truth(value, constant) for value in test.values]
        decisive = isinstance(test.op, ast.Or)  # the value that settles ``or`` (``and``: False)
        if decisive in parts:
            return decisive
        return None if None in parts else not decisive
    if isinstance(test, ast.Compare):
        if len(test.ops) != 1:
            return None
        left, right = constant(test.left), constant(test.comparators[0])
        compare = _COMPARE.get(type(test.ops[0]))
        if compare is None or not (isinstance(left, _PLAIN) and isinstance(right, _PLAIN)):
            return None
        if isinstance(test.ops[0], (ast.Is, ast.IsNot)) and not (
            left in (None, True, False) or right in (None, True, False)
        ):
            return None
        try:
            return bool(compare(left, right))
        except TypeError:  # ``"a" < 1``: the program fails there, not our business
            return None
    value = constant(test)
    return bool(value) if isinstance(value, _PLAIN) else None
