"""Open documents kept up to date from the client's changes: text and notebooks."""

from __future__ import annotations

from lsprotocol import types

from pytest_lrcheck.server.buffers import NotebookBuffer, apply_changes, path_of


def _edit(
    line: int, start: int, end_line: int, end: int, text: str
) -> types.TextDocumentContentChangePartial:
    where = types.Range(types.Position(line, start), types.Position(end_line, end))
    return types.TextDocumentContentChangePartial(range=where, text=text)


def test_incremental_changes_apply_in_order() -> None:
    text = "abc\ndef\n"
    changes = [_edit(0, 1, 0, 2, "X"), _edit(1, 0, 1, 0, ">")]
    assert apply_changes(text, changes, "utf-16") == "aXc\n>def\n"


def test_a_whole_document_change_replaces_the_text() -> None:
    change = types.TextDocumentContentChangeWholeDocument(text="new")
    assert apply_changes("old", [change, _edit(0, 3, 0, 3, "!")], "utf-16") == "new!"


def test_columns_are_utf16_units_after_astral_characters() -> None:
    assert apply_changes("😀ab\n", [_edit(0, 2, 0, 3, "X")], "utf-16") == "😀Xb\n"
    assert apply_changes("😀ab\n", [_edit(0, 4, 0, 5, "X")], "utf-8") == "😀Xb\n"


def test_form_feeds_and_unicode_separators_do_not_shift_lines() -> None:
    # str.splitlines would see four lines here; LSP and Python see two.
    text = "a = 1\x0c\u2028# é\nb = 2\n"
    assert apply_changes(text, [_edit(1, 0, 1, 1, "c")], "utf-16") == "a = 1\x0c\u2028# é\nc = 2\n"


def test_a_range_across_lines_and_past_the_end() -> None:
    assert apply_changes("ab\r\ncd\nef", [_edit(0, 1, 2, 1, "-")], "utf-16") == "a-f"
    assert apply_changes("ab", [_edit(5, 0, 5, 0, "\nc")], "utf-16") == "ab\nc"


def test_paths_only_for_file_uris() -> None:
    assert path_of("untitled:Untitled-1") is None
    path = path_of("file:///tmp/some%20dir/train.py")
    assert path is not None and path.endswith("some dir/train.py")


def _cell(
    uri: str, kind: types.NotebookCellKind = types.NotebookCellKind.Code
) -> types.NotebookCell:
    return types.NotebookCell(kind=kind, document=uri)


def _item(uri: str, text: str, language: str = "python") -> types.TextDocumentItem:
    return types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)


def _notebook() -> NotebookBuffer:
    params = types.DidOpenNotebookDocumentParams(
        notebook_document=types.NotebookDocument(
            uri="file:///nb.ipynb",
            notebook_type="jupyter-notebook",
            version=1,
            cells=[_cell("c1"), _cell("m1", types.NotebookCellKind.Markup), _cell("c2")],
        ),
        cell_text_documents=[
            _item("c1", "import keras\n"),
            _item("m1", "# Title", "markdown"),
            _item("c2", "x = 1\n"),
        ],
    )
    return NotebookBuffer.opened(params)


def _change(notebook: NotebookBuffer, cells: types.NotebookDocumentCellChanges) -> None:
    notebook.change(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(
                version=2, uri=notebook.uri
            ),
            change=types.NotebookDocumentChangeEvent(cells=cells),
        ),
        "utf-16",
    )


def test_a_notebook_opens_with_every_cell_in_order() -> None:
    notebook = _notebook()
    assert [c.uri for c in notebook.cells] == ["c1", "m1", "c2"]
    assert [c.is_python for c in notebook.cells] == [True, False, True]
    assert notebook.number("c2") == 3


def test_cells_inserted_deleted_and_edited() -> None:
    notebook = _notebook()
    structure = types.NotebookDocumentCellChangeStructure(
        array=types.NotebookCellArrayChange(start=1, delete_count=1, cells=[_cell("c3")]),
        did_open=[_item("c3", "y = 2\n")],
        did_close=[types.TextDocumentIdentifier("m1")],
    )
    content = types.NotebookDocumentCellContentChanges(
        document=types.VersionedTextDocumentIdentifier(version=2, uri="c2"),
        changes=[_edit(0, 4, 0, 5, "3")],
    )
    _change(
        notebook, types.NotebookDocumentCellChanges(structure=structure, text_content=[content])
    )
    assert notebook.version == 2
    assert [(c.uri, c.text) for c in notebook.cells] == [
        ("c1", "import keras\n"),
        ("c3", "y = 2\n"),
        ("c2", "x = 3\n"),
    ]
    assert notebook.cell("c2") is not None and notebook.cell("c2").version == 2  # type: ignore[union-attr]


def test_a_moved_cell_keeps_its_text() -> None:
    notebook = _notebook()
    # Moving c2 to the front: deleted at 2, inserted at 0 (two changes, as VS Code sends them).
    remove = types.NotebookDocumentCellChangeStructure(
        array=types.NotebookCellArrayChange(2, 1, [])
    )
    _change(notebook, types.NotebookDocumentCellChanges(structure=remove))
    insert = types.NotebookDocumentCellChangeStructure(
        array=types.NotebookCellArrayChange(0, 0, [_cell("c2")])
    )
    _change(notebook, types.NotebookDocumentCellChanges(structure=insert))
    assert [(c.uri, c.text) for c in notebook.cells][:2] == [
        ("c2", "x = 1\n"),
        ("c1", "import keras\n"),
    ]


def test_a_cell_whose_kind_changes_is_no_longer_python() -> None:
    notebook = _notebook()
    data = [_cell("c2", types.NotebookCellKind.Markup)]
    _change(notebook, types.NotebookDocumentCellChanges(data=data))
    assert [c.is_python for c in notebook.cells] == [True, False, False]
