"""Findings as LSP diagnostics, on the text document (script or notebook cell) they are in."""

from __future__ import annotations

from dataclasses import dataclass, replace

from lsprotocol import types

from pytest_lrcheck.lint.engine import unreadable
from pytest_lrcheck.lint.findings import Finding, Severity
from pytest_lrcheck.server.jobs import Checked
from pytest_lrcheck.server.positions import Encoding, LineIndex
from pytest_lrcheck.server.snapshot import Part, Snapshot

SOURCE = "lrcheck"
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}


@dataclass(frozen=True)
class Placed:
    """A finding with the diagnostic that shows it and the text document it is in."""

    finding: Finding
    part: Part
    diagnostic: types.Diagnostic


def lsp_range(part: Part, finding: Finding, encoding: Encoding) -> types.Range:
    (start, end) = LineIndex(part.text).span_range(finding.span, encoding)
    return types.Range(types.Position(*start), types.Position(*end))


def to_diagnostic(finding: Finding, part: Part, encoding: Encoding) -> types.Diagnostic:
    fix = finding.fix
    return types.Diagnostic(
        range=lsp_range(part, finding, encoding),
        message=finding.message,
        severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Error),
        code=finding.code,
        source=SOURCE,
        data={"name": finding.name, "fix": fix.safety if fix is not None else None},
    )


def not_checked(snapshot: Snapshot, message: str, severity: Severity = "error") -> Finding:
    """A finding at the top of the document saying why it was not checked (LRC000)."""
    return replace(unreadable(snapshot.path or snapshot.uri, message), severity=severity)


def findings_of(snapshot: Snapshot, checked: Checked) -> tuple[Finding, ...]:
    if checked.config_error is not None:
        message = f"not checked: {checked.config_error}"
        return (not_checked(snapshot, message),)
    return checked.findings


def place(snapshot: Snapshot, findings: tuple[Finding, ...], encoding: Encoding) -> list[Placed]:
    placed = []
    for finding in findings:
        part = snapshot.part_of(finding)
        if part is not None:
            placed.append(Placed(finding, part, to_diagnostic(finding, part, encoding)))
    return placed


def by_document(snapshot: Snapshot, placed: list[Placed]) -> dict[str, list[types.Diagnostic]]:
    """Diagnostics for every text document of the snapshot, an empty list where there are none
    (so that the editor clears what it showed before)."""
    documents: dict[str, list[types.Diagnostic]] = {
        part.uri: [] for part in (snapshot.python_parts() if snapshot.notebook else snapshot.parts)
    }
    for item in placed:
        documents.setdefault(item.part.uri, []).append(item.diagnostic)
    return documents
