"""What may reach a terminal: text from files and file names, made harmless to show.

Control characters (an escape sequence could drive the terminal, a line break forge another
finding), bidirectional controls (they reorder what is shown, so ``rlo_\\u202egnp.py`` reads as
another name), line and paragraph separators and lone surrogates (undecodable bytes of a path
or a notebook's JSON) are shown as U+FFFD, one character for one so that carets stay aligned.
Tabs are kept.  JSON output keeps every character but spells these as ``\\uXXXX`` escapes, which
JSON readers decode back: the data is unchanged, only a terminal showing it is protected.
"""

from __future__ import annotations

import re

_BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_SURROGATES = "\ud800-\udfff"
_UNPRINTABLE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}{_SURROGATES}]")
# json.dumps already escapes the C0 controls; these it writes as they are.
_RAW_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI_AND_SEPARATORS}]")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def printable(text: str) -> str:
    """``text`` on one line, each unsafe character replaced by U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", text)


def printable_lines(text: str) -> str:
    """Each line of ``text`` made `printable`; its ``\n`` or ``\r\n`` ending is kept."""
    out = []
    for line in _LINE.findall(text):
        ending = "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else ""
        out.append(printable(line[: len(line) - len(ending)]) + ending)
    return "".join(out)


def json_safe(text: str) -> str:
    """JSON text with the unsafe characters that JSON allows raw spelled as escapes."""
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
