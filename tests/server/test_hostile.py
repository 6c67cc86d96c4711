"""Buffers an editor can hold that a training script never is: binary, huge, slow to check."""

from __future__ import annotations

import random
from pathlib import Path

from lsprotocol import types

from tests.server.conftest import SCRIPT
from tests.server.lsp_client import LspClient


def test_a_binary_buffer_is_one_lrc000_and_no_crash(client: LspClient, project: Path) -> None:
    rng = random.Random(0)
    noise = bytes(rng.randrange(256) for _ in range(20_000)).decode("latin-1")
    uri = (project / "weights.py").as_uri()
    client.open(uri, "import keras\n" + noise)
    [diagnostic] = client.diagnostics(uri, 1)
    assert diagnostic.code == "LRC000" and "not checked" in diagnostic.message
    # Lone surrogates are valid JSON escapes but not text: still one finding, no crash.
    other = (project / "surrogates.py").as_uri()
    client.open(other, "import keras\nx = '\ud800\udfff\ud800'\n")
    [diagnostic] = client.diagnostics(other, 1)
    assert diagnostic.code == "LRC000" and "U+D800" in diagnostic.message
    assert client.request("shutdown") is None


def test_a_large_buffer_is_checked(client: LspClient, project: Path) -> None:
    filler = "x = 1\n" * 100_000
    uri = (project / "generated.py").as_uri()
    client.open(uri, filler + SCRIPT)
    diagnostics = client.diagnostics(uri, 1)
    assert sorted((str(d.code), d.range.start.line) for d in diagnostics) == [
        ("LRC101", 100_003),
        ("LRC302", 100_004),
    ]


def test_a_buffer_too_slow_to_check_is_stopped_and_the_server_goes_on(project: Path) -> None:
    lsp = LspClient(project)
    try:
        lsp.initialize(project, initializationOptions={"maxSeconds": 1})
        slow = (project / "slow.py").as_uri()
        lsp.open(slow, SCRIPT * 20000)  # several seconds of work
        quick = (project / "train.py").as_uri()
        lsp.open(quick, SCRIPT)
        [warning] = lsp.diagnostics(slow, 1)
        assert warning.code == "LRC000"
        assert warning.severity == types.DiagnosticSeverity.Warning
        assert "longer than 1 s" in warning.message and "saved" in warning.message
        # The other document is still served.
        assert sorted(str(d.code) for d in lsp.diagnostics(quick, 1)) == ["LRC101", "LRC302"]
        count = len(lsp.published(slow))
        lsp.save(slow)
        assert lsp.diagnostics(slow, after=count)[0].code == "LRC000"
        assert lsp.shutdown_and_exit() == 0
    finally:
        lsp.close()


def test_a_bad_option_is_reported(project: Path) -> None:
    lsp = LspClient(project)
    try:
        lsp.initialize(project, initializationOptions={"maxSeconds": "soon"})
        [message] = lsp.wait(lambda: lsp.notifications("window/showMessage"))
        assert message["message"] == (
            "lrcheck: maxSeconds must be a positive number of seconds, not 'soon'"
        )
    finally:
        lsp.close()
