"""Notebooks over LSP 3.17 notebook synchronisation: diagnostics and fixes per cell."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from tests.server.conftest import SCRIPT
from tests.server.lsp_client import CONVERTER, LspClient, apply_edit, everything

IMPORTS, _, BODY = SCRIPT.partition("\n\n")


def _open(client: LspClient, notebook: str, cells: list[tuple[int, str, str]]) -> list[str]:
    """Open a notebook of (kind, language, text) cells; the cells' URIs, in order."""
    uris = [f"vscode-notebook-cell:{notebook}#cell{n}" for n in range(len(cells))]
    client.notify(
        "notebookDocument/didOpen",
        {
            "notebookDocument": {
                "uri": notebook,
                "notebookType": "jupyter-notebook",
                "version": 1,
                "cells": [
                    {"kind": kind, "document": uri}
                    for uri, (kind, _, _) in zip(uris, cells, strict=True)
                ],
            },
            "cellTextDocuments": [
                {"uri": uri, "languageId": language, "version": 1, "text": text}
                for uri, (_, language, text) in zip(uris, cells, strict=True)
            ],
        },
    )
    return uris


def _edit_cell(
    client: LspClient, notebook: str, cell: str, version: int, change: dict[str, object]
) -> None:
    client.notify(
        "notebookDocument/didChange",
        {
            "notebookDocument": {"uri": notebook, "version": version},
            "change": {
                "cells": {
                    "textContent": [
                        {"document": {"uri": cell, "version": version}, "changes": [change]}
                    ]
                }
            },
        },
    )


def test_each_cell_gets_its_own_diagnostics(client: LspClient, project: Path) -> None:
    notebook = (project / "explore.ipynb").as_uri()
    cells = _open(
        client,
        notebook,
        [
            (1, "markdown", "# Trying a model"),
            (2, "python", IMPORTS + "\n%matplotlib inline\n"),
            (2, "python", BODY),
        ],
    )
    assert client.diagnostics(cells[1], 1) == []
    diagnostics = client.diagnostics(cells[2], 1)
    assert sorted(str(d.code) for d in diagnostics) == ["LRC101", "LRC302"]
    sigmoid = next(d for d in diagnostics if d.code == "LRC101")
    flagged = BODY.splitlines()[0]
    assert sigmoid.range.start == types.Position(0, flagged.index('"sigmoid"'))
    assert client.published(cells[0]) == []  # markdown is not checked


def test_a_cell_fix_edits_that_cell_and_the_finding_goes(client: LspClient, project: Path) -> None:
    notebook = (project / "explore.ipynb").as_uri()
    cells = _open(client, notebook, [(2, "python", IMPORTS), (2, "python", BODY)])
    client.diagnostics(cells[1], 1)
    actions = client.code_actions(cells[1], everything())
    [fix] = [a for a in actions if a.title.startswith("Rename lr=")]
    resolved = client.resolve(fix)
    assert resolved.edit is not None and resolved.edit.document_changes
    [change] = resolved.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    assert change.text_document.uri == cells[1]
    [edit] = change.edits
    assert isinstance(edit, types.TextEdit)
    assert apply_edit(BODY, edit) == BODY.replace("SGD(lr=", "SGD(learning_rate=")
    _edit_cell(
        client,
        notebook,
        cells[1],
        2,
        {"range": CONVERTER.unstructure(edit.range), "text": edit.new_text},
    )
    assert [d.code for d in client.diagnostics(cells[1], 2)] == ["LRC101"]


def test_fix_all_in_a_notebook(client: LspClient, project: Path) -> None:
    notebook = (project / "explore.ipynb").as_uri()
    cells = _open(client, notebook, [(2, "python", IMPORTS), (2, "python", BODY)])
    client.diagnostics(cells[1], 1)
    [action] = client.code_actions(cells[1], everything(), only=["source.fixAll"])
    resolved = client.resolve(action)
    assert resolved.edit is not None and resolved.edit.document_changes
    assert [c.text_document.uri for c in resolved.edit.document_changes] == [cells[1]]  # type: ignore[union-attr]


def test_a_removed_cell_is_cleared_and_a_new_one_checked(client: LspClient, project: Path) -> None:
    notebook = (project / "explore.ipynb").as_uri()
    cells = _open(client, notebook, [(2, "python", IMPORTS), (2, "python", BODY)])
    assert client.diagnostics(cells[1], 1)
    new = f"vscode-notebook-cell:{notebook}#new"
    client.notify(
        "notebookDocument/didChange",
        {
            "notebookDocument": {"uri": notebook, "version": 2},
            "change": {
                "cells": {
                    "structure": {
                        "array": {
                            "start": 1,
                            "deleteCount": 1,
                            "cells": [{"kind": 2, "document": new}],
                        },
                        "didOpen": [
                            {
                                "uri": new,
                                "languageId": "python",
                                "version": 1,
                                "text": BODY.replace("sigmoid", "softmax"),
                            }
                        ],
                        "didClose": [{"uri": cells[1]}],
                    }
                }
            },
        },
    )
    assert [d.code for d in client.diagnostics(new, 1)] == ["LRC302"]
    assert list(client.published(cells[1])[-1].diagnostics) == []


def test_closing_the_notebook_clears_every_cell(client: LspClient, project: Path) -> None:
    notebook = (project / "explore.ipynb").as_uri()
    cells = _open(client, notebook, [(2, "python", IMPORTS), (2, "python", BODY)])
    assert client.diagnostics(cells[1], 1)
    count = len(client.published(cells[1]))
    client.notify(
        "notebookDocument/didClose",
        {"notebookDocument": {"uri": notebook}, "cellTextDocuments": [{"uri": u} for u in cells]},
    )
    assert client.diagnostics(cells[1], after=count) == []


def test_per_file_ignores_apply_to_the_notebooks_path(client: LspClient, project: Path) -> None:
    (project / "lrcheck.toml").write_text('[per-file-ignores]\n"*.ipynb" = ["LRC302"]\n')
    notebook = (project / "explore.ipynb").as_uri()
    cells = _open(client, notebook, [(2, "python", IMPORTS), (2, "python", BODY)])
    assert [d.code for d in client.diagnostics(cells[1], 1)] == ["LRC101"]
