"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.output.sanitize import printable
from pytest_lrcheck.output.sources import SourceLines
from pytest_lrcheck.output.text import location


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(findings: Sequence[Finding], sources: SourceLines | None = None) -> str:
    from pytest_lrcheck.output.sarif import notebook_region

    sources = sources if sources is not None else SourceLines()
    lines = []
    for finding in findings:
        span = finding.span
        if finding.cell is None:
            where = {"line": span.line, "col": span.column}
            where.update(endLine=span.end_line, endColumn=span.end_column)
        else:
            region = notebook_region(finding, sources)
            where = {"line": region["startLine"]}
            if "startColumn" in region:
                where["col"] = region["startColumn"]
        command = "error" if finding.severity == "error" else "warning"
        props = [f"title={_property(f'lrcheck ({finding.code})')}"]
        props.append(f"file={_property(printable(finding.path))}")
        props.extend(f"{key}={value}" for key, value in where.items())
        # Line breaks are the command syntax's to escape; the other unsafe characters are not.
        message = "\n".join(printable(part) for part in finding.message.split("\n"))
        text = f"{location(finding)}: {finding.code} {message}"
        lines.append(f"::{command} {','.join(props)}::{_data(text)}")
    return "".join(line + "\n" for line in lines)
