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
