"""Every runtime symptom has a catalog document, and its examples are tests.

The Example block of ``rules/LRC5xx-*.md`` must produce its code (as a failure, or as a
warning of a healthy run: ``# expect: warning LRC5xx``); the Use instead block must train
healthily without that warning.  The marked line (``# expect: LRC5xx`` or
``# expect: healthy``) assigns the report that is judged.  `test_stability` runs the same
blocks on more seeds.
"""

from __future__ import annotations

import pytest

from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES
from tests.runtime.catalog_runs import assert_verdict, cached_run, runtime_docs, with_seed


def test_every_symptom_code_has_its_document_and_name():
    assert {doc.code: doc.name for doc in runtime_docs()} == dict(SYMPTOM_NAMES)


@pytest.mark.parametrize("doc", runtime_docs(), ids=lambda doc: doc.code)
def test_documents_explain_their_thresholds(doc):
    assert "Thresholds" in doc.sections, f"{doc.filename}: say why the threshold is where it is"
    assert len(doc.examples) == 1 and len(doc.good_examples) == 1


@pytest.mark.parametrize("doc", runtime_docs(), ids=lambda doc: doc.code)
def test_every_example_can_run_on_another_seed(doc):
    for block in (doc.examples[0], doc.good_examples[0]):
        seeded = with_seed(block.code, 3)
        assert "set_random_seed(3)" in seeded and "seed=3)" in seeded


@pytest.mark.tensorflow
@pytest.mark.parametrize("doc", runtime_docs(), ids=lambda doc: doc.code)
def test_the_example_produces_its_code(doc):
    pytest.importorskip("tensorflow")
    verdict, report = cached_run(doc, "example")
    assert verdict in (doc.code, f"warning {doc.code}")
    assert_verdict(doc, "example", report)


@pytest.mark.tensorflow
@pytest.mark.parametrize("doc", runtime_docs(), ids=lambda doc: doc.code)
def test_use_instead_trains_healthily(doc):
    pytest.importorskip("tensorflow")
    verdict, report = cached_run(doc, "use instead")
    assert verdict == "healthy"
    assert_verdict(doc, "use instead", report)
