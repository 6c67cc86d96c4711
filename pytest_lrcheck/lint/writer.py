"""Writing files without losing a byte: fixed user files, and lrcheck's own cache entries.

A fixed file is written only if it still holds exactly the bytes that were fixed (an edit saved
meanwhile, or a deletion, wins over the fix), only if it is writable (a read-only file is left
alone: making it writable is how the user asks), and so that it keeps its mode, owner, group
and hard links.  When a new inode can carry all of that (one link, an owner and group that can
be set back), the new content goes to a temporary file in the same directory (so the rename
cannot cross filesystems), is flushed to disk and replaces the original with ``os.replace``:
readers see the old bytes or the new ones, and a crash leaves the original.  Otherwise the file
is rewritten in place, through the same inode, after a copy of the original has been saved and
read back next to it; the copy is removed when the write succeeded and is what a crash leaves.
A symlink is followed: its target is rewritten, the link stays a link.

Private files (the cache's) are written with a rename that never follows a symlink planted at
their name, and marker files are created only where no name exists yet.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

# Room for the random part and the suffix within the 255 bytes most file systems allow a name.
_NAME_ROOM = 200
_SUFFIX = ".lrcheck-tmp"


class WriteError(Exception):
    """The file could not be written; the original is unchanged.  The message names the file."""


class _CannotOwn(Exception):
    """A new inode cannot be given the original's owner and group (no right to)."""


def write_fixed(path: str | Path, data: bytes, *, expected: bytes) -> None:
    """Replace the content of the user's file ``path``, which was read as ``expected``."""
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
        current = _read(target)
    except FileNotFoundError:
        raise WriteError(f"not writing {path}: it was deleted while it was being fixed") from None
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror}") from None
    if current != expected:
        raise WriteError(f"not writing {path}: it changed while it was being fixed; run again")
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(f"not writing {path}: not a regular file")
    if not info.st_mode & stat.S_IWUSR:
        raise WriteError(f"not writing {path}: the file is read-only; make it writable to fix it")
    if info.st_nlink == 1 and _can_own_like(info):
        try:
            _replace(path, target, data, info)
            return
        except _CannotOwn:
            pass  # root without CAP_CHOWN, say: the file's own inode keeps its owner
    _rewrite_in_place(path, target, data, expected)


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` (a cache entry) atomically; a symlink at ``path`` is replaced, never
    followed, and nothing is flushed to the disk (a lost entry is only a cache miss)."""
    _replace(path, path, data, None, durable=False)


def create_marker(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` unless a file, link or anything else has that name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def _read(path: Path) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def _can_own_like(info: os.stat_result) -> bool:
    """Whether a new file of ours can be given ``info``'s owner and group."""
    if not hasattr(os, "geteuid"):
        return True  # no owners to keep
    if os.geteuid() == 0:
        return True
    return info.st_uid == os.geteuid() and info.st_gid in {os.getegid(), *os.getgroups()}


def _temporary(directory: Path, name: str) -> tuple[int, str]:
    prefix = f".{name[:_NAME_ROOM]}."
    return tempfile.mkstemp(dir=directory, prefix=prefix, suffix=_SUFFIX)


def _replace(
    shown: str | Path,
    target: Path,
    data: bytes,
    info: os.stat_result | None,
    *,
    durable: bool = True,
) -> None:
    try:
        handle, temporary = _temporary(target.parent, target.name)
    except OSError as error:
        raise WriteError(f"cannot write {shown}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if info is not None:
                if hasattr(os, "fchown"):
                    try:
                        os.fchown(stream.fileno(), info.st_uid, info.st_gid)
                    except PermissionError:
                        raise _CannotOwn from None
                os.chmod(temporary, stat.S_IMODE(info.st_mode))
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            reason = error.strerror or type(error).__name__
            raise WriteError(f"cannot write {shown}: {reason}; the file is unchanged") from None
        raise


def _rewrite_in_place(shown: str | Path, target: Path, data: bytes, original: bytes) -> None:
    """Write ``data`` through ``target``'s own inode, with a verified copy of ``original``
    next to it until the write has reached the disk."""
    try:
        handle, backup = _temporary(target.parent, target.name)
    except OSError as error:
        raise WriteError(
            f"cannot write {shown}: no room for a safety copy next to it ({error.strerror})"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(original)
            stream.flush()
            os.fsync(stream.fileno())
        if _read(Path(backup)) != original:
            raise OSError(0, "the safety copy could not be read back")
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(backup)
        if isinstance(error, OSError):
            reason = error.strerror or type(error).__name__
            raise WriteError(f"cannot write {shown}: {reason}; the file is unchanged") from None
        raise
    try:
        with open(target, "r+b") as stream:
            stream.write(data)
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        reason = error.strerror or type(error).__name__
        if _put_back(target, original):
            with contextlib.suppress(OSError):
                os.unlink(backup)
            raise WriteError(f"cannot write {shown}: {reason}; the file is unchanged") from None
        # The safety copy stays: it is the original, and the file may be half written.
        raise WriteError(
            f"cannot write {shown}: {reason}; the original is saved as {backup}"
        ) from None
    with contextlib.suppress(OSError):
        os.unlink(backup)


def _put_back(target: Path, original: bytes) -> bool:
    try:
        with open(target, "r+b") as stream:
            stream.write(original)
            stream.truncate()
        return _read(target) == original
    except OSError:
        return False
