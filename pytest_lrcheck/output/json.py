"""A JSON list of findings, one object each (stable keys, for tools).

Besides lrcheck's own keys, each object carries ruff's: ``filename``, ``location`` and
``end_location`` (``row``/``column``), ``url`` (the rule's document), ``noqa_row`` (the line a
``# noqa`` for it would go on) and, for a fix, ``applicability``, ``message`` and the text
``edits`` it makes, so that an editor or a bot can apply it without lrcheck.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from pytest_lrcheck.lint.findings import Finding, Span
from pytest_lrcheck.output.sanitize import json_safe
from pytest_lrcheck.output.sources import SourceLines


def render_json(findings: Sequence[Finding], sources: SourceLines | None = None) -> str:
    sources = sources if sources is not None else SourceLines()
    edits = _all_edits(findings, sources)
    rows = _noqa_rows(findings, sources)
    records = [_record(f, rows[i], edits.get(i, [])) for i, f in enumerate(findings)]
    return json_safe(json.dumps(records, indent=2, ensure_ascii=False)) + "\n"


def _record(finding: Finding, noqa_row: int | None, edits: list[dict[str, Any]]) -> dict[str, Any]:
    from pytest_lrcheck.catalog import document_url

    record = finding.to_json()
    span = finding.span
    record.update(
        filename=finding.path,
        location=_position(span.line, span.column),
        end_location=_position(span.end_line, span.end_column),
        url=document_url(finding.code),
        noqa_row=noqa_row,
    )
    if record["fix"] is not None and finding.fix is not None:
        record["fix"].update(
            applicability=finding.fix.safety, message=finding.fix.description, edits=edits
        )
    return record


def _noqa_rows(findings: Sequence[Finding], sources: SourceLines) -> list[int | None]:
    """Each finding's ``noqa_row``, each file (or notebook cell) read once."""
    from pytest_lrcheck.lint.noqa_edit import noqa_lines

    rows: list[int | None] = [None] * len(findings)
    for (path, cell), indices in _by_text(findings, range(len(findings))).items():
        text = sources.source(path, cell)
        if text is not None:
            found = noqa_lines(text, [findings[i].span for i in indices])
            for index, row in zip(indices, found, strict=True):
                rows[index] = row
    return rows


def _by_text(
    findings: Sequence[Finding], indices: Iterable[int], *, fix_cell: bool = False
) -> dict[tuple[str, int | None], list[int]]:
    groups: dict[tuple[str, int | None], list[int]] = {}
    for index in indices:
        finding = findings[index]
        cell = finding.cell
        if fix_cell and finding.fix is not None and finding.fix.cell is not None:
            cell = finding.fix.cell
        groups.setdefault((finding.path, cell), []).append(index)
    return groups


def _all_edits(
    findings: Sequence[Finding], sources: SourceLines
) -> dict[int, list[dict[str, Any]]]:
    """Each fixable finding's edits, by its index: one pass per file (or notebook cell)."""
    from pytest_lrcheck.lint.fix_edits import fix_edits

    fixable = (i for i, finding in enumerate(findings) if finding.fix is not None)
    groups = _by_text(findings, fixable, fix_cell=True)
    out: dict[int, list[dict[str, Any]]] = {}
    for (path, cell), indices in groups.items():
        text = sources.source(path, cell)
        if text is None:
            continue
        found = fix_edits(text, [findings[i] for i in indices])
        for index, edit in zip(indices, found, strict=True):
            if edit is not None:
                out[index] = [_edit(edit.content, edit.span)]
            else:
                out[index] = _applied_alone(findings[index], text)
    return out


def _edit(content: str, span: Span) -> dict[str, Any]:
    return {
        "content": content,
        "location": _position(span.line, span.column),
        "end_location": _position(span.end_line, span.end_column),
    }


def _position(row: int, column: int) -> dict[str, int]:
    return {"row": row, "column": column}


def _applied_alone(finding: Finding, text: str) -> list[dict[str, Any]]:
    """The edit of a fix that is not one node (several statements): apply it alone and take
    the changed range; empty when it does not apply."""
    from pytest_lrcheck.lint.fixer import apply_fixes

    outcome = apply_fixes(text, [finding], unsafe=True)
    if not outcome.changed:
        return []
    after = outcome.source
    start = 0
    limit = min(len(text), len(after))
    while start < limit and text[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and text[len(text) - 1 - end] == after[len(after) - 1 - end]:
        end += 1
    # Whole names, as a reader (and ruff) would write the edit: "lr" -> "learning_rate".
    while start > 0 and _in_name(text[start - 1]):
        start -= 1
    while end > 0 and _in_name(text[len(text) - end]):
        end -= 1
    removed = Span(*_line_column(text, start), *_line_column(text, len(text) - end))
    return [_edit(after[start : len(after) - end], removed)]


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _in_name(character: str) -> bool:
    return character.isalnum() or character == "_"
