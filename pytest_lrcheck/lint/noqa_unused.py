"""LRC001 unused-noqa: ``# noqa: LRCxxx`` codes that hid nothing, found after the other rules.

Like ruff's RUF100, and with the same care not to cry wolf: a code is reported only when the run
could have used it, that is when its rule ran on the file and found nothing on the lines the
comment covers, or when no rule has that code at all.  A bare ``# noqa`` and other tools' codes
(``E501``) are left alone: they may be there for another linter.  So are codes of rules this run
did not select and the runtime codes (LRC5xx), which the linter never reports.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from pytest_lrcheck.lint.findings import Finding, Fix, Span
from pytest_lrcheck.lint.noqa import line_directive
from pytest_lrcheck.lint.source import split_lines

CODE, NAME = "LRC001", "unused-noqa"


@dataclass(frozen=True)
class _Comment:
    line: int
    column: int  # 0-based character offset of the '#'
    text: str
    alone: bool


def _comments(text: str) -> Iterator[_Comment]:
    try:
        for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if token.type == tokenize.COMMENT:
                alone = token.line[: token.start[1]].strip() == ""
                yield _Comment(token.start[0], token.start[1], token.string, alone)
    except (tokenize.TokenError, SyntaxError):
        return


def unused_noqa(
    path: str,
    text: str,
    findings: Sequence[Finding],
    checked: Collection[str],
    known: Collection[str],
) -> list[Finding]:
    """LRC001 findings for ``text``, given every finding before suppression (``findings``),
    the codes whose rules ran (``checked``) and every code there is (``known``)."""
    if "noqa" not in text.lower():
        return []
    lines = split_lines(text)
    reported = []
    for comment in _comments(text):
        match = line_directive(comment.text)
        if match is None or match.group("codes") is None:
            continue
        if comment.alone and re.match(r"#\s*lrcheck\s*:", comment.text, re.IGNORECASE):
            continue  # a file-level comment, whose codes may be meant for any line
        codes = re.split(r"[\s,]+", match.group("codes").strip())
        found = {f.code for f in findings if f.span.line <= comment.line <= f.span.end_line}
        unused = [c for c in codes if _unused(c.upper(), found, checked, known)]
        if unused:
            reported.append(_finding(path, comment, match, codes, unused, lines, known))
    return reported


def _unused(code: str, found: set[str], checked: Collection[str], known: Collection[str]) -> bool:
    if not code.startswith("LRC") or code in found:
        return False
    return code in checked or code not in known


def _finding(
    path: str,
    comment: _Comment,
    match: re.Match[str],
    codes: list[str],
    unused: list[str],
    lines: list[str],
    known: Collection[str],
) -> Finding:
    unknown = [c for c in unused if c.upper() not in known]
    quiet = [c for c in unused if c.upper() in known]
    parts = []
    if quiet:
        parts.append(f"{', '.join(quiet)} found nothing on this line")
    if unknown:
        parts.append(f"{', '.join(unknown)} is no lrcheck code")
    message = f"unused noqa directive: {'; '.join(parts)}; remove what no longer applies"
    start, end = comment.column + match.start(), comment.column + match.end()
    span = Span(comment.line, start + 1, comment.line, end + 1)
    kept = [c for c in codes if c not in unused]
    fix = _fix(comment, match, kept, lines)
    return Finding(path, span, CODE, NAME, message, "warning", fix)


def _fix(comment: _Comment, match: re.Match[str], kept: list[str], lines: list[str]) -> Fix | None:
    text = comment.text
    if kept:
        codes_start, codes_end = match.span("codes")
        new = text[:codes_start] + ", ".join(kept) + text[codes_end:]
        description = "Remove the unused codes from the noqa directive"
    else:
        before, after = text[: match.start()].rstrip(), text[match.end() :].strip()
        new = before + ("  " + after if before and after else after)
        if new and not new.startswith("#"):
            new = "# " + new
        description = "Remove the unused noqa directive"
    line_text = lines[comment.line - 1] if comment.line <= len(lines) else ""
    width = len(text)
    if new:
        target = Span(comment.line, comment.column + 1, comment.line, comment.column + width + 1)
        params: tuple[tuple[str, str], ...] = (("comment", new),)
        return Fix(description, "safe", target, "Comment", params)
    if comment.alone:
        return None  # a line of its own: removing the line is for the author to decide
    # The whole comment goes, with the spaces before it: libcst holds both, and the line
    # break, in the statement's TrailingWhitespace, which ends where the next line starts.
    start = len(line_text[: comment.column].rstrip()) + 1
    # (libcst gives a last line without a line break one too.)
    target = Span(comment.line, start, comment.line + 1, 1)
    return Fix(description, "safe", target, "TrailingWhitespace", (("comment", ""),))
