"""Where the parts of a notebook sit in the file itself: cell sources as spans of JSON text.

Findings in notebooks are reported as ``cell N:line:col``; GitHub code scanning and workflow
annotations only know lines of the file, which for a notebook is JSON.  nbformat stores a code
cell's source as a list of strings, one per line, each on its own line of the file, so a cell
line maps to one file line.  A fix writes a cell's new source into the same spans, so that
nothing else in the file changes.  The spans come from the standard library's pure-Python JSON
scanner with its object, string and array hooks recording offsets; one scan serves a file.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The standard library's JSON internals the recorder hooks into; typeshed does not declare them.
_JSON_SCANNER: Any = json.scanner
_JSON_DECODER: Any = json.decoder

Position = tuple[int, int]  # 1-based line and column in the file
Span = tuple[int, int]  # start and end offsets in the text


@dataclass(frozen=True)
class SourceSpans:
    """A code cell's 'source' value in the file: its span, and each item's if it is a list."""

    value: Span
    items: tuple[Span, ...] | None


class _Recorder(json.JSONDecoder):
    """A decoder whose scanner remembers where each object's values and each list of strings'
    items are.  Duplicate keys keep the last value, as ``json.loads`` does."""

    def __init__(self) -> None:
        super().__init__(parse_constant=str)
        self.strings: list[Span] = []
        self.arrays: dict[int, list[Span]] = {}
        self.objects: dict[int, dict[str, Span]] = {}
        self.parse_string = self._string
        self.parse_array = self._array
        self.parse_object = self._object
        self.memo: dict[str, str] = {}
        # The pure-Python scanner reads the parse_* hooks from the decoder, so the recorder
        # sees every object, string and array; the C scanner would bypass them.
        self.scan_once = _JSON_SCANNER.py_make_scanner(self)

    def _string(self, text: str, end: int, strict: bool) -> tuple[str, int]:
        value, after = _JSON_DECODER.scanstring(text, end, strict)
        self.strings.append((end - 1, after))  # from the opening quote to after the closing one
        return str(value), int(after)

    def _array(self, state: tuple[str, int], scan_once: Callable[..., Any]) -> Any:
        before = len(self.strings)
        values, end = _JSON_DECODER.JSONArray(state, scan_once)
        if all(isinstance(v, str) for v in values):
            # Only the items' own spans: a string item records exactly one.
            self.arrays[id(values)] = self.strings[before:]
        return values, end

    def _object(
        self,
        state: tuple[str, int],
        strict: bool,
        scan_once: Callable[..., Any],
        hook: Any,
        pairs_hook: Any,
        memo: dict[str, str] | None = None,
    ) -> Any:
        spans: list[Span] = []

        def recording(text: str, index: int) -> tuple[Any, int]:
            value, end = scan_once(text, index)
            spans.append((index, end))
            return value, end

        pairs, end = _JSON_DECODER.JSONObject(state, strict, recording, None, list, memo)
        document = dict(pairs)
        self.objects[id(document)] = {
            key: span for (key, _), span in zip(pairs, spans, strict=True)
        }
        return document, end


@dataclass(frozen=True)
class NotebookMap:
    text: str  # the file's text, BOM included
    sources: dict[int, SourceSpans]  # by cell number (1-based among all cells)


def map_notebook(text: str) -> NotebookMap:
    """The spans of each code cell's source in ``text``; none when it is not a notebook."""
    offset = len(text) - len(text.lstrip("\ufeff"))
    recorder = _Recorder()
    try:
        document, _ = recorder.raw_decode(text[offset:])
    except (ValueError, RecursionError):
        return NotebookMap(text, {})
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        return NotebookMap(text, {})
    sources: dict[int, SourceSpans] = {}
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        value = recorder.objects.get(id(cell), {}).get("source")
        if value is None:
            continue
        source = cell["source"]
        items = recorder.arrays.get(id(source)) if isinstance(source, list) else None
        if isinstance(source, list) and (items is None or len(items) != len(source)):
            continue
        moved = tuple((a + offset, b + offset) for a, b in items) if items is not None else None
        sources[number] = SourceSpans((value[0] + offset, value[1] + offset), moved)
    return NotebookMap(text, sources)


def source_positions(text: str) -> dict[int, list[Position]]:
    """For each code cell whose source is a list: the file position of each source line."""
    mapped = map_notebook(text)
    breaks = [i for i, char in enumerate(text) if char == "\n"] if mapped.sources else []
    positions: dict[int, list[Position]] = {}
    document = None
    for number, spans in mapped.sources.items():
        if spans.items is None:
            continue
        if document is None:
            document = json.loads(text.lstrip("\ufeff"), parse_constant=str)
        lines: list[Position] = []
        for item, (start, _) in zip(
            document["cells"][number - 1]["source"], spans.items, strict=True
        ):
            # An item normally holds one line; if it holds several, they share its position.
            count = max(1, item.count("\n") + (0 if item.endswith("\n") else 1))
            lines.extend([_position(breaks, start)] * count)
        positions[number] = lines
    return positions


def _position(breaks: list[int], index: int) -> Position:
    """Line and column of ``index``, from the sorted offsets of the text's newlines."""
    before = bisect.bisect_left(breaks, index)
    line_start = breaks[before - 1] + 1 if before else 0
    return before + 1, index - line_start + 1


def file_position(
    positions: dict[int, list[Position]], cell: int, line: int, column: int, source_line: str
) -> Position | None:
    """The file position of ``cell``'s ``line``:``column`` (1-based), or None if unknown."""
    lines = positions.get(cell)
    if not lines or not 1 <= line <= len(lines):
        return None
    file_line, quote_column = lines[line - 1]
    # Characters before the column, as JSON spells them (escapes take more than one).
    escaped = json.dumps(source_line[: max(column - 1, 0)], ensure_ascii=False)[1:-1]
    return file_line, quote_column + 1 + len(escaped)
