"""What operators do to abstract values: arithmetic, negation, subscripts and unpacking.

Arithmetic on two constants is folded (`folding.py` bounds it); arithmetic involving data is a
scaling step on that data (``x / 255.0``); a subscript of data selects samples or adds axes.
"""

from __future__ import annotations

import ast

from pytest_lrcheck.lint import containers
from pytest_lrcheck.lint.data_labels import eye_rows
from pytest_lrcheck.lint.evaluator import Evaluator, const
from pytest_lrcheck.lint.folding import as_float, fold_binary
from pytest_lrcheck.lint.syntax import line
from pytest_lrcheck.lint.values import Const, DataVal, Op, TupleVal, Unknown, Value


def binop(ev: Evaluator, node: ast.AST, left: Value, op: ast.operator, right: Value) -> Value:
    if isinstance(left, Const) and isinstance(right, Const):
        folded = fold_binary(op, left.value, right.value)
        return Unknown("constant expression") if folded is None else Const(folded, node)
    if isinstance(left, TupleVal) and isinstance(right, TupleVal) and isinstance(op, ast.Add):
        joined = left.items + right.items  # ``[keras.Input(...)] + dense_block(64)``
        return TupleVal(joined) if len(joined) <= containers.MAX_ITEMS else Unknown("long")
    data = [v for v in (left, right) if isinstance(v, DataVal)]
    if not data:
        return Unknown("arithmetic")
    other = right if data[0] is left else left
    amount = as_float(other.value) if isinstance(other, Const) else None
    step = Op("scale", type(op).__name__.lower(), line(node), amount)
    merged = data[0] if len(data) == 1 else merge_all(data)
    return merged.with_op(step, node)


def unary(ev: Evaluator, node: ast.UnaryOp, operand: Value) -> Value:
    if isinstance(operand, Const) and isinstance(operand.value, (int, float)):
        if isinstance(node.op, ast.USub):
            return Const(-operand.value, node)
        if isinstance(node.op, ast.UAdd):
            return operand
    if isinstance(operand, DataVal) and isinstance(node.op, (ast.USub, ast.Invert)):
        return operand.with_op(Op("scale", "neg", line(node)), node)
    return Unknown("unary")


def subscript(ev: Evaluator, node: ast.Subscript, base: Value, index: Value) -> Value:
    if isinstance(base, TupleVal) and isinstance(index, Const) and isinstance(index.value, int):
        position = index.value
        if -len(base.items) <= position < len(base.items):
            return base.items[position]
        return Unknown("index out of range")
    found = containers.item(base, index, node)
    if found is not None:
        return found
    if isinstance(base, DataVal):
        one_hot = eye_rows(node, base, index)
        if one_hot is not None:
            return one_hot
        if _adds_axes(ev, node.slice):
            # ``x[..., None]``, ``x[:, :, np.newaxis]``: every element kept, only reshaped.
            return base.with_op(Op("reshape", "newaxis", line(node)), node)
        detail = _selection(node.slice)
        rows = _slice_length(ev, node.slice) if isinstance(node.slice, ast.Slice) else None
        return base.with_op(Op("select", detail, line(node), rows), node)
    return Unknown("subscript")


def _adds_axes(ev: Evaluator, index: ast.expr) -> bool:
    """Whether a subscript only inserts axes after the first one, keeping every element."""
    if not isinstance(index, ast.Tuple) or len(index.elts) < 2:
        return False
    kinds = [_axis_item(ev, element) for element in index.elts]
    return kinds[0] == "keep" and "new" in kinds and set(kinds) <= {"keep", "new"}


def _axis_item(ev: Evaluator, element: ast.expr) -> str:
    if isinstance(element, ast.Constant) and element.value is None:
        return "new"
    if isinstance(element, ast.Constant) and element.value is Ellipsis:
        return "keep"
    if isinstance(element, ast.Slice) and element.lower is element.upper is element.step is None:
        return "keep"
    qualname = ev.qualname(element)
    return "new" if qualname in {"numpy.newaxis", "tensorflow.newaxis"} else "other"


def _slice_length(ev: Evaluator, index: ast.Slice) -> float | None:
    """How many samples ``x[a:b]`` keeps when both bounds are literal and not negative."""
    if index.step is not None or index.upper is None:
        return None
    lower = 0 if index.lower is None else const(ev, index.lower)
    upper = const(ev, index.upper)
    if not (count(lower) and count(upper)):
        return None
    assert isinstance(lower, int) and isinstance(upper, int)
    return as_float(max(upper - lower, 0))


def count(value: object) -> bool:
    """A literal that can count samples: an int (not a bool) of at least 0."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _selection(index: ast.expr) -> str:
    """What a subscript keeps: ``slice`` (a range of samples, every column), ``axes`` (indexes
    several axes, e.g. a column of one-hot labels) or ``index`` (a mask, an index array or one
    sample: which samples, and so which classes, remain is unknown)."""
    if isinstance(index, ast.Slice):
        return "slice"
    if isinstance(index, ast.Tuple):
        return "axes"
    return "index"


def unpack(value: Value, count: int) -> tuple[Value, ...] | None:
    """The items ``a, b = value`` binds, when the value is a tuple of that length."""
    if isinstance(value, TupleVal) and len(value.items) == count:
        return value.items
    return None


def merge_all(values: list[DataVal]) -> DataVal:
    """Data made of all of these (a concatenation): every source, the steps common to all."""
    merged = values[0]
    for value in values[1:]:
        merged = DataVal(
            sources=merged.sources | value.sources,
            may=merged.may | value.may,
            must=merged.must & value.must,
            complete=merged.complete and value.complete,
            node=merged.node,
        )
    return merged


def stacked(items: Value, call: ast.Call) -> DataVal | None:
    """The data of a list of arrays, or of a list built by appending arrays in a loop."""
    if isinstance(items, containers.EachVal):
        items = TupleVal((items,))
    if not isinstance(items, TupleVal):
        return None
    each = [v.element if isinstance(v, containers.EachVal) else v for v in items.items]
    data = [v for v in each if isinstance(v, DataVal)]
    if not data:
        return None
    merged = merge_all(data)
    return merged if len(data) == len(each) else merged.incomplete(call)
