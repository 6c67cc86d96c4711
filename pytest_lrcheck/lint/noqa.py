"""Suppression comments, as flake8 and ruff read them.

* ``# noqa`` on a line of the flagged code hides every finding there; ``# noqa: LRC101`` or
  ``# noqa: LRC101, LRC201`` only those codes (exact codes; other tools' codes are ignored).
* ``# lrcheck: noqa`` on a line of its own hides every finding in the file;
  ``# lrcheck: noqa: LRC201`` only those codes.

Comments are found with the tokenizer, so a ``# noqa`` inside a string does not count.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pytest_lrcheck.lint.findings import Finding

_CODES = r"[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*"
_LINE = re.compile(rf"#\s*(?:lrcheck\s*:\s*)?noqa\b(?:\s*:\s*(?P<codes>{_CODES}))?", re.IGNORECASE)
_FILE = re.compile(rf"^#\s*lrcheck\s*:\s*noqa\b(?:\s*:\s*(?P<codes>{_CODES}))?", re.IGNORECASE)
_QUICK = re.compile(r"noqa", re.IGNORECASE)

# ``None`` stands for "every code".
Codes = frozenset[str] | None


@dataclass(frozen=True)
class Suppressions:
    # Codes hidden in the whole file: absent when there is no file-level comment.
    file_codes: tuple[Codes, ...] = ()
    lines: Mapping[int, Codes] = field(default_factory=dict)

    def hides(self, finding: Finding) -> bool:
        if any(_covers(codes, finding.code) for codes in self.file_codes):
            return True
        span = finding.span
        return any(
            _covers(self.lines[line], finding.code)
            for line in range(span.line, span.end_line + 1)
            if line in self.lines
        )


def line_directive(comment: str) -> re.Match[str] | None:
    """The ``# noqa`` directive in a comment; its ``codes`` group is None for a bare one."""
    return _LINE.search(comment)


def _covers(codes: Codes, code: str) -> bool:
    return codes is None or code in codes


def _codes(text: str | None) -> Codes:
    if not text:
        return None
    return frozenset(part.upper() for part in re.split(r"[\s,]+", text) if part)


def parse_suppressions(text: str) -> Suppressions:
    """Every suppression comment of Python source ``text`` (line numbers 1-based)."""
    if _QUICK.search(text) is None:
        return Suppressions()
    try:
        comments = list(_comments(text))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        comments = list(_naive_comments(text))
    file_codes: list[Codes] = []
    lines: dict[int, Codes] = {}
    for line, comment, alone in comments:
        if alone:
            whole = _FILE.match(comment)
            if whole is not None:
                file_codes.append(_codes(whole.group("codes")))
                continue
        match = _LINE.search(comment)
        if match is not None:
            lines[line] = _merge(lines.get(line, frozenset()), _codes(match.group("codes")))
    return Suppressions(tuple(file_codes), lines)


def _merge(old: Codes, new: Codes) -> Codes:
    return None if old is None or new is None else old | new


def _comments(text: str) -> Iterable[tuple[int, str, bool]]:
    for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
        if token.type == tokenize.COMMENT:
            alone = token.line[: token.start[1]].strip() == ""
            yield token.start[0], token.string, alone


def _naive_comments(text: str) -> Iterable[tuple[int, str, bool]]:
    """For text the tokenizer rejects (it did not parse either): every ``#`` starts a comment."""
    for number, line in enumerate(text.splitlines(), start=1):
        start = line.find("#")
        if start >= 0:
            yield number, line[start:], line[:start].strip() == ""


def file_is_suppressed(text: str, code: str) -> bool:
    """Whether a file-level comment hides ``code``; for files that cannot be tokenized."""
    if _QUICK.search(text) is None:
        return False
    return any(_covers(codes, code) for codes in parse_suppressions_naive(text).file_codes)


def parse_suppressions_naive(text: str) -> Suppressions:
    file_codes = []
    for _, comment, alone in _naive_comments(text):
        whole = _FILE.match(comment) if alone else None
        if whole is not None:
            file_codes.append(_codes(whole.group("codes")))
    return Suppressions(tuple(file_codes))


def without_suppressed(findings: Sequence[Finding], text: str) -> list[Finding]:
    """``findings`` minus those a suppression comment in ``text`` hides."""
    if not findings or _QUICK.search(text) is None:
        return list(findings)
    suppressions = parse_suppressions(text)
    return [f for f in findings if not suppressions.hides(f)]
