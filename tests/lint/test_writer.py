"""Writing fixed files and cache entries: no byte of the user's lost, nothing left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pytest_lrcheck.lint import writer
from pytest_lrcheck.lint.writer import WriteError, create_marker, write_fixed, write_private


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".lrcheck-tmp"))


def test_replaces_the_content_and_keeps_the_mode(tmp_path: Path):
    path = tmp_path / "train.py"
    path.write_bytes(b"old\n")
    path.chmod(0o751)
    write_fixed(path, b"new\r\n", expected=b"old\n")
    assert path.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert leftovers(tmp_path) == []


def test_a_deleted_file_is_not_created_again(tmp_path: Path):
    with pytest.raises(WriteError, match="it was deleted while it was being fixed"):
        write_fixed(tmp_path / "gone.py", b"x = 1\n", expected=b"x = 0\n")
    assert list(tmp_path.iterdir()) == []


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
        write_fixed(path, b"fixed\n", expected=original)
    assert path.read_bytes() == original
    assert leftovers(tmp_path) == []


def test_failing_flush_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "train.py"
    path.write_bytes(b"original\n")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(writer.os, "fsync", broken_fsync)
    with pytest.raises(WriteError, match="Input/output error; the file is unchanged"):
        write_fixed(path, b"fixed\n", expected=b"original\n")
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
        write_fixed(path, b"fixed\n", expected=b"original\n")
    assert path.read_bytes() == b"original\n"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_stays_a_link_to_the_rewritten_target(tmp_path: Path):
    target = tmp_path / "real.py"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.py"
    link.symlink_to(target)
    write_fixed(link, b"new\n", expected=b"old\n")
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
            write_fixed(path, b"new\n", expected=b"old\n")
        assert path.read_bytes() == b"old\n"
    finally:
        folder.chmod(0o700)


def test_an_edit_saved_meanwhile_wins_over_the_fix(tmp_path: Path):
    path = tmp_path / "train.py"
    path.write_bytes(b"x = 1\n# my edit\n")
    with pytest.raises(WriteError, match="it changed while it was being fixed"):
        write_fixed(path, b"x = 2\n", expected=b"x = 1\n")
    assert path.read_bytes() == b"x = 1\n# my edit\n"
    assert leftovers(tmp_path) == []


def test_a_read_only_file_is_left_alone(tmp_path: Path):
    path = tmp_path / "train.py"
    path.write_bytes(b"old\n")
    path.chmod(0o444)
    with pytest.raises(WriteError, match="read-only; make it writable to fix it"):
        write_fixed(path, b"new\n", expected=b"old\n")
    assert path.read_bytes() == b"old\n"


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_hard_links_keep_sharing_the_fixed_content(tmp_path: Path):
    path = tmp_path / "train.py"
    path.write_bytes(b"old\n")
    os.link(path, tmp_path / "other_name.py")
    inode = path.stat().st_ino
    write_fixed(path, b"new\n", expected=b"old\n")
    assert (tmp_path / "other_name.py").read_bytes() == b"new\n"
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "chown") or os.name != "posix", reason="needs owners")
def test_owner_and_group_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "train.py"
    path.write_bytes(b"old\n")
    before = path.stat()
    if os.geteuid() == 0:
        os.chown(path, 1234, 5678)
        before = path.stat()
    else:
        # A file of another owner cannot be given back by a new inode: written in place.
        monkeypatch.setattr(writer.os, "geteuid", lambda: before.st_uid + 1)
    write_fixed(path, b"new\n", expected=b"old\n")
    after = path.stat()
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert path.read_bytes() == b"new\n"


def test_in_place_write_failing_puts_the_original_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "train.py"
    path.write_bytes(b"original\n")
    os.link(path, tmp_path / "other.py")  # forces the write through the same inode
    real_fsync = os.fsync
    calls = []

    def failing_second_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the first is the safety copy's
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(writer.os, "fsync", failing_second_fsync)
    with pytest.raises(WriteError, match="No space left on device; the file is unchanged"):
        write_fixed(path, b"a much longer fixed content\n", expected=b"original\n")
    assert path.read_bytes() == b"original\n"
    assert leftovers(tmp_path) == []


def test_a_name_near_the_length_limit_can_be_fixed(tmp_path: Path):
    path = tmp_path / ("a" * 250 + ".py")
    path.write_bytes(b"old\n")
    write_fixed(path, b"new\n", expected=b"old\n")
    assert path.read_bytes() == b"new\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_private_write_replaces_a_planted_link_instead_of_its_target(tmp_path: Path):
    precious = tmp_path / "precious.txt"
    precious.write_bytes(b"my notes\n")
    entry = tmp_path / "entry.json"
    entry.symlink_to(precious)
    write_private(entry, b"{}")
    assert precious.read_bytes() == b"my notes\n"
    assert not entry.is_symlink() and entry.read_bytes() == b"{}"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_marker_is_not_written_through_a_dangling_link(tmp_path: Path):
    outside = tmp_path / "outside.txt"
    tag = tmp_path / "CACHEDIR.TAG"
    tag.symlink_to(outside)
    create_marker(tag, b"Signature\n")
    assert not outside.exists()
    create_marker(tmp_path / "fresh", b"Signature\n")
    assert (tmp_path / "fresh").read_bytes() == b"Signature\n"


@pytest.mark.skipif(not hasattr(os, "fchown"), reason="needs owners")
def test_without_the_right_to_set_the_owner_the_file_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "train.py"
    path.write_bytes(b"old\n")
    inode = path.stat().st_ino

    def no_chown(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(writer.os, "fchown", no_chown)
    write_fixed(path, b"new\n", expected=b"old\n")
    assert path.read_bytes() == b"new\n" and path.stat().st_ino == inode
    assert leftovers(tmp_path) == []
