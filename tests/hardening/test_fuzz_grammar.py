"""Grammar-generated Python (hypothesmith): whatever valid Python looks like, the engine neither
raises nor points outside the file, with or without Keras imported above it.  A short run in the
default suite, a long one under ``pytest -m fuzz``.

Two generators: ``from_grammar`` (source text from Python's grammar) and ``from_node`` (libcst
trees, more varied statements).  Generating is what costs (measured on two busy cores: 65 ms
an example over 10,000 for the first, 440 ms over 1,000 for the second, against under 1 ms for
checking one), so the long run gives the first 10,000 examples, as the mutation fuzzers of
``test_fuzz.py`` get, and the second 1,000.
"""

from __future__ import annotations

import pytest
from hypothesis import given

from tests.hardening.properties import check_clean, check_fixes, parses
from tests.hardening.test_fuzz import runs

hypothesmith = pytest.importorskip("hypothesmith")

# hypothesmith compiles what it generates; the compiler's warnings about that code are its own.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning:<string>")

GRAMMAR_RUN = 10_000
SYNTAX_TREE_RUN = 1_000

# Names the rules look for, so that generated code can reach them.
PRELUDE = "import tensorflow as tf\nfrom tensorflow import keras\nfrom keras.layers import *\n"


def grammar_properties(source: str) -> None:
    for text in (source, PRELUDE + source):
        result = check_clean(text)
        if any(f.fix is not None for f in result.findings) and parses(text):
            check_fixes(text)


@runs(40)
@given(hypothesmith.from_grammar())
def test_grammar_generated_sources(source: str):
    grammar_properties(source)


@runs(10)
@given(hypothesmith.from_node())
def test_syntax_tree_generated_sources(source: str):
    grammar_properties(source)


@pytest.mark.fuzz
@runs(GRAMMAR_RUN)
@given(hypothesmith.from_grammar())
def test_fuzz_grammar_generated_sources(source: str):
    grammar_properties(source)


@pytest.mark.fuzz
@runs(SYNTAX_TREE_RUN)
@given(hypothesmith.from_node())
def test_fuzz_syntax_tree_generated_sources(source: str):
    grammar_properties(source)
