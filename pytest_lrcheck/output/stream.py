"""Writing output to a stream that may not encode every character it is given.

Paths can hold bytes that are not UTF-8 (Python keeps them as lone surrogates), and a console
may use a narrow encoding (cp1252, ASCII under ``PYTHONIOENCODING``).  Either would make a plain
``write`` raise after the whole run; instead, what the stream cannot encode is escaped: as
``\\xe9``-style escapes in text, and as ``\\u00e9`` escapes in JSON, which keep it valid JSON.
"""

from __future__ import annotations

from typing import TextIO


class OutputError(Exception):
    """The output cannot be written; the message says why, for a user."""


def write(text: str, stream: TextIO | None, *, json_text: bool = False) -> None:
    if stream is None:
        raise OutputError("cannot write the output: standard output is closed")
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(stream, "encoding", None) or "utf-8"
            stream.write(escape_unencodable(text, encoding, json_text=json_text))
        stream.flush()
    except BrokenPipeError:
        raise  # the reader went away: the command stops quietly
    except (OSError, ValueError) as error:  # ValueError: the stream was closed
        reason = getattr(error, "strerror", None) or str(error)
        raise OutputError(f"cannot write the output: {reason}") from None


def escape_unencodable(text: str, encoding: str, *, json_text: bool = False) -> str:
    """``text`` with every character ``encoding`` cannot encode replaced by an escape."""
    if not json_text:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    out = []
    for character in text:
        try:
            character.encode(encoding)
        except UnicodeEncodeError:
            out.append(_json_escape(character))
        else:
            out.append(character)
    return "".join(out)


def _json_escape(character: str) -> str:
    code = ord(character)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the basic plane: a UTF-16 surrogate pair, as JSON spells it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
