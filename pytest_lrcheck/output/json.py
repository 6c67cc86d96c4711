"""A JSON list of findings, one object each (stable keys, for tools).

Besides lrcheck's own keys, each object carries ruff's: ``filename``, ``location`` and
``end_location`` (``row``/``column``), ``url`` (the rule's document), ``noqa_row`` (the line a
``# noqa`` for it would go on) and, for a fix, ``applicability``, ``message`` and the text
``edits`` it makes, so that an editor or a bot can apply it without lrcheck.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pytest_lrcheck.lint.findings import Finding, Span
from pytest_lrcheck.output.sources import SourceLines


def render_json(findings: Sequence[Finding], sources: SourceLines | None = None) -> str:
    sources = sources if sources is not None else SourceLines()
    records = [_record(f, sources) for f in findings]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _record(finding: Finding, sources: SourceLines) -> dict[str, Any]:
    from pytest_lrcheck.catalog import document_url
    from pytest_lrcheck.lint.noqa_edit import noqa_line

    record = finding.to_json()
    span = finding.span
    text = sources.source(finding.path, finding.cell)
    record.update(
        filename=finding.path,
        location=_position(span.line, span.column),
        end_location=_position(span.end_line, span.end_column),
        url=document_url(finding.code),
        noqa_row=noqa_line(text, span) if text is not None else None,
    )
    if record["fix"] is not None and finding.fix is not None:
        record["fix"].update(
            applicability=finding.fix.safety,
            message=finding.fix.description,
            edits=fix_edits(finding, sources),
        )
    return record


def _position(row: int, column: int) -> dict[str, int]:
    return {"row": row, "column": column}


def fix_edits(finding: Finding, sources: SourceLines) -> list[dict[str, Any]]:
    """The text edit the finding's fix makes, found by applying it alone: one replacement of
    the changed range, positions 1-based as in the findings; empty when it does not apply."""
    from pytest_lrcheck.lint.fixer import apply_fixes

    if finding.fix is None:
        return []
    cell = finding.fix.cell if finding.fix.cell is not None else finding.cell
    text = sources.source(finding.path, cell)
    if text is None:
        return []
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
    return [
        {
            "content": after[start : len(after) - end],
            "location": _position(removed.line, removed.column),
            "end_location": _position(removed.end_line, removed.end_column),
        }
    ]


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _in_name(character: str) -> bool:
    return character.isalnum() or character == "_"
