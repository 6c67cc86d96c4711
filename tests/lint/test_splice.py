"""Placing a libcst rewrite in the original text: the fix's bytes change, no others."""

from __future__ import annotations

from pytest_lrcheck.lint.source import lines_with_ends as lines
from pytest_lrcheck.lint.splice import carry_over, column_shifts


def test_lines_split_where_python_ends_a_line_only():
    assert lines("a\r\nb\rc\x0cd\u2028e\nf") == ["a\r\n", "b\r", "c\x0cd\u2028e\n", "f"]
    assert lines("") == []


def test_identical_printing_takes_the_fixed_text_as_it_is():
    assert carry_over("x = 1\n", "x = 1\n", "x = 2\n") == "x = 2\n"


def test_bytes_libcst_dropped_outside_the_change_are_kept():
    original = "\fa = 1\nb = 'sigmoid'\r\n\t\n\t"
    printed = "a = 1\nb = 'sigmoid'\r\n\t"
    fixed = "a = 1\nb = 'softmax'\r\n\t"
    assert carry_over(original, printed, fixed) == "\fa = 1\nb = 'softmax'\r\n\t\n\t"


def test_a_change_next_to_a_dropped_byte_is_placed_after_it():
    original = "a = 1\n\fb = 'sigmoid'\n"
    fixed = carry_over(original, "a = 1\nb = 'sigmoid'\n", "a = 1\nb = 'softmax'\n")
    assert fixed == "a = 1\n\fb = 'softmax'\n"


def test_several_changes_and_inserted_lines():
    original = "\fa = 1\nb = 2\n\fc = 3\n"
    printed = "a = 1\nb = 2\nc = 3\n"
    fixed = "a = 10\nb = 2\nb2 = 0\nc = 30\n"
    # The form feed stays in front of the changed stretch, which starts with the new line.
    assert carry_over(original, printed, fixed) == "\fa = 10\nb = 2\n\fb2 = 0\nc = 30\n"


def test_a_change_that_cannot_be_placed_is_refused():
    # The changed text is not in the original at all: nothing may be guessed.
    assert carry_over("a = 1\n", "a = 2\n", "a = 3\n") is None
    # A change in lines of the original that libcst did not print back.
    assert carry_over("a\nb\n", "a\n", "z\n") == "z\nb\n"
    assert carry_over("a\n", "a\nb\n", "a\nc\n") is None


def test_column_shifts_count_the_dropped_form_feeds():
    assert column_shifts("a\n\f\fb = 1\n", "a\nb = 1\n") == {2: 2}
    assert column_shifts("a\n", "a\n") == {}
