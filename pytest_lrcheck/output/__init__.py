"""Rendering findings for people and machines."""

from __future__ import annotations

from collections.abc import Sequence

from pytest_lrcheck.lint.findings import Finding

FORMATS = ("text", "json")


def render(findings: Sequence[Finding], fmt: str = "text") -> str:
    """Findings as the ``lrcheck`` command prints them in format ``fmt``."""
    if fmt == "json":
        from pytest_lrcheck.output.json import render_json

        return render_json(findings)
    if fmt == "text":
        from pytest_lrcheck.output.text import render_text

        return render_text(findings)
    raise ValueError(f"unknown output format {fmt!r}; choose from {', '.join(FORMATS)}")
