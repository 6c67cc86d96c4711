"""A document as it was when it was sent to be checked, and where each finding lies in it.

Findings and fixes refer to the text that was checked; the editor may have moved on since.
Diagnostics and edits are computed against the snapshot and carry its version, so that an
editor can tell (and drop) an edit made for text it no longer shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.server.buffers import NotebookBuffer, TextBuffer
from pytest_lrcheck.server.jobs import CellKind, CellText


@dataclass(frozen=True)
class Part:
    """A text document: the script, or one cell of a notebook."""

    uri: str
    text: str
    version: int
    kind: CellKind = "code"


@dataclass(frozen=True)
class Snapshot:
    uri: str  # the script's or the notebook's
    version: int
    path: str | None
    parts: tuple[Part, ...]
    notebook: bool = False

    @classmethod
    def of_text(cls, buffer: TextBuffer) -> Snapshot:
        part = Part(buffer.uri, buffer.text, buffer.version)
        return cls(buffer.uri, buffer.version, buffer.path, (part,))

    @classmethod
    def of_notebook(cls, buffer: NotebookBuffer) -> Snapshot:
        parts = tuple(
            Part(cell.uri, cell.text, cell.version, _kind(cell.is_python, cell.kind.value))
            for cell in buffer.cells
        )
        return cls(buffer.uri, buffer.version, buffer.path, parts, notebook=True)

    def cells(self) -> tuple[CellText, ...]:
        return tuple((part.kind, part.text) for part in self.parts)

    def python_parts(self) -> tuple[Part, ...]:
        return tuple(part for part in self.parts if part.kind == "code")

    def part_of(self, finding: Finding) -> Part | None:
        """The text document a finding is in (a notebook's first code cell if it names none)."""
        if not self.notebook:
            return self.parts[0]
        if finding.cell is not None and 1 <= finding.cell <= len(self.parts):
            return self.parts[finding.cell - 1]
        return next(iter(self.python_parts()), None)

    def fix_part(self, finding: Finding) -> Part | None:
        """The text document a finding's fix rewrites."""
        if not self.notebook or finding.fix is None:
            return self.parts[0] if not self.notebook else None
        cell = finding.fix.cell
        if cell is None or not 1 <= cell <= len(self.parts):
            return None
        return self.parts[cell - 1]

    def part_number(self, uri: str) -> int:
        """0 for the script, else the 1-based number of the cell (0 when unknown)."""
        if not self.notebook:
            return 0
        return next((n for n, part in enumerate(self.parts, start=1) if part.uri == uri), 0)


def _kind(is_python: bool, kind: int) -> CellKind:
    if is_python:
        return "code"
    # Markup cells are markdown; code in another language is not the linter's business.
    return "markdown" if kind == 1 else "raw"
