"""Applying fixes: lossless, validated, safe by default."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.findings import Span
from pytest_lrcheck.lint.fixer import apply_fixes

SOURCE = """\
import keras
from keras import layers

model = keras.Sequential([
    layers.Dense(10, activation='sigmoid'),  # keep this comment
])
model.compile(optimizer="sgd", loss="categorical_crossentropy")
"""


def test_unsafe_fixes_need_to_be_asked_for():
    findings = lint_source(SOURCE)
    assert [f.code for f in findings] == ["LRC101"]
    assert not apply_fixes(SOURCE, findings).changed
    fixed = apply_fixes(SOURCE, findings, unsafe=True)
    assert fixed.source == SOURCE.replace("'sigmoid'", "'softmax'")  # quotes and comment kept


def test_a_fix_whose_target_moved_is_skipped_not_misapplied():
    (finding,) = lint_source(SOURCE)
    moved = replace(finding, fix=replace(finding.fix, target=Span(1, 1, 1, 6)))
    outcome = apply_fixes(SOURCE, [moved], unsafe=True)
    assert outcome.source == SOURCE
    assert [reason for _, reason in outcome.skipped] == ["the code to rewrite was not found"]


def test_two_fixes_of_the_same_node_apply_once():
    (finding,) = lint_source(SOURCE)
    outcome = apply_fixes(SOURCE, [finding, finding], unsafe=True)
    assert len(outcome.applied) == 1 and len(outcome.skipped) == 1


def test_a_rewrite_that_breaks_the_code_changes_nothing(monkeypatch):
    from pytest_lrcheck.lint.rules import lrc101_categorical_crossentropy_without_softmax as rule

    def broken(self, node, fix):
        return node.with_changes(value="'unterminated")

    monkeypatch.setattr(rule.CategoricalCrossentropyWithoutSoftmax, "rewrite", broken)
    findings = lint_source(SOURCE)
    outcome = apply_fixes(SOURCE, findings, unsafe=True)
    assert outcome.source == SOURCE and not outcome.applied
    assert outcome.skipped


def test_unparsable_source_reports_every_fix_as_skipped():
    (finding,) = lint_source(SOURCE)
    outcome = apply_fixes("def (:\n", [finding], unsafe=True)
    assert outcome.source == "def (:\n" and "cannot parse" in outcome.skipped[0][1]


BAD_HEAD = (
    "model = keras.Sequential("
    '[keras.Input(shape=(4,)), keras.layers.Dense(3, activation="sigmoid")])'
)
BAD_LOSS = 'model.compile(optimizer="adam", loss="categorical_crossentropy")'


@pytest.mark.parametrize(
    "source",
    [
        f"import keras\nx = 1\n\fy = 2\n{BAD_HEAD}\n{BAD_LOSS}\n",  # a form feed elsewhere
        f"\fimport keras\n{BAD_HEAD}\n{BAD_LOSS}\n",  # a form feed that starts the file
        f"import keras\n\f{BAD_HEAD}\n{BAD_LOSS}\n",  # ... and one before the fixed statement
        f"import keras\r{BAD_HEAD}\r{BAD_LOSS}\r",  # CR-only line endings
        f"import keras\n{BAD_HEAD}\n{BAD_LOSS}\n\t\n\t",  # whitespace lines at the end
        f"import keras\r\n\f\f{BAD_HEAD}  \r\n{BAD_LOSS}\r\n \f\r\n",
    ],
)
def test_a_fix_changes_only_the_bytes_of_the_fix(source: str):
    findings = lint_source(source)
    assert [f.code for f in findings] == ["LRC101"]
    outcome = apply_fixes(source, findings, unsafe=True)
    assert outcome.skipped == ()
    assert outcome.source == source.replace('"sigmoid"', '"softmax"')
