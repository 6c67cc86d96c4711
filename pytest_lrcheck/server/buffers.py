"""The editor's open documents as the server keeps them: text files and notebooks.

The text is the editor's buffer with unsaved edits, kept up to date from the changes the client
sends.  Changes are applied here rather than by pygls' workspace, which splits lines the way
`str.splitlines` does (at form feeds and U+2028 too) and so misplaces edits in files that hold
those characters; `positions.LineIndex` counts lines as LSP does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.uris import to_fs_path

from pytest_lrcheck.server.positions import Encoding, LineIndex


def path_of(uri: str) -> str | None:
    """The file system path of a ``file:`` URI; None for an unsaved (``untitled:``) buffer."""
    if not uri.startswith("file:"):
        return None
    return to_fs_path(uri)


def apply_changes(
    text: str, changes: Iterable[types.TextDocumentContentChangeEvent], encoding: Encoding
) -> str:
    """``text`` after the changes, each relative to the text the previous one left."""
    for change in changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            index = LineIndex(text)
            start = index.offset((change.range.start.line, change.range.start.character), encoding)
            end = index.offset((change.range.end.line, change.range.end.character), encoding)
            text = text[:start] + change.text + text[max(start, end) :]
        else:
            text = change.text
    return text


@dataclass
class TextBuffer:
    uri: str
    version: int
    text: str
    language: str = "python"

    @property
    def path(self) -> str | None:
        return path_of(self.uri)


@dataclass
class CellBuffer:
    """One cell of an open notebook; ``text`` is that of its cell text document."""

    uri: str
    kind: types.NotebookCellKind
    language: str = "python"
    text: str = ""
    version: int = 0

    @property
    def is_python(self) -> bool:
        return self.kind == types.NotebookCellKind.Code and self.language.lower() in {
            "python",
            "python3",
            "ipython",
        }


@dataclass
class NotebookBuffer:
    uri: str
    version: int
    cells: list[CellBuffer] = field(default_factory=list)
    # Cells taken out of the list but not closed: they may come back (a move).
    _detached: dict[str, CellBuffer] = field(default_factory=dict, repr=False)

    @property
    def path(self) -> str | None:
        return path_of(self.uri)

    def cell(self, uri: str) -> CellBuffer | None:
        return next((cell for cell in self.cells if cell.uri == uri), None)

    def number(self, uri: str) -> int | None:
        """The 1-based position of a cell among all the notebook's cells (the linter's)."""
        return next((n for n, cell in enumerate(self.cells, start=1) if cell.uri == uri), None)

    def _restructure(self, structure: types.NotebookDocumentCellChangeStructure) -> None:
        opened = {item.uri: item for item in structure.did_open or ()}
        array = structure.array
        removed = self.cells[array.start : array.start + array.delete_count]
        self._detached.update((cell.uri, cell) for cell in removed)
        # A moved cell keeps its text, even when the move comes as a deletion and a later
        # insertion; a cell just opened brings its own.
        inserted = []
        for cell in array.cells or ():
            kept = None if cell.document in opened else self._detached.pop(cell.document, None)
            inserted.append(kept or _cell(cell, opened))
        self.cells[array.start : array.start + array.delete_count] = inserted
        for closed in structure.did_close or ():
            self._detached.pop(closed.uri, None)

    @classmethod
    def opened(cls, params: types.DidOpenNotebookDocumentParams) -> NotebookBuffer:
        notebook = params.notebook_document
        texts = {item.uri: item for item in params.cell_text_documents}
        buffer = cls(notebook.uri, notebook.version)
        buffer.cells = [_cell(cell, texts) for cell in notebook.cells]
        return buffer

    def change(self, params: types.DidChangeNotebookDocumentParams, encoding: Encoding) -> None:
        self.version = params.notebook_document.version
        changes = params.change.cells
        if changes is None:
            return
        if changes.structure is not None:
            self._restructure(changes.structure)
        for data in changes.data or ():
            cell = self.cell(data.document)
            if cell is not None:
                cell.kind = data.kind
        for content in changes.text_content or ():
            cell = self.cell(content.document.uri)
            if cell is not None:
                cell.text = apply_changes(cell.text, content.changes, encoding)
                cell.version = content.document.version


def _cell(cell: types.NotebookCell, texts: dict[str, types.TextDocumentItem]) -> CellBuffer:
    item = texts.get(cell.document)
    if item is None:
        return CellBuffer(cell.document, cell.kind)
    return CellBuffer(cell.document, cell.kind, item.language_id, item.text, item.version)


class Documents:
    """Every open text document and notebook, by URI."""

    def __init__(self) -> None:
        self.texts: dict[str, TextBuffer] = {}
        self.notebooks: dict[str, NotebookBuffer] = {}

    def notebook_of_cell(self, cell_uri: str) -> NotebookBuffer | None:
        return next((nb for nb in self.notebooks.values() if nb.cell(cell_uri)), None)

    def uris(self) -> Sequence[str]:
        return [*self.texts, *self.notebooks]
