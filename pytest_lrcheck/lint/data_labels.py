"""Where class labels are made, and how many classes they hold: label provenance.

Synthetic and encoded labels carry an ``integer`` or ``one_hot`` step with the class count in
``Op.number`` when the file states it: ``np.random.randint(0, k, n)``, ``rng.integers(0, k, n)``,
``np.eye(k)[y]``, ``make_classification(n_classes=k)``, ``make_blobs(centers=k)``, a
``LabelEncoder`` fitted on a literal list of classes.  A count the file does not state is None,
and rules that need it stay silent.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from pytest_lrcheck.keras_vocab import SKLEARN_CLASSIFICATION_SETS, SKLEARN_REGRESSION_SETS
from pytest_lrcheck.lint.evaluator import CallHandler, Evaluator
from pytest_lrcheck.lint.values import (
    Const,
    DataVal,
    ObjectVal,
    Op,
    Source,
    TupleVal,
    Unknown,
    Value,
)

# sklearn's generators of labelled toy data: (the keyword giving the class count, its default).
_TOY_CLASSIFICATION = {
    "make_classification": ("n_classes", 2),
    "make_blobs": ("centers", 3),
    "make_moons": (None, 2),
    "make_circles": (None, 2),
}
# Where ``randint``-like functions take (low, high, size) when positional.
_RANDOM_INTEGERS = frozenset({"randint", "integers", "random_integers"})


def random_class_ids(
    function: str, args: list[Value], kwargs: dict[str, Value], data: DataVal, node: ast.Call
) -> DataVal:
    """``randint(0, k, n)``: ``k`` class ids, one per sample, when the file states ``k``.

    Only a one-dimensional draw counts (``size=n``, ``(n,)`` or ``(n, 1)``): a matrix of
    random 0/1 is multi-label targets, and ``randint(0, 100, ...)`` with a shift or scale
    after it is a regression target, which later steps show.
    """
    if function.rsplit(".", 1)[-1] not in _RANDOM_INTEGERS:
        return data
    low, high = _arg(args, kwargs, 0, "low"), _arg(args, kwargs, 1, "high")
    size = _arg(args, kwargs, 2, "size")
    if high is None:  # randint(k, size=n): ids in [0, k)
        low, high = Const(0, node), low
    if not (_literal(low) == 0 and _literal(high) is not None and _one_per_sample(size)):
        return data
    classes = _literal(high)
    assert classes is not None
    if classes < 2:
        return data
    return data.with_op(Op("integer", "randint", node.lineno, float(classes)), node)


def eye_rows(node: ast.Subscript, base: DataVal, index: Value) -> Value | None:
    """``np.eye(k)[y]``: one-hot rows of ``k`` columns for the class ids ``y``."""
    if not isinstance(index, DataVal) or not any(s.name == "numpy.eye" for s in base.sources):
        return None
    width = next((op.number for op in base.ops("one_hot")), None)
    return index.with_op(Op("one_hot", "eye", node.lineno, width), node)


def identity(call: ast.Call, args: list[Value]) -> DataVal:
    """``np.eye(k)``: its rows are the one-hot codes of ``k`` classes."""
    width = _literal(args[0]) if args else None
    source = Source("generated", "numpy.eye", line=call.lineno)
    number = float(width) if width is not None else None
    return DataVal(frozenset({source}), node=call).with_op(
        Op("one_hot", "eye", call.lineno, number), call
    )


def toy_classification(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    """``X, y = make_classification(...)``: features, and class ids with their count."""
    name = qualname.rsplit(".", 1)[-1]
    keyword, default = _TOY_CLASSIFICATION[name]
    stated: Value | None = kwargs.get(keyword) if keyword else None
    if any(kw.arg is None for kw in call.keywords):
        classes = None  # **options may set the count
    elif stated is None:
        classes = default
    else:
        classes = _literal(stated)
    line = call.lineno
    x = DataVal(frozenset({Source("generated", name, "x", line=line)}), node=call)
    y = DataVal(frozenset({Source("generated", name, "y", line=line)}), node=call)
    number = float(classes) if classes is not None else None
    return TupleVal((x, y.with_op(Op("integer", name, line, number), call)))


def fitted_encoder(receiver: ObjectVal, args: list[Value]) -> ObjectVal:
    """``LabelEncoder().fit([...])`` returns the encoder, which now knows its classes when
    they are literals."""
    first = args[0] if args else None
    if receiver.qualname != "label_encoder" or not isinstance(first, TupleVal):
        return receiver
    if not all(isinstance(item, Const) for item in first.items):
        return receiver
    distinct = {repr(item.value) for item in first.items if isinstance(item, Const)}
    return replace(receiver, classes=len(distinct))


def object_attribute(receiver: ObjectVal, name: str) -> Value | None:
    """``encoder.classes_`` of an encoder that knows its classes: that many items;
    ``bunch.data`` and ``bunch.target`` of a scikit-learn bundled set."""
    if receiver.qualname == "bundle":
        return _bundled(receiver.node, receiver.classes, name)
    if name != "classes_" or receiver.classes is None:
        return None
    return TupleVal(tuple(Unknown("a class") for _ in range(receiver.classes)))


def bundled_set(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    """``load_iris()``: a bunch whose ``target`` is class ids of a known count
    (``load_diabetes()``: real targets)."""
    classes = SKLEARN_CLASSIFICATION_SETS.get(qualname.rsplit(".", 1)[-1])
    split = kwargs.get("return_X_y")
    if isinstance(split, Const) and split.value is True:
        return TupleVal((_bundled(call, classes, "data"), _bundled(call, classes, "target")))
    if split is not None or any(kw.arg is None for kw in call.keywords):
        return Unknown(f"call to {qualname}")
    return ObjectVal("bundle", call, classes=classes)


def _bundled(call: ast.Call, classes: int | None, part: str) -> Value:
    if part not in {"data", "images", "target"}:
        return Unknown(f"bunch.{part}")
    role = "y" if part == "target" else "x"
    name = ast.unparse(call.func)
    data = DataVal(frozenset({Source("bundled", name, role, line=call.lineno)}), node=call)
    if role == "x" or classes is None:
        return data
    return data.with_op(Op("integer", name, call.lineno, float(classes)), call)


def length(
    ev: Evaluator, call: ast.Call, qualname: str, args: list[Value], kwargs: dict[str, Value]
) -> Value:
    plain = not call.keywords and not any(isinstance(a, ast.Starred) for a in call.args)
    if plain and len(args) == 1 and isinstance(args[0], TupleVal):
        return Const(len(args[0].items), call)
    return Unknown("len")


def _arg(args: list[Value], kwargs: dict[str, Value], index: int, name: str) -> Value | None:
    return args[index] if index < len(args) else kwargs.get(name)


def _literal(value: Value | None) -> int | None:
    """A literal int (not a bool), else None."""
    if isinstance(value, Const) and isinstance(value.value, int):
        return None if isinstance(value.value, bool) else value.value
    return None


def _one_per_sample(size: Value | None) -> bool:
    if isinstance(size, Const):
        return _literal(size) is not None
    if isinstance(size, TupleVal):
        return len(size.items) == 1 or (len(size.items) == 2 and _literal(size.items[1]) == 1)
    return False


HANDLERS: dict[str, CallHandler] = {
    **{f"sklearn.datasets.{name}": toy_classification for name in _TOY_CLASSIFICATION},
    **{f"sklearn.datasets.{name}": bundled_set for name in SKLEARN_CLASSIFICATION_SETS},
    **{f"sklearn.datasets.{name}": bundled_set for name in SKLEARN_REGRESSION_SETS},
    "builtins.len": length,
}
