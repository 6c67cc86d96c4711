"""``lrcheck server`` end to end: a client drives the real server over stdio as an editor does."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from tests.server.conftest import SCRIPT
from tests.server.lsp_client import CAPABILITIES, LspClient


def _codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def _at(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    return next(d for d in diagnostics if d.code == code)


def _edit(
    line: int, start: int, end: int, text: str, end_line: int | None = None
) -> dict[str, object]:
    return {
        "range": {
            "start": {"line": line, "character": start},
            "end": {"line": line if end_line is None else end_line, "character": end},
        },
        "text": text,
    }


def test_the_server_announces_what_it_does(project: Path) -> None:
    lsp = LspClient(project)
    try:
        result = lsp.initialize(project)
        capabilities = result["capabilities"]
        assert result["serverInfo"]["name"] == "lrcheck"
        assert capabilities["positionEncoding"] == "utf-16"
        assert capabilities["textDocumentSync"] == {"openClose": True, "change": 2, "save": True}
        assert capabilities["codeActionProvider"] == {
            "codeActionKinds": ["quickfix", "source.fixAll.lrcheck"],
            "resolveProvider": True,
        }
        assert capabilities["notebookDocumentSync"]["notebookSelector"] == [
            {"notebook": "*", "cells": [{"language": "python"}]}
        ]
        # It watches the configuration files, since the client can be asked to.
        registration = lsp.wait(lambda: lsp.server_requests)[0]
        assert registration["method"] == "client/registerCapability"
        watchers = registration["params"]["registrations"][0]["registerOptions"]["watchers"]
        assert {w["globPattern"] for w in watchers} == {
            "**/pyproject.toml",
            "**/.lrcheck.toml",
            "**/lrcheck.toml",
        }
        assert lsp.shutdown_and_exit() == 0
    finally:
        lsp.close()


def test_no_notebook_sync_for_a_client_without_notebooks(project: Path) -> None:
    lsp = LspClient(project)
    try:
        capabilities = {k: v for k, v in CAPABILITIES.items() if k != "notebookDocument"}
        result = lsp.initialize(project, capabilities)
        assert "notebookDocumentSync" not in result["capabilities"]
    finally:
        lsp.close()


def test_open_publishes_the_findings_of_the_buffer(client: LspClient, project: Path) -> None:
    path = project / "train.py"
    path.write_text("print('the saved file has nothing to find')\n")
    client.open(path.as_uri(), SCRIPT)
    diagnostics = client.diagnostics(path.as_uri(), 1)
    assert _codes(diagnostics) == ["LRC101", "LRC302"]
    sigmoid = _at(diagnostics, "LRC101")
    line = SCRIPT.splitlines()[3]
    assert sigmoid.range == types.Range(
        types.Position(3, line.index('"sigmoid"')), types.Position(3, line.index('"sigmoid"') + 9)
    )
    assert sigmoid.severity == types.DiagnosticSeverity.Error
    assert sigmoid.source == "lrcheck"
    assert "softmax" in sigmoid.message


def test_columns_count_utf16_units_after_non_ascii_and_astral_characters(
    client: LspClient, project: Path
) -> None:
    uri = (project / "train.py").as_uri()
    # "é" is one UTF-16 unit, "😀" two, "𝔘" two: the flagged string starts at character 52
    # of its line but at UTF-16 unit 56.
    prefix = 'note = "é😀𝔘"; layer = layers.Dense(3, activation='
    flagged = SCRIPT.splitlines()[3]
    text = SCRIPT.replace(
        flagged,
        f'{prefix}"sigmoid"); model = keras.Sequential([keras.Input(shape=(4,)), layer])',
    )
    client.open(uri, text)
    sigmoid = _at(client.diagnostics(uri, 1), "LRC101")
    start = len(prefix.encode("utf-16-le")) // 2
    assert start == len(prefix) + 2
    assert sigmoid.range == types.Range(types.Position(3, start), types.Position(3, start + 9))


def test_a_client_preferring_utf8_gets_byte_columns(project: Path) -> None:
    lsp = LspClient(project)
    try:
        capabilities = {**CAPABILITIES, "general": {"positionEncodings": ["utf-8", "utf-16"]}}
        assert lsp.initialize(project, capabilities)["capabilities"]["positionEncoding"] == "utf-8"
        uri = (project / "train.py").as_uri()
        lsp.open(uri, SCRIPT)
        line = SCRIPT.splitlines()[3]
        assert _at(lsp.diagnostics(uri, 1), "LRC101").range.start.character == line.index('"sig')
        # An edit in UTF-8 columns: 's = "é😀"; ' is 10 characters but 14 bytes.
        inserted = 's = "é😀"; '
        lsp.change(uri, 2, _edit(3, 0, 0, inserted))
        moved = _at(lsp.diagnostics(uri, 2), "LRC101")
        assert moved.range.start.character == line.index('"sigmoid"') + 14
        # And the server placed the edit where the client meant: after the inserted text.
        lsp.change(uri, 3, _edit(3, 14, 14, "t = 1; "))
        again = _at(lsp.diagnostics(uri, 3), "LRC101")
        assert again.range.start.character == line.index('"sigmoid"') + 14 + len("t = 1; ")
    finally:
        lsp.close()


def test_changes_are_checked_from_the_unsaved_buffer(client: LspClient, project: Path) -> None:
    path = project / "train.py"
    path.write_text(SCRIPT)
    uri = path.as_uri()
    client.open(uri, SCRIPT)
    assert _codes(client.diagnostics(uri, 1)) == ["LRC101", "LRC302"]
    line = SCRIPT.splitlines()[3]
    start = line.index("sigmoid")
    client.change(uri, 2, _edit(3, start, start + len("sigmoid"), "softmax"))
    assert _codes(client.diagnostics(uri, 2)) == ["LRC302"]
    assert path.read_text() == SCRIPT  # nothing was written


def test_a_burst_of_changes_is_checked_at_its_last_version(
    client: LspClient, project: Path
) -> None:
    uri = (project / "train.py").as_uri()
    client.open(uri, SCRIPT)
    client.diagnostics(uri, 1)
    line = SCRIPT.splitlines()[4]
    at = line.index("lr=")
    # Typing "learning_rate" over "lr", one keystroke a change.
    client.change(uri, 2, _edit(4, at, at + 2, ""))
    for version, character in enumerate("learning_rate", start=3):
        client.change(uri, version, _edit(4, at, at, character))
        at += 1
    final = 2 + len("learning_rate")
    assert _codes(client.diagnostics(uri, final)) == ["LRC101"]
    versions = [p.version or 0 for p in client.published(uri)]
    assert versions == sorted(versions) and versions[-1] == final
    # Far fewer checks than keystrokes.
    assert len(versions) < len("learning_rate")


def test_a_syntax_error_while_typing_is_one_lrc000_and_the_server_goes_on(
    client: LspClient, project: Path
) -> None:
    uri = (project / "train.py").as_uri()
    client.open(uri, SCRIPT)
    client.diagnostics(uri, 1)
    # Half-way through typing a call.
    client.change(uri, 2, _edit(5, 0, 0, "model.fit(x, \n"))
    [error] = client.diagnostics(uri, 2)
    assert error.code == "LRC000" and "never closed" in error.message
    assert error.range.start == types.Position(5, 9)
    assert error.range.end == types.Position(5, 10)
    client.change(uri, 3, _edit(5, 13, 13, "epochs=1)"))
    assert _codes(client.diagnostics(uri, 3)) == ["LRC101", "LRC302"]
    assert client.alive


def test_save_checks_again_with_the_configuration_as_it_now_is(
    client: LspClient, project: Path
) -> None:
    path = project / "train.py"
    path.write_text(SCRIPT)
    client.open(path.as_uri(), SCRIPT)
    assert _codes(client.diagnostics(path.as_uri(), 1)) == ["LRC101", "LRC302"]
    count = len(client.published(path.as_uri()))
    (project / "pyproject.toml").write_text('[tool.lrcheck]\nignore = ["LRC101"]\n')
    client.save(path.as_uri())
    assert _codes(client.diagnostics(path.as_uri(), after=count)) == ["LRC302"]


def test_a_changed_configuration_file_rechecks_open_documents(
    client: LspClient, project: Path
) -> None:
    uri = (project / "train.py").as_uri()
    client.open(uri, SCRIPT)
    assert _codes(client.diagnostics(uri, 1)) == ["LRC101", "LRC302"]
    count = len(client.published(uri))
    config = project / "lrcheck.toml"
    config.write_text('ignore = ["LRC302"]\n')
    client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 1}]}
    )
    assert _codes(client.diagnostics(uri, after=count)) == ["LRC101"]


def test_ignore_and_per_file_ignores_follow_the_documents_path(
    client: LspClient, project: Path
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.lrcheck]\nignore = ["LRC302"]\n'
        '[tool.lrcheck.per-file-ignores]\n"notebooks/*" = ["LRC101"]\n'
    )
    (project / "notebooks").mkdir()
    kept, ignored = project / "train.py", project / "notebooks" / "explore.py"
    client.open(kept.as_uri(), SCRIPT)
    client.open(ignored.as_uri(), SCRIPT)
    assert _codes(client.diagnostics(kept.as_uri(), 1)) == ["LRC101"]
    assert _codes(client.diagnostics(ignored.as_uri(), 1)) == []


def test_an_excluded_file_gets_no_diagnostics(client: LspClient, project: Path) -> None:
    (project / "lrcheck.toml").write_text('extend-exclude = ["third_party"]\n')
    uri = (project / "third_party" / "train.py").as_uri()
    client.open(uri, SCRIPT)
    assert client.diagnostics(uri, 1) == []


def test_a_broken_configuration_is_shown_once_and_on_the_document(
    client: LspClient, project: Path
) -> None:
    (project / "lrcheck.toml").write_text('selct = ["LRC1"]\n')
    first, second = project / "a.py", project / "b.py"
    client.open(first.as_uri(), SCRIPT)
    client.open(second.as_uri(), SCRIPT)
    [problem] = client.diagnostics(first.as_uri(), 1)
    assert problem.code == "LRC000"
    assert "unknown key 'selct'" in problem.message and "did you mean" in problem.message
    client.diagnostics(second.as_uri(), 1)
    shown = client.notifications("window/showMessage")
    assert len(shown) == 1 and "selct" in shown[0]["message"]
    assert shown[0]["type"] == types.MessageType.Error.value


def test_documents_in_other_languages_are_left_alone(client: LspClient, project: Path) -> None:
    notes = (project / "NOTES.md").as_uri()
    client.open(notes, "Try `import keras` and `model.fit(x,` here.\n", language="markdown")
    script = (project / "train.py").as_uri()
    client.open(script, SCRIPT)
    assert client.diagnostics(script, 1)
    # Checks run in order: had the notes been checked, they would have been published first.
    assert client.published(notes) == []


def test_an_unsaved_buffer_is_checked(client: LspClient) -> None:
    uri = "untitled:Untitled-1"
    client.open(uri, SCRIPT)
    assert _codes(client.diagnostics(uri, 1)) == ["LRC101", "LRC302"]


def test_close_clears_the_documents_diagnostics(client: LspClient, project: Path) -> None:
    uri = (project / "train.py").as_uri()
    client.open(uri, SCRIPT)
    assert client.diagnostics(uri, 1)
    count = len(client.published(uri))
    client.close_document(uri)
    assert client.diagnostics(uri, after=count) == []
    # A change to a closed document is ignored, not a crash.
    client.change(uri, 2, _edit(0, 0, 0, "#"))
    assert client.request("shutdown") is None


def test_shutdown_then_exit_ends_the_server_and_its_worker(
    client: LspClient, project: Path
) -> None:
    uri = (project / "train.py").as_uri()
    client.open(uri, SCRIPT)
    client.diagnostics(uri, 1)
    children = _children(client.process.pid)
    assert len(children) == 1  # the worker
    assert client.shutdown_and_exit() == 0
    assert all(not Path(f"/proc/{pid}").exists() or _zombie(pid) for pid in children)
    assert "Traceback" not in client.stderr()


def test_exit_without_shutdown_exits_1(client: LspClient) -> None:
    client.notify("exit")
    assert client.process.wait(60) == 1


def test_requests_after_shutdown_are_refused(client: LspClient) -> None:
    assert client.request("shutdown") is None
    client.notify("exit")
    assert client.process.wait(60) == 0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True
