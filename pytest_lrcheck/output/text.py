"""Text for people: ``path:line:col: CODE message``, then the line with a caret under the span.

``concise`` is the first line alone, one finding per line, for editors and grep.  Colour is used
only when asked (the command asks on a terminal, unless ``NO_COLOR`` is set).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.output.sanitize import printable
from pytest_lrcheck.output.sources import SourceLines

__all__ = ["headline", "location", "printable", "render_concise", "render_text"]

_RESET = "\033[0m"
_BOLD = "\033[1m"
_RED = "\033[31m"
_YELLOW = "\033[33m"
_BLUE = "\033[34m"
_CYAN = "\033[36m"


def location(finding: Finding) -> str:
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    return f"{printable(finding.path)}:{cell}{finding.span.line}:{finding.span.column}"


def headline(finding: Finding, *, color: bool = False) -> str:
    marker = " [*]" if finding.fix is not None and finding.fix.safety == "safe" else ""
    message = printable(finding.message)
    if not color:
        return f"{location(finding)}: {finding.code}{marker} {message}"
    tint = _RED if finding.severity == "error" else _YELLOW
    return (
        f"{_BOLD}{location(finding)}{_RESET}: {tint}{_BOLD}{finding.code}{_RESET}"
        f"{_CYAN}{marker}{_RESET} {message}"
    )


def render_concise(findings: Sequence[Finding], *, color: bool = False) -> str:
    lines = [headline(f, color=color) for f in findings]
    return "".join(line + "\n" for line in lines)


def render_text(
    findings: Sequence[Finding], *, color: bool = False, sources: SourceLines | None = None
) -> str:
    sources = sources if sources is not None else SourceLines()
    blocks = []
    for finding in findings:
        block = [headline(finding, color=color)]
        block.extend(_excerpt(finding, sources, color=color))
        blocks.append("\n".join(block) + "\n")
    return "\n".join(blocks)


def _excerpt(finding: Finding, sources: SourceLines, *, color: bool) -> list[str]:
    span = finding.span
    if finding.path.startswith("<"):
        return []
    text = sources.line(finding.path, finding.cell, span.line)
    if text is None:
        return []
    text = printable(text)
    start = min(max(span.column - 1, 0), len(text))
    end = span.end_column - 1 if span.end_line == span.line else len(text.rstrip())
    end = max(min(end, len(text)), start + 1)
    number = str(span.line)
    gutter = " " * len(number)
    # Tabs stay tabs and wide characters count double, so the caret lands under the span.
    pad = "".join("\t" if ch == "\t" else " " * _width(ch) for ch in text[:start])
    carets = "^" * max(1, sum(_width(ch) for ch in text[start:end]))
    bar, tint, reset = ("|", "", "") if not color else (f"{_BLUE}|{_RESET}", _RED, _RESET)
    return [
        f"{gutter} {bar}",
        f"{number} {bar} {text.rstrip()}",
        f"{gutter} {bar} {pad}{tint}{carets}{reset}",
    ]


def _width(character: str) -> int:
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
