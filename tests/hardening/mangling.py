"""Bytes inserted, deleted or cut off: files broken the way files break."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.hardening.mutations import mutated_programs
from tests.hardening.source_edits import Draw

# Bytes that break files in practice: NUL, a lone CR, a form feed, a BOM in the middle, invalid
# and truncated UTF-8, brackets and quotes left open, encoding cookies, a right-to-left override.
_SNIPPETS = (
    b"\x00",
    b"\r",
    b"\x0c",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xe9",
    b"\xf0\x9f\x98",
    b"\xe2\x80\xae",
    b"(",
    b")",
    b"[",
    b"{",
    b"\t",
    b"\\",
    b"'''",
    b'"',
    b"\n",
    b"    ",
    b"# -*- coding: latin-1 -*-\n",
    b"# coding: utf-16\n",
    b"# coding: bogus\n",
    b"print 'x'\n",
    b'"source": ',
    b"[1, ",
    b"\\ud800",
)


@st.composite
def mangled(draw: Draw, data: st.SearchStrategy[bytes]) -> bytes:
    """``data`` with a few bytes inserted, deleted or cut off."""
    out = bytearray(draw(data))
    for _ in range(draw(st.integers(1, 5))):
        position = draw(st.integers(0, len(out)))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            out[position:position] = draw(st.sampled_from(_SNIPPETS))
        elif kind == 1:
            out[position:position] = draw(st.binary(min_size=1, max_size=4))
        elif kind == 2:
            del out[position : position + draw(st.integers(1, 20))]
        else:
            del out[position:]
    return bytes(out)


def program_bytes() -> st.SearchStrategy[bytes]:
    return mutated_programs(max_mutations=1).map(lambda source: source.encode("utf-8"))
