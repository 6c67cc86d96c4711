"""Run the examples of the runtime symptom documents (``rules/LRC5xx-*.md``) on any seed.

An example's marked line (``# expect: LRC5xx`` or ``# expect: healthy``) assigns the report
that is judged.  Seed ``s`` seeds the model's initial weights (``set_random_seed(s)``) and the
check itself (``check_training(..., seed=s)``); the data stays as the document generates it.
Reports are cached per (code, block, seed), so the documents' own tests and the stability
tests share the runs they have in common.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from pytest_lrcheck.catalog import CodeBlock, RuleDoc, load_catalog
from pytest_lrcheck.runtime import keras_compat
from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES
from pytest_lrcheck.runtime.report import TrainingReport

EXPECT = re.compile(
    r"^(?P<name>\w+)\s*=.*#\s*expect:\s*(?P<verdict>healthy|LRC5\d\d|warning LRC5\d\d)\s*$"
)
_INIT_SEED = "keras.utils.set_random_seed(0)"
_CHECK_CALL = re.compile(r"check_training\((?P<args>[^()]*)\)(?P<mark>\s*#\s*expect:)")
_CACHE: dict[tuple[str, int, int], tuple[str, TrainingReport]] = {}


def runtime_docs() -> list[RuleDoc]:
    return [doc for code, doc in sorted(load_catalog().items()) if code in SYMPTOM_NAMES]


def block_of(doc: RuleDoc, kind: str) -> CodeBlock:
    return doc.examples[0] if kind == "example" else doc.good_examples[0]


def with_seed(code: str, seed: int) -> str:
    """The example on another seed; both seeds must be found, or the test would be hollow."""
    assert code.count(_INIT_SEED) == 1, "the example must seed its model exactly once"
    code = code.replace(_INIT_SEED, f"keras.utils.set_random_seed({seed})")
    code, calls = _CHECK_CALL.subn(rf"check_training(\g<args>, seed={seed})\g<mark>", code)
    assert calls == 1, "the example's marked line must call check_training"
    return code


def run_block(doc: RuleDoc, block: CodeBlock, seed: int = 0) -> tuple[str, TrainingReport]:
    """Run a block afresh: (the verdict it expects, the report of its marked line)."""
    marks = [m for m in map(EXPECT.match, block.code.splitlines()) if m is not None]
    assert len(marks) == 1, f"{doc.filename}:{block.first_line}: needs one '# expect:' line"
    code = block.code if seed == 0 else with_seed(block.code, seed)
    namespace: dict[str, object] = {"__name__": f"{doc.code}_example"}
    with _fresh_layer_names():
        exec(compile(code, f"{doc.filename}:{block.first_line}", "exec"), namespace)
    report = namespace[marks[0]["name"]]
    assert isinstance(report, TrainingReport)
    return marks[0]["verdict"], report


@contextmanager
def _fresh_layer_names() -> Iterator[None]:
    """Keras numbers automatic layer names process-wide (dense_7); every run of an example
    starts the numbering afresh, so two runs name their layers, and their evidence, alike."""
    counters = keras_compat.layer_name_counters()
    saved = dict(counters)
    counters.clear()
    try:
        yield
    finally:
        counters.clear()
        counters.update(saved)


def assert_verdict(doc: RuleDoc, kind: str, report: TrainingReport) -> None:
    """The Example shows the document's code: as a failure, or (``# expect: warning LRC5xx``)
    as a warning of a healthy run; the Use instead block is healthy and never warns it."""
    expected = EXPECT_OF[doc.code]
    if kind == "example" and expected.startswith("warning"):
        assert report.healthy, report.explain()
        assert doc.code in report.warning_codes, report.explain()
    elif kind == "example":
        assert not report.healthy, report.explain()
        assert doc.code in report.codes, report.explain()
    else:
        assert report.healthy, report.explain()
        assert doc.code not in report.warning_codes, report.explain()


def _expected(doc: RuleDoc) -> str:
    marks = [m for m in map(EXPECT.match, doc.examples[0].code.splitlines()) if m is not None]
    return marks[0]["verdict"] if marks else ""


EXPECT_OF = {doc.code: _expected(doc) for doc in runtime_docs()}


def cached_run(doc: RuleDoc, kind: str, seed: int = 0) -> tuple[str, TrainingReport]:
    block = block_of(doc, kind)
    key = (doc.code, block.first_line, seed)
    if key not in _CACHE:
        _CACHE[key] = run_block(doc, block, seed)
    return _CACHE[key]
