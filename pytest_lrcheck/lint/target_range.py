"""The range of regression targets, where the file shows it: for rules about output activations.

``y = 5.0 * np.sin(x)`` lies in [-5, 5], Boston house prices in [5, 50], ``StandardScaler``
output on both sides of 0, ``MinMaxScaler(feature_range=(-1, 1))`` output in [-1, 1].  The range
is read from where the values were made: a dataset the vocabulary knows, a scaler, or the
arithmetic of the expression that computed them over NumPy's random and elementary functions.
Random draws count by their usual spread (a normal variable within three standard deviations).
Anything else, or a chain too long to follow, gives None: rules then say nothing.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.lint.values import Const, DataVal, ObjectVal, Value

if TYPE_CHECKING:
    from pytest_lrcheck.lint.facts import FileFacts

_DEPTH = 12  # names and expressions followed back from the targets
# Steps that keep every value: the range before them is the range after them.
_KEEPING = frozenset({"reshape", "split", "cast", "select"})
_SPREAD: dict[str, tuple[tuple[str, float | None], tuple[str, float | None]]] = {
    "numpy.random.normal": (("loc", 0.0), ("scale", 1.0)),
    "numpy.random.uniform": (("low", 0.0), ("high", 1.0)),
    "numpy.linspace": (("start", None), ("stop", None)),
}
# Methods that keep every value of the array they are called on.
_SAME_VALUES = frozenset({"reshape", "astype", "copy", "ravel", "flatten", "squeeze", "to_numpy"})
_BOUNDED = {
    "numpy.sin": (-1.0, 1.0), "numpy.cos": (-1.0, 1.0), "numpy.tanh": (-1.0, 1.0),
    "numpy.random.rand": (0.0, 1.0), "numpy.random.random": (0.0, 1.0),
    "numpy.random.random_sample": (0.0, 1.0), "numpy.random.randn": (-3.0, 3.0),
    "numpy.random.standard_normal": (-3.0, 3.0),
}  # fmt: skip


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    evidence: str  # where the file shows it, e.g. "boston_housing.load_data() at line 4"

    def shown(self) -> str:
        return f"[{self.low:.3g}, {self.high:.3g}]"


def target_range(value: Value | None, facts: FileFacts) -> Range | None:
    """The range the file shows for these targets, or None when it does not show one."""
    callees = {id(site.node): site.qualname for site in facts.calls}
    found = _Reader(facts, callees).value(value, _DEPTH)
    if found is None or not all(math.isfinite(b) for b in (found.low, found.high)):
        return None
    return found


class _Reader:
    def __init__(self, facts: FileFacts, callees: dict[int, str]) -> None:
        self.facts = facts
        self.callees = callees

    def value(self, value: Value | None, depth: int) -> Range | None:
        if isinstance(value, Const) and isinstance(value.value, (int, float)):
            number = float(value.value)
            return Range(number, number, f"line {getattr(value.node, 'lineno', 0)}")
        if not isinstance(value, DataVal) or depth <= 0:
            return None
        if value.node is not None and self.facts.value_of(value.node) is value:
            # The expression that made the value made all of it (a value merged after a
            # branch is a new one: its last expression tells only one path).
            scaled = self._scaler(value.node)
            if scaled is not None or not value.complete:
                return scaled  # a scaler's output range does not depend on its input
        elif value.may != value.must or not value.complete:
            return None
        if all(op.kind in _KEEPING for op in value.may):
            known = self._sources(value)
            if known is not None:
                return known
        node = value.node
        if not isinstance(node, ast.expr) or self.facts.value_of(node) is not value:
            return None
        found = self.expr(node, depth - 1)
        if found is None or found.evidence.startswith(("targets of", "standardized", "scaled")):
            return found
        return Range(found.low, found.high, f"as computed at line {node.lineno}")

    def _sources(self, value: DataVal) -> Range | None:
        found: list[Range] = []
        for source in value.sources:
            if source.role != "y":
                return None
            name = source.name.rsplit(".", 1)[-1]
            if source.kind == "dataset" and source.name in vocab.DATASETS:
                bounds = vocab.DATASETS[source.name].targets
                where = f"{source.name}.load_data() at line {source.line}"
            elif source.kind == "bundled" and name in vocab.SKLEARN_REGRESSION_SETS:
                bounds = vocab.SKLEARN_REGRESSION_SETS[name]
                where = f"{name}() at line {source.line}"
            else:
                return None
            if bounds is None:
                return None
            found.append(Range(bounds[0], bounds[1], f"targets of {where}"))
        if not found:
            return None
        low, high = min(r.low for r in found), max(r.high for r in found)
        return Range(low, high, found[0].evidence)

    def _scaler(self, node: ast.AST | None) -> Range | None:
        """``scaler.transform(y)``/``fit_transform(y)``: the scaler's output range."""
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            return None
        if node.func.attr not in {"transform", "fit_transform"}:
            return None
        scaler = self.facts.value_of(node.func.value)
        if not isinstance(scaler, ObjectVal) or scaler.qualname != "scaler":
            return None
        ctor = scaler.node
        kind = ast.unparse(ctor.func).rsplit(".", 1)[-1]
        where = f"{kind} at line {node.lineno}"
        if kind == "StandardScaler" and not ctor.args and not ctor.keywords:
            # Zero mean, unit variance: most values within three deviations, about half < 0.
            return Range(-3.0, 3.0, f"standardized by {where}")
        if kind == "MinMaxScaler" and not ctor.args:
            bounds = (0.0, 1.0)
            for keyword in ctor.keywords:
                if keyword.arg != "feature_range":
                    return None
                pair = self.facts.value_of(keyword.value)
                items = getattr(pair, "items", ())
                numbers = [v.value for v in items if isinstance(v, Const)]
                if len(numbers) != 2 or not all(isinstance(n, (int, float)) for n in numbers):
                    return None
                bounds = (float(numbers[0]), float(numbers[1]))  # type: ignore[arg-type]
            return Range(bounds[0], bounds[1], f"scaled into {list(bounds)} by {where}")
        return None

    def expr(self, node: ast.expr, depth: int) -> Range | None:
        if depth <= 0:
            return None
        if isinstance(node, ast.BinOp):
            left, right = self.expr(node.left, depth - 1), self.expr(node.right, depth - 1)
            return None if left is None or right is None else _combine(node, left, right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = self.expr(node.operand, depth - 1)
            return None if inner is None else Range(-inner.high, -inner.low, inner.evidence)
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        if isinstance(node, (ast.Subscript, ast.Attribute)) and not isinstance(node, ast.Call):
            # A column or rows of an array (``X[:, 0]``), ``.T``: values from the same range.
            base = node.value
            return self.value(self.facts.value_of(base), depth - 1)
        return self.value(self.facts.value_of(node), depth - 1)

    def _call(self, call: ast.Call, depth: int) -> Range | None:
        scaled = self._scaler(call)
        if scaled is not None:
            return scaled
        name = self.callees.get(id(call))
        where = f"line {call.lineno}"
        if name in _BOUNDED:
            low, high = _BOUNDED[name]
            return Range(low, high, where)
        numbers = [self._number(a) for a in call.args]
        keywords = {kw.arg: self._number(kw.value) for kw in call.keywords if kw.arg}
        # (first parameter, its default; second parameter, its default) as NumPy names them.
        spec = _SPREAD.get(name or "")
        if spec is not None:
            values = [
                numbers[index] if index < len(numbers) else keywords.get(key, default)
                for index, (key, default) in enumerate(spec)
            ]
            first, second = values
            if first is None or second is None:
                return None
            if name == "numpy.random.normal":  # loc, scale: within three deviations
                return Range(first - 3 * abs(second), first + 3 * abs(second), where)
            return Range(min(first, second), max(first, second), where)
        if isinstance(call.func, ast.Attribute) and call.func.attr in _SAME_VALUES:
            return self.expr(call.func.value, depth - 1)
        return None

    def _number(self, node: ast.expr) -> float | None:
        value = self.facts.value_of(node)
        if isinstance(value, Const) and isinstance(value.value, (int, float)):
            return None if isinstance(value.value, bool) else float(value.value)
        return None


def _combine(node: ast.BinOp, left: Range, right: Range) -> Range | None:
    evidence = left.evidence if left.low != left.high else right.evidence
    if isinstance(node.op, ast.Add):
        return Range(left.low + right.low, left.high + right.high, evidence)
    if isinstance(node.op, ast.Sub):
        return Range(left.low - right.high, left.high - right.low, evidence)
    if isinstance(node.op, ast.Mult):
        corners = [a * b for a in (left.low, left.high) for b in (right.low, right.high)]
        return Range(min(corners), max(corners), evidence)
    if isinstance(node.op, ast.Div) and right.low == right.high and right.low != 0:
        corners = [left.low / right.low, left.high / right.low]
        return Range(min(corners), max(corners), evidence)
    return None
