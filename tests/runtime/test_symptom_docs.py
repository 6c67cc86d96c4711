"""Every runtime symptom has a catalog document, and its examples are tests.

The Example block of ``rules/LRC5xx-*.md`` must produce its code; the Use instead block must
train healthily.  The marked line (``# expect: LRC5xx`` or ``# expect: healthy``) assigns the
report that is judged.
"""

from __future__ import annotations

import re

import pytest

from pytest_lrcheck.catalog import CodeBlock, RuleDoc, load_catalog
from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES
from pytest_lrcheck.runtime.report import TrainingReport

EXPECT = re.compile(r"^(?P<name>\w+)\s*=.*#\s*expect:\s*(?P<verdict>healthy|LRC5\d\d)\s*$")


def runtime_docs() -> list[RuleDoc]:
    return [doc for code, doc in sorted(load_catalog().items()) if code in SYMPTOM_NAMES]


def run_block(doc: RuleDoc, block: CodeBlock) -> tuple[str, TrainingReport]:
    marks = [m for m in map(EXPECT.match, block.code.splitlines()) if m is not None]
    assert len(marks) == 1, f"{doc.filename}:{block.first_line}: needs one '# expect:' line"
    namespace: dict[str, object] = {"__name__": f"{doc.code}_example"}
    exec(compile(block.code, f"{doc.filename}:{block.first_line}", "exec"), namespace)
    report = namespace[marks[0]["name"]]
    assert isinstance(report, TrainingReport)
    return marks[0]["verdict"], report


def test_every_symptom_code_has_its_document_and_name():
    assert {doc.code: doc.name for doc in runtime_docs()} == dict(SYMPTOM_NAMES)


@pytest.mark.parametrize("doc", runtime_docs(), ids=lambda doc: doc.code)
def test_documents_explain_their_thresholds(doc):
    assert "Thresholds" in doc.sections, f"{doc.filename}: say why the threshold is where it is"
    assert len(doc.examples) == 1 and len(doc.good_examples) == 1


@pytest.mark.tensorflow
@pytest.mark.parametrize("doc", runtime_docs(), ids=lambda doc: doc.code)
def test_the_example_produces_its_code(doc):
    pytest.importorskip("tensorflow")
    verdict, report = run_block(doc, doc.examples[0])
    assert verdict == doc.code
    assert not report.healthy, report.explain()
    assert doc.code in report.codes, report.explain()


@pytest.mark.tensorflow
@pytest.mark.parametrize("doc", runtime_docs(), ids=lambda doc: doc.code)
def test_use_instead_trains_healthily(doc):
    pytest.importorskip("tensorflow")
    verdict, report = run_block(doc, doc.good_examples[0])
    assert verdict == "healthy"
    assert report.healthy, report.explain()
