"""Everything a rule may use, in one import: ``from pytest_lrcheck.lint.rulekit import ...``.

Rules import from the package only through this module (a test checks), as Fixit rules import
only ``fixit`` and ``libcst``.  It gathers, in the order dependencies run:

- the rule API: `Rule`, `Report`, `FixRequest`, `Fix`;
- what the file says: the abstract values in `FileFacts` (imported for annotations only);
- questions asked of those facts: a model's output `Head`, its labels, its layer graph;
- readers of syntax and safe conversions of literal numbers;
- source edits for ``rewrite`` (libcst is imported only when a fix runs);
- the Keras vocabulary, as ``vocab``.

A new rule is a module in ``pytest_lrcheck/lint/rules/`` and its document in ``rules/``:
nothing registers it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.lint.edits import (
    add_keyword,
    add_string_keyword,
    insert_after,
    rename_keyword,
    replace_name,
    replace_string,
    string_like,
    unwrap_call,
)
from pytest_lrcheck.lint.findings import Fix
from pytest_lrcheck.lint.folding import as_float, as_int
from pytest_lrcheck.lint.heads import (
    Head,
    loss_class,
    output_head,
    softmax_axis,
    trained_loss,
    units_of,
)
from pytest_lrcheck.lint.labels import (
    ClassCount,
    LabelEncoding,
    Labels,
    class_count,
    dataset_of,
    describe_source,
    label_encoding,
    labels_of,
)
from pytest_lrcheck.lint.layer_graph import LayerGraph, Node, model_graphs
from pytest_lrcheck.lint.origins import given_at
from pytest_lrcheck.lint.rule import FixRequest, Report, Rule
from pytest_lrcheck.lint.syntax import arg, keyword, line, short, string_literal
from pytest_lrcheck.lint.target_range import Range, target_range
from pytest_lrcheck.lint.values import (
    ActivationFact,
    CallFact,
    CallSite,
    Const,
    DataVal,
    LayerFact,
    LayerVal,
    LossFact,
    MetricFact,
    ModelFact,
    Op,
    OptimizerFact,
    PredictionVal,
    Source,
    TensorVal,
    TupleVal,
    Value,
)

if TYPE_CHECKING:
    # Rules name it in annotations only (under TYPE_CHECKING too): loading the rules, as the
    # command does before it starts worker processes, does not load the interpreter.
    from pytest_lrcheck.lint.facts import FileFacts as FileFacts

__all__ = [
    "ActivationFact",
    "CallFact",
    "CallSite",
    "ClassCount",
    "Const",
    "DataVal",
    "Fix",
    "FixRequest",
    "Head",
    "LabelEncoding",
    "Labels",
    "LayerFact",
    "LayerGraph",
    "LayerVal",
    "LossFact",
    "MetricFact",
    "ModelFact",
    "Node",
    "Op",
    "OptimizerFact",
    "PredictionVal",
    "Range",
    "Report",
    "Rule",
    "Source",
    "TensorVal",
    "TupleVal",
    "Value",
    "add_keyword",
    "add_string_keyword",
    "arg",
    "as_float",
    "as_int",
    "class_count",
    "dataset_of",
    "describe_source",
    "given_at",
    "insert_after",
    "keyword",
    "label_encoding",
    "labels_of",
    "line",
    "loss_class",
    "model_graphs",
    "output_head",
    "rename_keyword",
    "replace_name",
    "replace_string",
    "short",
    "softmax_axis",
    "string_like",
    "string_literal",
    "target_range",
    "trained_loss",
    "units_of",
    "unwrap_call",
    "vocab",
]
