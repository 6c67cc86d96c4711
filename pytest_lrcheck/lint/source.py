"""Reading a file into text the way Python would (BOM, PEP 263 cookie), with plain errors."""

from __future__ import annotations

import ast
import errno
import io
import os
import re
import stat
import tokenize
import warnings
from dataclasses import dataclass
from pathlib import Path

# Files that never mention these are not parsed at all: no rule can fire without Keras or
# TensorFlow names, and skipping them keeps pre-commit runs on large trees fast.
_RELEVANT = re.compile(rb"keras|tensorflow")
# Larger files are not read: no hand-written script or notebook is this big, and reading one
# whole could exhaust the memory of the run (a sparse 6 GB file is made in a millisecond).
MAX_BYTES = 50 * 2**20
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_WITH_END = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class SourceError(Exception):
    """The file cannot be turned into text; the message says why, for a user."""


@dataclass(frozen=True)
class SourceText:
    text: str
    encoding: str


# What a path is when it is not a regular file, for the message that says it was not read.
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_source(path: str | Path) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks followed).

    Anything else raises `OSError` with a readable ``strerror``: reading a named pipe waits
    for a writer forever and a device like ``/dev/zero`` never ends, so a file called
    ``train.py`` that is one of them must not be read at all.  The pipe is opened without
    blocking and the check is made on the open descriptor, so it cannot change in between.
    A file of more than `MAX_BYTES` raises `OSError` (EFBIG) saying so.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "a special file")
            code = errno.EISDIR if stat.S_ISDIR(mode) else errno.EINVAL
            raise OSError(code, f"{kind}, not a regular file", str(path))
        size = os.fstat(descriptor).st_size
        if size > MAX_BYTES:
            raise _too_large(size, path)
        with os.fdopen(descriptor, "rb", closefd=True) as stream:
            descriptor = -1  # the stream owns it now
            data = stream.read(MAX_BYTES + 1)  # the file may grow after the check
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    if len(data) > MAX_BYTES:
        raise _too_large(len(data), path)
    return data


def _too_large(size: int, path: str | Path) -> OSError:
    limit = MAX_BYTES // 2**20
    reason = f"too large ({size / 2**20:,.0f} MB; lrcheck reads files up to {limit} MB)"
    return OSError(errno.EFBIG, reason, str(path))


def is_relevant(data: bytes) -> bool:
    return _RELEVANT.search(data) is not None


def decode(data: bytes) -> SourceText:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        raise SourceError(f"cannot determine the file's encoding: {error.msg}") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(
            f"not valid {encoding} (byte 0x{data[error.start]:02x} on line {line}); "
            "save the file as UTF-8 or declare its encoding in a coding comment"
        ) from None
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r} in the coding comment") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceText(text, "utf-8-sig" if encoding == "utf-8-sig" else encoding)


def parse_python(text: str, filename: str = "<unknown>") -> ast.Module:
    """``ast.parse`` without the compiler's warnings about the code (an invalid escape sequence
    like ``"\\d"``, ``1()``): they are the program's business, they would be printed to the
    user's terminal, and where warnings are errors (``-W error``, pytest's ``filterwarnings =
    error``) they would become a `SyntaxError` and the file would not be checked at all."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=filename)


def split_lines(text: str) -> list[str]:
    """Lines as Python's tokenizer counts them (not ``str.splitlines``, which also splits on
    form feeds and other separators that do not end a line of Python)."""
    return _LINE_BREAK.split(text)


def lines_with_ends(text: str) -> list[str]:
    """The lines of ``text``, each with its line break, split where `split_lines` splits."""
    return _LINE_WITH_END.findall(text)
