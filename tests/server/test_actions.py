"""Code actions end to end: offered, resolved, applied by the client, and the finding gone."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from tests.server.conftest import SCRIPT
from tests.server.lsp_client import CAPABILITIES, CONVERTER, LspClient, apply_edit, everything


def _line_range(line: int) -> types.Range:
    """A selection of the whole line."""
    return types.Range(types.Position(line, 0), types.Position(line + 1, 0))


def _cursor(line: int, character: int) -> types.Range:
    return types.Range(types.Position(line, character), types.Position(line, character))


def _single_edit(action: types.CodeAction) -> tuple[str, int | None, types.TextEdit]:
    """The one text edit of an action, with the document and version it is for."""
    assert action.edit is not None and action.edit.document_changes
    [change] = action.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    [edit] = change.edits
    assert isinstance(edit, types.TextEdit)
    return change.text_document.uri, change.text_document.version, edit


def _apply(client: LspClient, uri: str, text: str, version: int, action: types.CodeAction) -> str:
    """Apply an action's edit as the editor does: the buffer changes, the server hears of it."""
    target, for_version, edit = _single_edit(action)
    assert (target, for_version) == (uri, version)
    client.change(
        uri, version + 1, {"range": CONVERTER.unstructure(edit.range), "text": edit.new_text}
    )
    return apply_edit(text, edit)


def test_a_safe_fix_is_preferred_and_an_unsafe_one_says_so(
    client: LspClient, project: Path
) -> None:
    uri = (project / "train.py").as_uri()
    client.open(uri, SCRIPT)
    client.diagnostics(uri, 1)
    actions = client.code_actions(uri, everything())
    titles = {a.title: a for a in actions}
    assert set(titles) == {
        "Use activation='softmax' (LRC101; unsafe fix: changes what the code does)",
        "Disable LRC101 for this line",
        "Rename lr= to learning_rate= (LRC302)",
        "Disable LRC302 for this line",
        "Fix all safe lrcheck problems",
    }
    safe = titles["Rename lr= to learning_rate= (LRC302)"]
    unsafe = titles["Use activation='softmax' (LRC101; unsafe fix: changes what the code does)"]
    assert safe.is_preferred is True and unsafe.is_preferred is not True
    assert safe.kind == unsafe.kind == types.CodeActionKind.QuickFix
    assert titles["Fix all safe lrcheck problems"].kind == "source.fixAll.lrcheck"
    assert [d.code for d in safe.diagnostics or ()] == ["LRC302"]
    # The client resolves edits: none is computed until one is chosen.
    assert all(a.edit is None for a in actions)


def test_only_the_actions_for_the_requested_range_and_kind(
    client: LspClient, project: Path
) -> None:
    uri = (project / "train.py").as_uri()
    client.open(uri, SCRIPT)
    client.diagnostics(uri, 1)
    on_compile = client.code_actions(uri, _line_range(4))
    assert {a.title for a in on_compile} == {
        "Rename lr= to learning_rate= (LRC302)",
        "Disable LRC302 for this line",
        "Fix all safe lrcheck problems",
    }
    # A cursor inside the flagged code, as VS Code asks.
    at_sigmoid = client.code_actions(uri, _cursor(3, SCRIPT.splitlines()[3].index("sigmoid")))
    assert {a.title for a in at_sigmoid} - {"Fix all safe lrcheck problems"} == {
        "Use activation='softmax' (LRC101; unsafe fix: changes what the code does)",
        "Disable LRC101 for this line",
    }
    # A cursor elsewhere on the line with the line's diagnostics, as Neovim asks.
    diagnostics = client.diagnostics(uri, 1)
    on_line = [d for d in diagnostics if d.range.start.line == 4]
    from_neovim = client.code_actions(uri, _cursor(4, 0), diagnostics=on_line)
    assert {a.title for a in from_neovim} == {a.title for a in on_compile}
    assert [a.kind for a in client.code_actions(uri, _cursor(0, 0))] == ["source.fixAll.lrcheck"]
    fix_all_only = client.code_actions(uri, everything(), only=["source.fixAll"])
    assert [a.title for a in fix_all_only] == ["Fix all safe lrcheck problems"]
    assert client.code_actions(uri, everything(), only=["refactor"]) == []


