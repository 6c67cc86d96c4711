"""What the labels given to ``fit``/``evaluate`` say: their encoding and their class count.

Rules about labels (LRC106 encoding, LRC107 class count, LRC108 metrics, LRC202 scaled labels)
ask the same questions of a `DataVal`: "one-hot or integer class ids on every path?", "how many
classes does the file state?".  The answers are conservative: ``None`` whenever a path, an
operation or an order of operations is not known.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pytest_lrcheck.keras_vocab import DATASETS, DatasetInfo
from pytest_lrcheck.lint.values import CallFact, DataVal, ModelFact, Op, Source, TupleVal, Value

Encoding = Literal["one_hot", "integer"]

# Calls whose second argument (or ``y=``) is the labels.
LABELLED_METHODS = frozenset({"fit", "evaluate", "train_on_batch", "test_on_batch"})
# sklearn encoders' methods: LabelBinarizer gives one 0/1 column, not one-hot, for two classes.
_SKLEARN_METHODS = frozenset({"fit_transform", "transform"})
# Subscripts that keep every class of a full dataset: a range of samples.
_CLASS_KEEPING_SELECTIONS = frozenset({"slice"})


@dataclass(frozen=True)
class Labels:
    """One place where a model receives labels: the argument node and its value."""

    call: CallFact
    node: ast.expr
    value: Value
    validation: bool = False  # from ``validation_data=(x, y)``


@dataclass(frozen=True)
class LabelEncoding:
    kind: Encoding
    evidence: str  # e.g. "to_categorical() at line 9" or "mnist.load_data() at line 5"
    sklearn: bool = False  # decided by a scikit-learn encoder's transform


@dataclass(frozen=True)
class ClassCount:
    count: int
    evidence: str


def labels_of(model: ModelFact) -> Iterator[Labels]:
    """Every labels argument of this model's fit/evaluate calls, validation labels included."""
    for call in model.calls:
        if call.method not in LABELLED_METHODS:
            continue
        if call.y is not None and call.y_node is not None:
            yield Labels(call, call.y_node, call.y)
        node = call.validation_node
        if (
            isinstance(node, ast.Tuple)
            and len(node.elts) >= 2
            and isinstance(call.validation, TupleVal)
            and len(call.validation.items) == len(node.elts)
        ):
            yield Labels(call, node.elts[1], call.validation.items[1], validation=True)


def dataset_of(source: Source) -> DatasetInfo | None:
    """The classification dataset whose labels this source is, if any."""
    if source.kind != "dataset" or source.role != "y":
        return None
    info = DATASETS.get(source.name)
    if info is None or info.classes is None or not info.sparse_labels:
        return None
    return info


def describe_source(source: Source) -> str:
    if source.kind == "dataset":
        return f"{source.name.removesuffix('_coarse')}.load_data() at line {source.line}"
    return f"{source.name.rsplit('.', 1)[-1]}() at line {source.line}"


def describe_op(op: Op) -> str:
    return f"{op.detail}() at line {op.line}"


def label_encoding(value: Value | None) -> LabelEncoding | None:
    """One-hot or integer class ids on every path to here, or None when not certain."""
    if not isinstance(value, DataVal) or value.may_have("unknown"):
        return None
    if any(op.kind == "select" and op.detail == "axes" for op in value.may):
        return None  # ``y[:, 0]`` takes a column out of one-hot rows
    orders: tuple[tuple[Encoding, Encoding], ...] = (
        ("one_hot", "integer"),
        ("integer", "one_hot"),
    )
    for kind, other in orders:
        last = _last_on_every_path(value, kind, other)
        if last is not None:
            return LabelEncoding(kind, describe_op(last), last.detail in _SKLEARN_METHODS)
    if value.may_have("one_hot") or value.may_have("integer"):
        return None
    # No encoding step: class ids as a dataset ships them, if every step is known.
    source = _dataset_labels(value)
    if source is None or not value.complete:
        return None
    return LabelEncoding("integer", describe_source(source))


def class_count(value: Value | None) -> ClassCount | None:
    """The number of classes the file states for these labels, or None."""
    if not isinstance(value, DataVal) or value.may_have("unknown"):
        return None
    if value.may_have("one_hot"):
        last = _last_on_every_path(value, "one_hot", "integer")
        if last is None:
            return None
        counts = {op.number for op in value.ops("one_hot")}
        if counts == {None}:
            # to_categorical(y) without a width: as many columns as the ids before it have.
            ids = _stated_ids(value, before=last)
            if ids is not None:
                return ids
        if len(counts) == 1 and last.number is not None:
            # to_categorical(y, num_classes=N) has N columns whatever y holds...
            count = int(last.number)
            source = _dataset_labels(value)
            if source is not None and DATASETS[source.name].classes != count:
                return None  # ...but it fails on a dataset with more classes: another bug
            return ClassCount(count, f"{last.detail}(..., {count}) at line {last.line}")
        if counts != {None} or last.detail in _SKLEARN_METHODS:
            return None
    elif value.may_have("integer"):
        # argmax or a label encoder: the count is in data the file does not show, unless the
        # step that made the ids states it (randint(0, k, n), make_classification(n_classes=k)).
        return _stated_ids(value, before=None)
    # Class ids of a known dataset, possibly one-hot encoded without a stated width.
    source = _dataset_labels(value)
    if source is None or not value.complete:
        return None
    if any(op.kind == "scale" for op in value.may):
        return None  # ``y - 1``, ``y // 2``: other ids than the dataset's
    if any(op.kind == "select" and op.detail not in _CLASS_KEEPING_SELECTIONS for op in value.may):
        return None  # a mask may keep only some classes (``y[y < 5]``)
    info = DATASETS[source.name]
    assert info.classes is not None  # _dataset_labels checked it
    return ClassCount(
        info.classes,
        f"{info.name.replace('_coarse', ' coarse')} labels, loaded at line {source.line}",
    )


def _stated_ids(value: DataVal, before: Op | None) -> ClassCount | None:
    """The class count stated by the step that made these class ids, when it is the only
    such step, it ran on every path (before ``before``, if given), and nothing after it may
    have changed which ids there are (a shift, a mask)."""
    ids = value.ops("integer")
    if len(ids) != 1 or ids[0].number is None or ids[0] not in value.must:
        return None
    step, stated = ids[0], ids[0].number
    if before is not None and step.order() >= before.order():
        return None
    for op in value.may:
        if op.order() > step.order() and (
            op.kind in {"scale", "unknown"}
            or (op.kind == "select" and op.detail not in _CLASS_KEEPING_SELECTIONS)
        ):
            return None
    count = int(stated)
    return ClassCount(count, f"{step.detail}() with {count} classes at line {step.line}")


def _last_on_every_path(value: DataVal, kind: str, other: str) -> Op | None:
    """The latest ``kind`` step applied on every path, when no ``other`` step may follow it."""
    musts = [op for op in value.must if op.kind == kind]
    if not musts:
        return None
    last = max(musts, key=Op.order)
    if any(op.order() >= last.order() for op in value.ops(other)):
        return None
    return last


def _dataset_labels(value: DataVal) -> Source | None:
    """The dataset source when every source of ``value`` is the labels of one dataset."""
    if not value.sources:
        return None
    names = {s.name for s in value.sources}
    if len(names) != 1 or any(dataset_of(s) is None for s in value.sources):
        return None
    return min(value.sources, key=lambda s: s.line)
