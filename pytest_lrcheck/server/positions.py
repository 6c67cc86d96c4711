"""Positions as the Language Server Protocol counts them, converted from and to the linter's.

LSP counts 0-based lines ended by ``\\n``, ``\\r\\n`` or ``\\r`` only (not the form feed, U+2028
and the other separators `str.splitlines` also breaks at), and columns in code units of the
encoding agreed at initialisation: UTF-16 unless the client offered UTF-8 or UTF-32.  The
linter counts lines the same way, from 1, and columns in characters from 1.  A column that falls
inside a character (half of a surrogate pair, a byte within a UTF-8 sequence) or past the end of
its line is moved back to the nearest boundary, as the specification asks.
"""

from __future__ import annotations

import bisect
import re
from typing import Literal

from pytest_lrcheck.lint.findings import Span

Encoding = Literal["utf-8", "utf-16", "utf-32"]
Position = tuple[int, int]  # LSP: 0-based line, column in code units
Range = tuple[Position, Position]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: Encoding) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == "utf-32" or text.isascii():
        return len(text)
    if encoding == "utf-16":
        return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)
    # A lone surrogate (a JSON "\ud800" escape) counts as the three bytes it would take.
    return len(text.encode("utf-8", errors="surrogatepass"))


def characters(line: str, count: int, encoding: Encoding) -> int:
    """How many characters of ``line`` fit in ``count`` code units (rounded down)."""
    if encoding == "utf-32" or line.isascii():
        return max(0, min(count, len(line)))
    used = 0
    for index, character in enumerate(line):
        used += units(character, encoding)
        if used > count:
            return index
    return len(line)


class LineIndex:
    """Where each LSP line of a text starts, for converting offsets and positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line(self, number: int) -> str:
        """The text of 0-based line ``number`` without its line break."""
        start = self.starts[number]
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def offset(self, position: Position, encoding: Encoding) -> int:
        """The string offset of an LSP position; past the last line is the end of the text."""
        line, column = position
        if line >= len(self.starts):
            return len(self.text)
        line = max(line, 0)
        return self.starts[line] + characters(self.line(line), column, encoding)

    def position(self, offset: int, encoding: Encoding) -> Position:
        """The LSP position of a string offset (one inside a line break is the line's end)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        column = min(offset - start, len(self.line(line)))
        return line, units(self.text[start : start + column], encoding)

    def end(self, encoding: Encoding) -> Position:
        return self.position(len(self.text), encoding)

    def span_range(self, span: Span, encoding: Encoding) -> Range:
        """A finding's span (1-based lines, 1-based character columns, end exclusive).

        A zero-width span (where a syntax error was found) is widened to the character there,
        so that editors draw it; at the end of a line it stays as it is.
        """
        start = self._point(span.line, span.column, encoding)
        end = self._point(span.end_line, span.end_column, encoding)
        if end <= start:
            text = self.line(start[0]) if start[0] < self.line_count else ""
            before = characters(text, start[1], encoding)
            if before < len(text):
                end = (start[0], start[1] + units(text[before], encoding))
            else:
                end = start
        return start, end

    def _point(self, line: int, column: int, encoding: Encoding) -> Position:
        number = min(max(line - 1, 0), self.line_count - 1)
        text = self.line(number)
        return number, units(text[: max(column - 1, 0)], encoding)
