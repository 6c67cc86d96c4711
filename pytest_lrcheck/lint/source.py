"""Reading a file into text the way Python would (BOM, PEP 263 cookie), with plain errors."""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass

# Files that never mention these are not parsed at all: no rule can fire without Keras or
# TensorFlow names, and skipping them keeps pre-commit runs on large trees fast.
_RELEVANT = re.compile(rb"keras|tensorflow")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class SourceError(Exception):
    """The file cannot be turned into text; the message says why, for a user."""


@dataclass(frozen=True)
class SourceText:
    text: str
    encoding: str


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


def split_lines(text: str) -> list[str]:
    """Lines as Python's tokenizer counts them (not ``str.splitlines``, which also splits on
    form feeds and other separators that do not end a line of Python)."""
    return _LINE_BREAK.split(text)
