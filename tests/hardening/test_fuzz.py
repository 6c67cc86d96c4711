"""Property tests on generated input: a short run in the default suite, a long one under
``pytest -m fuzz`` (``tox -e fuzz``; CI runs both).

Inputs: mutations of the bundled Keras programs (`mutations.py`), notebooks cut from them
(`notebooks.py`), and both with bytes inserted, deleted or cut off.  The properties are in
`properties.py`: the engine never raises, every finding points inside its file or cell, and
fixes give code that parses, touch only the lines they target, and are idempotent.

Runs are derandomized (the same examples on every run, so CI is reproducible) and keep no
example database.  ``LRCHECK_FUZZ_EXAMPLES`` sets the long runs' example count (for a quick
look at a fuzz target: ``LRCHECK_FUZZ_EXAMPLES=50 pytest -m fuzz -k layouts``).  A failure
found here is fixed in the engine and kept as a regular test in ``test_regressions.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings

from tests.hardening.hostile_layouts import (
    check_layout_kept,
    check_notebook_text_kept,
    hostile_programs,
    notebook_variants,
)
from tests.hardening.mangling import mangled, program_bytes
from tests.hardening.mutations import mutated_programs
from tests.hardening.notebooks import check_notebook_properties, notebooks
from tests.hardening.properties import (
    check_clean,
    check_fixes,
    check_notebook_bytes_clean,
    check_python_bytes,
    parses,
)

LONG_RUN = int(os.environ.get("LRCHECK_FUZZ_EXAMPLES", "10000"))
# The layout and notebook-variant targets repeat the mutation targets' work with more noise
# (about 20 ms an example on two busy cores): a fifth of the examples keeps the whole fuzz
# step, with the grammar targets, under 30 minutes.
SHORTER_RUN = max(1, LONG_RUN // 5)


def runs(examples: int) -> Callable:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def program_properties(source: str) -> None:
    check_clean(source)
    if parses(source):
        check_fixes(source)


@runs(150)
@given(mutated_programs())
def test_mutated_programs(source: str):
    program_properties(source)


@runs(50)
@given(notebooks())
def test_notebooks_cut_from_mutated_programs(data: bytes):
    check_notebook_properties(data)


def hostile_layout_properties(source: str) -> None:
    check_clean(source)
    if parses(source):
        check_layout_kept(source, check_fixes(source))


def notebook_variant_properties(data: bytes) -> None:
    check_notebook_properties(data)
    check_notebook_text_kept(data)


@runs(100)
@given(hostile_programs())
def test_hostile_layouts(source: str):
    hostile_layout_properties(source)


@runs(50)
@given(notebook_variants())
def test_notebook_json_variants(data: bytes):
    notebook_variant_properties(data)


@runs(150)
@given(mangled(program_bytes()))
def test_mangled_python_files(data: bytes):
    check_python_bytes(data)


@runs(100)
@given(mangled(notebooks()))
def test_mangled_notebooks(data: bytes):
    check_notebook_bytes_clean(data)


@pytest.mark.fuzz
@runs(LONG_RUN)
@given(mutated_programs())
def test_fuzz_mutated_programs(source: str):
    program_properties(source)


@pytest.mark.fuzz
@runs(LONG_RUN)
@given(notebooks())
def test_fuzz_notebooks_cut_from_mutated_programs(data: bytes):
    check_notebook_properties(data)


@pytest.mark.fuzz
@runs(LONG_RUN)
@given(mangled(program_bytes()))
def test_fuzz_mangled_python_files(data: bytes):
    check_python_bytes(data)


@pytest.mark.fuzz
@runs(LONG_RUN)
@given(mangled(notebooks()))
def test_fuzz_mangled_notebooks(data: bytes):
    check_notebook_bytes_clean(data)


@pytest.mark.fuzz
@runs(SHORTER_RUN)
@given(hostile_programs())
def test_fuzz_hostile_layouts(source: str):
    hostile_layout_properties(source)


@pytest.mark.fuzz
@runs(SHORTER_RUN)
@given(notebook_variants())
def test_fuzz_notebook_json_variants(data: bytes):
    notebook_variant_properties(data)
