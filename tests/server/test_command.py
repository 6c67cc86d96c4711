"""``lrcheck server`` as a command: its options, without pygls, and without TensorFlow."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pytest_lrcheck.cli import main

HEAVY = ("tensorflow", "keras", "tf_keras")
needs_pygls = pytest.mark.skipif(
    importlib.util.find_spec("pygls") is None, reason="the language server needs the 'lsp' extra"
)


def test_help_names_the_transport_and_the_setup_guide(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["server", "--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    assert "usage: lrcheck server" in shown
    assert "--stdio" in shown and "docs/editors.md" in shown


def test_a_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["server", "--log-level", "loud"])
    assert stopped.value.code == 2
    assert "invalid choice: 'loud'" in capsys.readouterr().err


def test_without_pygls_one_line_names_the_extra_and_exits_2(tmp_path: Path) -> None:
    # pygls and lsprotocol hidden, as in an install without the 'lsp' extra.
    code = textwrap.dedent(
        """
        import sys

        class Hide:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("pygls", "lsprotocol"):
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)
                return None

        sys.meta_path.insert(0, Hide())
        from pytest_lrcheck.cli import main
        raise SystemExit(main(["server"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "lrcheck server: error: pygls is not installed; install the language server "
        "with: pip install 'pytest-lrcheck[lsp]'\n"
    )


@needs_pygls
def test_the_server_and_its_worker_never_import_tensorflow(tmp_path: Path) -> None:
    from tests.server.conftest import SCRIPT
    from tests.server.lsp_client import LspClient, everything

    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    log = tmp_path / "imports.log"
    script = _console_script()
    lsp = LspClient(tmp_path, command=[script, "server"], env=env, stderr=log)
    try:
        lsp.initialize(tmp_path)
        uri = (tmp_path / "train.py").as_uri()
        lsp.open(uri, SCRIPT)
        lsp.diagnostics(uri, 1)
        [action] = lsp.code_actions(uri, everything(), only=["source.fixAll"])
        assert lsp.resolve(action).edit is not None  # a fix: libcst loaded in the worker
        assert lsp.shutdown_and_exit() == 0
    finally:
        lsp.close()
    imported = re.findall(r"^import time:.*\|\s*(\S+)\s*$", log.read_text(), flags=re.MULTILINE)
    # The witness works: both processes are listed, with what each loads.
    assert "pygls.lsp.server" in imported  # the server
    assert "pytest_lrcheck.lint.facts" in imported and "libcst" in imported  # the worker
    heavy = sorted({name for name in imported if name.split(".")[0] in HEAVY})
    assert heavy == [], f"imported: {heavy}"


def _console_script() -> str:
    script = Path(sys.executable).with_name("lrcheck.exe" if os.name == "nt" else "lrcheck")
    if not script.is_file():
        pytest.skip("the lrcheck console script is not installed in this environment")
    return str(script)
