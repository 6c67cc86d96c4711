"""Atomic writes: the new bytes or the old ones, never a mixture, and nothing left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pytest_lrcheck.lint import writer
from pytest_lrcheck.lint.writer import WriteError, write_atomic


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".lrcheck-tmp"))


def test_replaces_the_content_and_keeps_the_mode(tmp_path: Path):
    path = tmp_path / "train.py"
    path.write_bytes(b"old\n")
    path.chmod(0o751)
    write_atomic(path, b"new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert leftovers(tmp_path) == []


def test_creates_a_missing_file(tmp_path: Path):
    write_atomic(tmp_path / "new.py", b"x = 1\n")
    assert (tmp_path / "new.py").read_bytes() == b"x = 1\n"


def test_failing_rename_leaves_the_original_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "train.py"
    original = b"\xef\xbb\xbfimport keras\r\n"
    path.write_bytes(original)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", broken_replace)
    with pytest.raises(WriteError, match=r"cannot write .*train.py: No space left on device"):
        write_atomic(path, b"fixed\n")
    assert path.read_bytes() == original
    assert leftovers(tmp_path) == []


def test_failing_flush_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "train.py"
    path.write_bytes(b"original\n")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(writer.os, "fsync", broken_fsync)
    with pytest.raises(WriteError, match="Input/output error; the file is unchanged"):
        write_atomic(path, b"fixed\n")
    assert path.read_bytes() == b"original\n"
    assert leftovers(tmp_path) == []


def test_interrupt_during_the_write_cleans_up_and_propagates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "train.py"
    path.write_bytes(b"original\n")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"fixed\n")
    assert path.read_bytes() == b"original\n"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_stays_a_link_to_the_rewritten_target(tmp_path: Path):
    target = tmp_path / "real.py"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.py"
    link.symlink_to(target)
    write_atomic(link, b"new\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"new\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_directory_is_a_clear_error(tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "train.py"
    path.write_bytes(b"old\n")
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match=r"cannot write .*train\.py"):
            write_atomic(path, b"new\n")
        assert path.read_bytes() == b"old\n"
    finally:
        folder.chmod(0o700)
