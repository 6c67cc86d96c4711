"""Writing fixed cell sources back into a notebook's JSON text, and nothing else.

Re-serialising the whole document would change what lrcheck has no business changing: number
spellings (``1e400`` would come back as ``Infinity``, which is not JSON), duplicate keys,
indentation with tabs, compact separators, line endings.  So only the JSON of a changed cell's
``source`` is replaced, in place: a string by a string; in a list, the items whose text changed,
with the separators the list already uses.  The result is read back and compared with the
document as read, this cell's source aside, before anyone writes it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pytest_lrcheck.lint.notebook_map import SourceSpans, map_notebook

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")  # how nbformat stores a source: lines ending in \n


class SpliceError(Exception):
    """The new sources cannot be written without changing more of the file."""


def splice_sources(text: str, sources: Mapping[int, str]) -> str:
    """``text`` with the source of each cell numbered in ``sources`` replaced."""
    mapped = map_notebook(text)
    ascii_only = "\\u" in text and text.isascii()
    document = json.loads(text.lstrip("\ufeff"), parse_constant=str)
    edits: list[tuple[int, int, str]] = []
    for number, source in sources.items():
        spans = mapped.sources.get(number)
        if spans is None:
            raise SpliceError(f"cell {number}'s source was not found in the file")
        old = document["cells"][number - 1]["source"]
        edits.extend(_edits(text, spans, old, source, ascii_only))
    out = []
    done = 0
    for start, end, new in sorted(edits):
        out.append(text[done:start])
        out.append(new)
        done = end
    out.append(text[done:])
    result = "".join(out)
    _verify(document, result, sources)
    return result


def _encode(value: str, ascii_only: bool) -> str:
    return json.dumps(value, ensure_ascii=ascii_only)


def _edits(
    text: str, spans: SourceSpans, old: Any, source: str, ascii_only: bool
) -> list[tuple[int, int, str]]:
    if spans.items is None or not isinstance(old, list):
        return [(*spans.value, _encode(source, ascii_only))]
    items: Sequence[str] = old
    # Items that still start and end the source are kept as they are spelled in the file.
    head = 0
    while head < len(items) and source.startswith("".join(items[: head + 1])):
        head += 1
    tail = 0
    while (
        tail < len(items) - head
        and source.endswith("".join(items[len(items) - tail - 1 :]))
        and len("".join(items[:head])) + len("".join(items[len(items) - tail - 1 :])) <= len(source)
    ):
        tail += 1
    joined_head = "".join(items[:head])
    joined_tail = "".join(items[len(items) - tail :])
    middle = source[len(joined_head) : len(source) - len(joined_tail)]
    new = [_encode(line, ascii_only) for line in _LINE.findall(middle)]
    positions = spans.items
    first, last = head, len(items) - tail  # the old items [first, last) are replaced
    if first < last:
        if new:
            return [
                (positions[first][0], positions[last - 1][1], _separator(text, spans).join(new))
            ]
        if first > 0:  # drop the items and the separators before them
            return [(positions[first - 1][1], positions[last - 1][1], "")]
        if last < len(items):  # ... or after them
            return [(positions[first][0], positions[last][0], "")]
        return [(positions[first][0], positions[last - 1][1], "")]
    if not new:
        return []
    joined = _separator(text, spans).join(new)
    if first > 0:
        return [
            (positions[first - 1][1], positions[first - 1][1], _separator(text, spans) + joined)
        ]
    if positions:
        return [(positions[0][0], positions[0][0], joined + _separator(text, spans))]
    start, end = spans.value  # an empty list
    return [(start + 1, end - 1, joined)]


def _separator(text: str, spans: SourceSpans) -> str:
    """What stands between two items of this list in the file."""
    items = spans.items or ()
    if len(items) >= 2:
        return text[items[0][1] : items[1][0]]
    start = items[0][0] if items else spans.value[0] + 1
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start]
    newline = "\r\n" if text[line_start - 2 : line_start] == "\r\n" else "\n"
    return ",\n".replace("\n", newline) + indent if indent.strip() == "" and line_start else ", "


def _verify(document: Any, result: str, sources: Mapping[int, str]) -> None:
    try:
        written = json.loads(result.lstrip("\ufeff"), parse_constant=str)
    except ValueError:
        raise SpliceError("the new sources would not be valid JSON") from None
    for number, source in sources.items():
        cell = written["cells"][number - 1]
        value = cell["source"]
        if (value if isinstance(value, str) else "".join(value)) != source:
            raise SpliceError(f"cell {number}'s source would not read back")
        cell["source"] = document["cells"][number - 1]["source"]
    if written != document:
        raise SpliceError("more than the fixed cells would change")
