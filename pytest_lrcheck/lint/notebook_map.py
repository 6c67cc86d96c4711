"""Where a cell's source line sits in the notebook file itself.

Findings in notebooks are reported as ``cell N:line:col``; GitHub code scanning and workflow
annotations only know lines of the file, which for a notebook is JSON.  nbformat stores a code
cell's source as a list of strings, one per line, each on its own line of the file, so a cell
line maps to one file line.  The positions come from the standard library's pure-Python JSON
scanner with its string and array hooks recording offsets.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from collections.abc import Callable
from typing import Any

# The standard library's JSON internals the recorder hooks into; typeshed does not declare them.
_JSON_SCANNER: Any = json.scanner
_JSON_DECODER: Any = json.decoder

Position = tuple[int, int]  # 1-based line and column in the file


class _Recorder(json.JSONDecoder):
    """A decoder whose scanner remembers where each list of strings' items start."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: list[int] = []
        self.arrays: dict[int, list[int]] = {}
        self.parse_string = self._string
        self.parse_array = self._array
        self.memo: dict[str, str] = {}
        # The pure-Python scanner reads parse_string/parse_array from the decoder, so the
        # recorder sees every string and array; the C scanner would bypass them.
        self.scan_once = _JSON_SCANNER.py_make_scanner(self)

    def _string(self, text: str, end: int, strict: bool) -> tuple[str, int]:
        self.starts.append(end - 1)  # the opening quote
        value, after = _JSON_DECODER.scanstring(text, end, strict)
        return str(value), int(after)

    def _array(self, state: tuple[str, int], scan_once: Callable[..., Any]) -> Any:
        before = len(self.starts)
        values, end = _JSON_DECODER.JSONArray(state, scan_once)
        if values and all(isinstance(v, str) for v in values):
            self.arrays[id(values)] = self.starts[before:]
        return values, end


def source_positions(text: str) -> dict[int, list[Position]]:
    """For each code cell (1-based among all cells): the file position of each source line."""
    recorder = _Recorder()
    try:
        document, _ = recorder.raw_decode(text.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return {}
    offset = len(text) - len(text.lstrip("\ufeff"))
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        return {}
    positions: dict[int, list[Position]] = {}
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source")
        starts = recorder.arrays.get(id(source)) if isinstance(source, list) else None
        if starts is None or not isinstance(source, list) or len(starts) != len(source):
            continue
        lines: list[Position] = []
        for item, start in zip(source, starts, strict=True):
            # An item normally holds one line; if it holds several, they share its position.
            count = max(1, item.count("\n") + (0 if item.endswith("\n") else 1))
            lines.extend([_position(text, start + offset)] * count)
        positions[number] = lines
    return positions


def _position(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


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
