"""Rendering findings for people and machines."""

from __future__ import annotations

from collections.abc import Sequence

from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.output.sources import SourceLines

FORMATS = ("text", "concise", "json", "sarif", "github")


def render(
    findings: Sequence[Finding],
    fmt: str = "text",
    *,
    color: bool = False,
    sources: SourceLines | None = None,
) -> str:
    """Findings as the ``lrcheck`` command prints them in format ``fmt``.

    ``text`` shows each finding's line with a caret under the span, read back from the file it
    names (relative paths from the current directory); ``color`` adds ANSI colours to text
    formats.  ``sources`` shares already-read files between calls.
    """
    if fmt == "text":
        from pytest_lrcheck.output.text import render_text

        return render_text(findings, color=color, sources=sources)
    if fmt == "concise":
        from pytest_lrcheck.output.text import render_concise

        return render_concise(findings, color=color)
    if fmt == "json":
        from pytest_lrcheck.output.json import render_json

        return render_json(findings, sources)
    if fmt == "sarif":
        from pytest_lrcheck.output.sarif import render_sarif

        return render_sarif(findings, sources)
    if fmt == "github":
        from pytest_lrcheck.output.github import render_github

        return render_github(findings, sources)
    raise ValueError(f"unknown output format {fmt!r}; choose from {', '.join(FORMATS)}")
