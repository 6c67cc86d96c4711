"""The smallest text edit that turns one text into another, in LSP positions.

A fix rewrites a whole text (libcst prints the module again); sending the whole document back
would move the editor's cursor, folds and marks.  The changed region is what lies between the
longest common prefix and the longest common suffix, compared a block at a time so that a
megabyte costs milliseconds, then widened to whole words: ``'sigmoid'`` to ``'softmax'`` reads as
one word replaced, not ``igmoid`` by ``oftmax``.  A ``\\r\\n`` pair is never split: a position
between its two characters does not exist in LSP.
"""

from __future__ import annotations

from dataclasses import dataclass

from pytest_lrcheck.server.positions import Encoding, LineIndex, Range

_BLOCK = 4096


@dataclass(frozen=True)
class TextChange:
    range: Range
    text: str


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    size = 0
    while size + _BLOCK <= limit and a[size : size + _BLOCK] == b[size : size + _BLOCK]:
        size += _BLOCK
    while size < limit and a[size] == b[size]:
        size += 1
    return size


def _common_suffix(a: str, b: str, limit: int) -> int:
    size = 0
    while (
        size + _BLOCK <= limit
        and a[len(a) - size - _BLOCK : len(a) - size] == b[len(b) - size - _BLOCK : len(b) - size]
    ):
        size += _BLOCK
    while size < limit and a[len(a) - size - 1] == b[len(b) - size - 1]:
        size += 1
    return size


def _word(character: str) -> bool:
    return character.isalnum() or character == "_"


def _edges(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether ``text[start:end]`` starts and ends with a word character."""
    if start >= end:
        return False, False
    return _word(text[start]), _word(text[end - 1])


def minimal_change(old: str, new: str, encoding: Encoding) -> TextChange | None:
    """The one edit of ``old`` that gives ``new``; None when they are equal."""
    if old == new:
        return None
    start = _common_prefix(old, new)
    suffix = _common_suffix(old, new, min(len(old), len(new)) - start)
    end_old, end_new = len(old) - suffix, len(new) - suffix
    # Widen to whole words.  What lies outside the change is the same in both texts.
    old_first, old_last = _edges(old, start, end_old)
    new_first, new_last = _edges(new, start, end_new)
    if old_first or new_first:
        while start > 0 and _word(old[start - 1]):
            start -= 1
    if old_last or new_last:
        while end_old < len(old) and _word(old[end_old]):
            end_old += 1
            end_new += 1
    if 0 < start < len(old) and old[start - 1] == "\r" and old[start] == "\n":
        start -= 1
    if 0 < end_old < len(old) and old[end_old - 1] == "\r" and old[end_old] == "\n":
        end_old += 1
        end_new += 1
    index = LineIndex(old)
    where = (index.position(start, encoding), index.position(end_old, encoding))
    return TextChange(where, new[start:end_new])
