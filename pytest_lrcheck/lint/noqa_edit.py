"""The edit behind "Disable LRCxxx for this line": a ``# noqa: LRCxxx`` comment.

The comment goes at the end of a line of the flagged code where a comment can go: not inside a
string that runs on to the next line, not after a backslash continuation.  An existing
``# noqa: CODES`` comment gets the code added to its list.  The edit is offered only if the
linter's own reading of suppressions (`noqa.parse_suppressions`) then hides the finding.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator, Sequence

from pytest_lrcheck.lint.findings import Finding, Span
from pytest_lrcheck.lint.noqa import parse_suppressions
from pytest_lrcheck.lint.source import split_lines

_CODES = re.compile(r"(#\s*noqa\s*:\s*[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*)", re.IGNORECASE)


def _scan(code: str) -> tuple[set[int], dict[int, tuple[int, str]]] | None:
    """Lines (1-based) whose end is inside a token, and each line's comment (its column and
    text); None when the code does not tokenize."""
    blocked: set[int] = set()
    comments: dict[int, tuple[int, str]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(code, newline=None).readline):
            if token.type == tokenize.ERRORTOKEN:  # an unterminated string, a stray "$"
                return None
            blocked.update(range(token.start[0], token.end[0]))
            if token.type == tokenize.COMMENT:
                comments[token.start[0]] = (token.start[1], token.string)
    except (tokenize.TokenError, SyntaxError):
        return None
    return blocked, comments


def noqa_text(text: str, finding: Finding, code: str | None = None) -> str | None:
    """``text`` with a comment that hides ``finding``; None when no line can take one.

    ``code`` is what Python sees when it differs from ``text`` line for line (a notebook
    cell with IPython magics replaced).
    """
    scanned = _scan(code if code is not None else text)
    if scanned is None:
        return None
    blocked, comments = scanned
    lines = split_lines(text)
    breaks = [*re.findall(r"\r\n|\r|\n", text), ""]
    for number in _comment_lines(lines, blocked, finding.span):
        line = lines[number - 1]
        column, comment = comments.get(number, (0, ""))
        existing = _CODES.search(comment)
        if existing is not None:
            at = column + existing.end()
            lines[number - 1] = line[:at] + f", {finding.code}" + line[at:]
        else:
            lines[number - 1] = line.rstrip() + f"  # noqa: {finding.code}"
        new = "".join(part + end for part, end in zip(lines, breaks, strict=True))
        if parse_suppressions(new).hides(finding):
            return new
        lines[number - 1] = line
    return None


def _comment_lines(lines: list[str], blocked: set[int], span: Span) -> Iterator[int]:
    """The lines of ``span`` that can end in a comment."""
    for number in range(span.line, span.end_line + 1):
        if number in blocked or not 1 <= number <= len(lines):
            continue
        if not lines[number - 1].rstrip().endswith("\\"):
            yield number


def noqa_line(text: str, span: Span) -> int | None:
    """The line a ``# noqa`` for a finding at ``span`` goes on (ruff's ``noqa_row``); None
    when no line of the span can take a comment or the text does not tokenize."""
    return noqa_lines(text, [span])[0]


def noqa_lines(text: str, spans: Sequence[Span]) -> list[int | None]:
    """`noqa_line` for many findings of one text, which is tokenized once."""
    scanned = _scan(text)
    if scanned is None:
        return [None] * len(spans)
    lines = split_lines(text)
    return [next(_comment_lines(lines, scanned[0], span), None) for span in spans]


def add_noqa(text: str, findings: Sequence[Finding]) -> tuple[str, int]:
    """``text`` with a ``# noqa`` for each of ``findings`` that nothing hides yet, and how many
    findings got one (``--add-noqa``)."""
    added = 0
    for finding in findings:
        if parse_suppressions(text).hides(finding):
            continue
        new = noqa_text(text, finding)
        if new is not None:
            text, added = new, added + 1
    return text, added
