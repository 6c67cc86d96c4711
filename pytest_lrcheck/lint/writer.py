"""Writing a file atomically: readers see the old bytes or the new ones, never a mixture.

The new content goes to a temporary file in the same directory (so the rename cannot cross
filesystems), is flushed to disk, gets the original file's permission bits, and replaces the
original with ``os.replace``.  On any failure the temporary file is removed and the original is
left byte-identical.  A symlink is followed: its target is rewritten, the link stays a link.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """The file could not be written; the original is unchanged.  The message names the file."""


def write_atomic(path: str | Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path``'s content with ``data``.  ``durable``: flush to the disk before the
    rename, so that a crash cannot leave an empty file behind (what a cache can do without)."""
    target = Path(os.path.realpath(path))
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror}") from None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".lrcheck-tmp"
        )
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            reason = error.strerror or type(error).__name__
            raise WriteError(f"cannot write {path}: {reason}; the file is unchanged") from None
        raise
