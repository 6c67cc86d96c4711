"""LSP positions from and to the linter's: lines, UTF-16/8/32 columns, separators, clamping."""

from __future__ import annotations

import pytest

from pytest_lrcheck.lint.findings import Span
from pytest_lrcheck.server.positions import Encoding, LineIndex, characters, units

# "é" is one UTF-16 unit and two UTF-8 bytes; "😀" (U+1F600) two UTF-16 units, four bytes.
TEXT = 'x = "é😀"; y = f(z)\nsecond\r\nthird\rfourth'


@pytest.mark.parametrize(
    ("encoding", "expected"), [("utf-16", 5), ("utf-8", 8), ("utf-32", 4)], ids=str
)
def test_units_count_code_units_of_the_encoding(encoding: Encoding, expected: int) -> None:
    assert units('"é😀"', encoding) == expected


def test_characters_round_down_inside_a_character() -> None:
    line = "a😀b"
    assert characters(line, 1, "utf-16") == 1
    assert characters(line, 2, "utf-16") == 1  # inside the surrogate pair: before the emoji
    assert characters(line, 3, "utf-16") == 2
    assert characters(line, 99, "utf-16") == 3
    assert characters(line, 3, "utf-8") == 1  # inside the four bytes


def test_lines_end_only_at_lsp_line_breaks() -> None:
    index = LineIndex("a\x0cb\u2028c\x1cd\nnext\r\nlast\rend")
    # Form feed, U+2028 and the file separator are not line breaks in LSP (nor in Python).
    assert index.line_count == 4
    assert index.line(0) == "a\x0cb\u2028c\x1cd"
    assert [index.line(n) for n in (1, 2, 3)] == ["next", "last", "end"]


def test_offsets_and_positions_round_trip_in_utf16() -> None:
    index = LineIndex(TEXT)
    column = TEXT.index("y")
    assert index.position(column, "utf-16") == (0, column + 1)  # one more unit for the emoji
    assert index.offset((0, column + 1), "utf-16") == column
    second = TEXT.index("second")
    assert index.position(second, "utf-16") == (1, 0)
    assert index.offset((2, 0), "utf-16") == TEXT.index("third")
    assert index.offset((3, 2), "utf-16") == TEXT.index("fourth") + 2


def test_positions_past_the_end_are_clamped() -> None:
    index = LineIndex("ab\ncd")
    assert index.offset((0, 99), "utf-16") == 2  # end of the line, not into the next
    assert index.offset((7, 0), "utf-16") == 5  # past the last line: end of the text
    assert index.position(99, "utf-16") == (1, 2)
    assert index.end("utf-16") == (1, 2)


def test_an_offset_inside_a_crlf_is_the_end_of_its_line() -> None:
    index = LineIndex("ab\r\ncd")
    assert index.position(3, "utf-16") == (0, 2)


def test_span_range_with_non_ascii_and_astral_characters_before_the_code() -> None:
    index = LineIndex(TEXT)
    start = TEXT.index("f(z)") + 1  # 1-based character column, as findings count
    span = Span(1, start, 1, start + 4)
    assert index.span_range(span, "utf-16") == ((0, start), (0, start + 4))
    assert index.span_range(span, "utf-32") == ((0, start - 1), (0, start + 3))
    assert index.span_range(span, "utf-8") == ((0, start + 3), (0, start + 7))


def test_a_zero_width_span_is_widened_to_the_character_there() -> None:
    index = LineIndex("x = (\n")
    assert index.span_range(Span(1, 5, 1, 5), "utf-16") == ((0, 4), (0, 5))
    assert index.span_range(Span(1, 6, 1, 6), "utf-16") == ((0, 5), (0, 5))  # end of line
    astral = LineIndex("😀😀")
    assert astral.span_range(Span(1, 2, 1, 2), "utf-16") == ((0, 2), (0, 4))


def test_a_span_beyond_the_text_stays_inside_it() -> None:
    index = LineIndex("one\ntwo")
    assert index.span_range(Span(9, 1, 9, 3), "utf-16") == ((1, 0), (1, 2))
