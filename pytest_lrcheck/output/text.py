"""``path:line:col: CODE message`` lines."""

from __future__ import annotations

from collections.abc import Sequence

from pytest_lrcheck.lint.findings import Finding


def location(finding: Finding) -> str:
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    return f"{finding.path}:{cell}{finding.span.line}:{finding.span.column}"


def render_text(findings: Sequence[Finding]) -> str:
    lines = []
    for finding in findings:
        marker = " [*]" if finding.fix is not None and finding.fix.safety == "safe" else ""
        lines.append(f"{location(finding)}: {finding.code}{marker} {finding.message}")
    return "\n".join(lines) + ("\n" if lines else "")
