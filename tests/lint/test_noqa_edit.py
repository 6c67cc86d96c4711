"""The ``# noqa`` edit: where the comment goes, and that the linter then hides the finding."""

from __future__ import annotations

from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.findings import Finding, Span
from pytest_lrcheck.lint.noqa_edit import noqa_text

SIGMOID = """\
import keras
model = keras.Sequential([keras.layers.Dense(3, activation="sigmoid")])
model.compile(loss="categorical_crossentropy")
"""


def _finding(code: str, line: int, end_line: int | None = None) -> Finding:
    return Finding("t.py", Span(line, 1, end_line or line, 2), code, "name", "message")


def test_the_comment_silences_the_real_finding() -> None:
    [finding] = [f for f in lint_source(SIGMOID) if f.code == "LRC101"]
    fixed = noqa_text(SIGMOID, finding)
    assert fixed is not None
    assert '"sigmoid")])  # noqa: LRC101\n' in fixed
    assert not [f for f in lint_source(fixed) if f.code == "LRC101"]


def test_an_existing_noqa_list_gets_the_code() -> None:
    text = "x = 1  # noqa: LRC201\n"
    assert noqa_text(text, _finding("LRC101", 1)) == "x = 1  # noqa: LRC201, LRC101\n"


def test_another_comment_is_kept() -> None:
    text = "x = 1  # the input\n"
    assert noqa_text(text, _finding("LRC101", 1)) == "x = 1  # the input  # noqa: LRC101\n"


def test_a_noqa_inside_a_string_is_not_taken_for_a_comment() -> None:
    text = 's = "# noqa: E501"\n'
    assert noqa_text(text, _finding("LRC101", 1)) == 's = "# noqa: E501"  # noqa: LRC101\n'


def test_a_line_ending_inside_a_string_is_skipped() -> None:
    text = 'f(loss="""a\nb""", x=1)\n'
    # Line 1 ends inside the triple-quoted string: the comment goes on line 2.
    assert noqa_text(text, _finding("LRC101", 1, 2)) == 'f(loss="""a\nb""", x=1)  # noqa: LRC101\n'


def test_a_backslash_continuation_is_skipped() -> None:
    text = "x = 1 + \\\n    2\n"
    assert noqa_text(text, _finding("LRC101", 1, 2)) == "x = 1 + \\\n    2  # noqa: LRC101\n"
    assert noqa_text(text, _finding("LRC101", 1)) is None


def test_crlf_line_endings_are_kept() -> None:
    text = "a = 1\r\nb = 2\r\n"
    assert noqa_text(text, _finding("LRC101", 2)) == "a = 1\r\nb = 2  # noqa: LRC101\r\n"


def test_code_that_does_not_tokenize_gets_no_edit() -> None:
    assert noqa_text('x = "unterminated\n', _finding("LRC101", 1)) is None