def test_a_quick_fix_applied_and_its_diagnostic_gone(client: LspClient, project: Path) -> None:
    path = project / "train.py"
    uri = path.as_uri()
    # Non-ASCII and astral characters before the fixed code, on the same line.
    text = SCRIPT.replace("model.compile(", 'note = "é😀"; model.compile(')
    client.open(uri, text)
    client.diagnostics(uri, 1)
    [action] = [
        a for a in client.code_actions(uri, _line_range(4)) if a.title.startswith("Rename lr=")
    ]
    resolved = client.resolve(action)
    _, _, edit = _single_edit(resolved)
    assert edit.new_text == "learning_rate"  # a small edit, not the whole document
    fixed = _apply(client, uri, text, 1, resolved)
    assert fixed == text.replace("SGD(lr=", "SGD(learning_rate=")
    assert [d.code for d in client.diagnostics(uri, 2)] == ["LRC101"]
    assert not path.exists()  # the server never writes: the editor applies edits


def test_an_unsafe_fix_applied(client: LspClient, project: Path) -> None:
    uri = (project / "train.py").as_uri()
    client.open(uri, SCRIPT)
    client.diagnostics(uri, 1)
    [action] = [a for a in client.code_actions(uri, _line_range(3)) if "softmax" in a.title]
    fixed = _apply(client, uri, SCRIPT, 1, client.resolve(action))
    assert fixed == SCRIPT.replace('"sigmoid"', '"softmax"')
    assert [d.code for d in client.diagnostics(uri, 2)] == ["LRC302"]


def test_disable_for_this_line_adds_a_noqa_comment(client: LspClient, project: Path) -> None:
    uri = (project / "train.py").as_uri()
    client.open(uri, SCRIPT)
    client.diagnostics(uri, 1)
    [action] = [a for a in client.code_actions(uri, _line_range(3)) if a.title.startswith("Dis")]
    fixed = _apply(client, uri, SCRIPT, 1, client.resolve(action))
    assert fixed.splitlines()[3].endswith('"sigmoid")])  # noqa: LRC101')
    assert [d.code for d in client.diagnostics(uri, 2)] == ["LRC302"]


def test_fix_all_applies_every_safe_fix_and_no_unsafe_one(client: LspClient, project: Path) -> None:
    uri = (project / "train.py").as_uri()
    text = SCRIPT + "opt = keras.optimizers.Adam(lr=0.01)\n"
    client.open(uri, text)
    client.diagnostics(uri, 1)
    [action] = client.code_actions(uri, everything(), only=["source.fixAll"])
    fixed = _apply(client, uri, text, 1, client.resolve(action))
    assert fixed == text.replace("(lr=", "(learning_rate=")
    assert [d.code for d in client.diagnostics(uri, 2)] == ["LRC101"]


def test_an_action_for_an_older_version_resolves_to_no_edit(
    client: LspClient, project: Path
) -> None:
    uri = (project / "train.py").as_uri()
    client.open(uri, SCRIPT)
    client.diagnostics(uri, 1)
    [action] = client.code_actions(uri, everything(), only=["source.fixAll"])
    client.change(uri, 2, {"range": CONVERTER.unstructure(_line_range(0)), "text": "i"})
    assert client.resolve(action).edit is None


def test_a_client_that_cannot_resolve_gets_edits_at_once(project: Path) -> None:
    lsp = LspClient(project)
    try:
        code_action = {
            k: v
            for k, v in CAPABILITIES["textDocument"]["codeAction"].items()
            if k != "resolveSupport"
        }
        capabilities = {
            **CAPABILITIES,
            "textDocument": {**CAPABILITIES["textDocument"], "codeAction": code_action},
            "workspace": {},  # no versioned document changes either
        }
        lsp.initialize(project, capabilities)
        uri = (project / "train.py").as_uri()
        lsp.open(uri, SCRIPT)
        lsp.diagnostics(uri, 1)
        actions = lsp.code_actions(uri, _line_range(4))
        # Fixing the whole file on every cursor move is not done unless asked for.
        assert {a.title for a in actions} == {
            "Rename lr= to learning_rate= (LRC302)",
            "Disable LRC302 for this line",
        }
        fix = next(a for a in actions if a.title.startswith("Rename"))
        assert fix.edit is not None and fix.edit.changes is not None
        [edit] = fix.edit.changes[uri]
        assert apply_edit(SCRIPT, edit) == SCRIPT.replace("SGD(lr=", "SGD(learning_rate=")
        invoked = lsp.code_actions(uri, _line_range(0), triggerKind=1)
        assert [a.title for a in invoked] == ["Fix all safe lrcheck problems"]
        assert invoked[0].edit is not None
    finally:
        lsp.close()


def test_no_actions_for_a_document_the_server_does_not_know(
    client: LspClient, project: Path
) -> None:
    assert client.code_actions((project / "other.py").as_uri(), everything()) == []
