"""A fix interrupted at any point leaves the original file byte-identical.

In-process: the rename fails, the flush fails, or the user presses Ctrl-C, for Python files
and notebooks, with other files in the same run.  Out of process: ``lrcheck --unsafe-fixes``
is killed (SIGKILL, nothing can clean up) while it writes, and before the rename.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pytest_lrcheck.cli import main
from pytest_lrcheck.lint import writer

SCRIPT = (
    "import tensorflow as tf\r\n"
    "from tensorflow import keras\r\n"
    "\r\n"
    "# A comment, CRLF line endings and a BOM: all must survive a failed write.\r\n"
    "model = keras.Sequential([keras.Input(shape=(4,)), "
    "keras.layers.Dense(3, activation='sigmoid')])\r\n"
    "model.compile(optimizer='adam', loss='categorical_crossentropy')\r\n"
)
ORIGINAL = b"\xef\xbb\xbf" + SCRIPT.encode()
NOTEBOOK = json.dumps(
    {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {},
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ["ok\n"]}],
                "source": SCRIPT.replace("\r\n", "\n").splitlines(keepends=True),
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    },
    indent=1,
).encode()


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "train.py").write_bytes(ORIGINAL)
    (tmp_path / "report.ipynb").write_bytes(NOTEBOOK)
    return tmp_path


def run(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["--no-cache", "--unsafe-fixes", "--output-format", "concise", str(folder)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("where", "error"),
    [
        ("replace", OSError(18, "Invalid cross-device link")),
        ("fsync", OSError(28, "No space left on device")),
    ],
)
def test_a_failed_write_leaves_every_file_byte_identical(
    project: Path, capsys, monkeypatch: pytest.MonkeyPatch, where: str, error: OSError
):
    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(writer.os, where, fail)
    status, out, err = run(project, capsys)
    assert status == 1  # the findings remain
    assert (project / "train.py").read_bytes() == ORIGINAL
    assert (project / "report.ipynb").read_bytes() == NOTEBOOK
    assert files_in(project) == ["report.ipynb", "train.py"]
    for name in ("report.ipynb", "train.py"):
        assert f"lrcheck: warning: cannot write {project / name}: {error.strerror}" in err
    assert "LRC101" in out and "fixed" not in out


def test_only_the_file_whose_write_failed_is_left_as_it_was(project: Path, capsys, monkeypatch):
    real = writer.os.replace

    def fail_for_the_notebook(source: str, target: str) -> None:
        if str(target).endswith(".ipynb"):
            raise OSError(5, "Input/output error")
        real(source, target)

    monkeypatch.setattr(writer.os, "replace", fail_for_the_notebook)
    status, _, err = run(project, capsys)
    assert status == 1
    assert (project / "report.ipynb").read_bytes() == NOTEBOOK
    fixed = (project / "train.py").read_bytes()
    assert fixed == ORIGINAL.replace(b"'sigmoid'", b"'softmax'")
    assert files_in(project) == ["report.ipynb", "train.py"]
    assert "Input/output error" in err


def test_ctrl_c_during_the_write_exits_130_with_the_file_intact(project: Path, capsys, monkeypatch):
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", interrupted)
    status, _, _ = run(project, capsys)
    assert status == 130
    assert (project / "train.py").read_bytes() == ORIGINAL
    assert (project / "report.ipynb").read_bytes() == NOTEBOOK
    assert files_in(project) == ["report.ipynb", "train.py"]


# The command in a child process whose write is cut short by SIGKILL at ``point``: "write"
# after half of the new content reached the temporary file, "rename" just before the rename.
KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pytest_lrcheck.lint import writer

    point = sys.argv[1]

    def die(*args):
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "rename":
        writer.os.replace = die
    else:
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, stream):
                self.stream = stream

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

            def write(self, data):
                self.stream.write(data[: len(data) // 2])
                self.stream.flush()
                die()

        def fdopen(fd, mode="r", *args, **kwargs):
            stream = real_fdopen(fd, mode, *args, **kwargs)
            return HalfWriter(stream) if mode == "wb" else stream

        writer.os.fdopen = fdopen

    from pytest_lrcheck.cli import main

    sys.exit(main(["--no-cache", "--unsafe-fixes", *sys.argv[2:]]))
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("point", ["write", "rename"])
@pytest.mark.parametrize("name", ["train.py", "report.ipynb"])
def test_a_killed_fix_leaves_the_original_byte_identical(project: Path, point: str, name: str):
    original = (project / name).read_bytes()
    child = subprocess.run(
        [sys.executable, "-c", KILLER, point, str(project / name)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert (project / name).read_bytes() == original
    leftovers = [n for n in files_in(project) if n not in ("train.py", "report.ipynb")]
    assert all(n.startswith(f".{name}.") and n.endswith(".lrcheck-tmp") for n in leftovers)
    # What the kill left behind is not mistaken for a file to check, and fixing works again.
    status = subprocess.run(
        [sys.executable, "-m", "pytest_lrcheck", "--no-cache", "--unsafe-fixes", str(project)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert status.returncode == 0, status.stdout.decode() + status.stderr.decode()
    assert b"'softmax'" in (project / name).read_bytes()
