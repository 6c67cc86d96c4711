"""Carrying a libcst rewrite back onto the original text, so that a fix changes only its bytes.

libcst prints a module back almost, but not exactly, as it read it: a form feed that starts a
statement, the last ``\\r`` of a CR-only file and whitespace-only lines at the end of a file
are dropped.  Writing its output would delete those bytes from the user's file.  So the fixed
code libcst prints is compared with what it prints for the unchanged tree, and only the
differing stretches are replaced in the original text, each only where the original holds
exactly the text libcst replaced.  When a stretch cannot be placed, nothing is changed.
The same lines are compared: libcst keeps every line break, except at the end of the file.
"""

from __future__ import annotations

import difflib

from pytest_lrcheck.lint.source import lines_with_ends as lines


def carry_over(original: str, printed: str, fixed: str) -> str | None:
    """``original`` with the changes that turn ``printed`` into ``fixed``; None when a change
    cannot be placed in ``original`` without touching bytes outside it."""
    if printed == original:
        return fixed
    source, before, after = lines(original), lines(printed), lines(fixed)
    matcher = difflib.SequenceMatcher(None, before, after)
    out: list[str] = []
    done = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > len(source):
            return None  # a change in the lines libcst does not print back
        placed = _place("".join(source[i1:i2]), "".join(before[i1:i2]), "".join(after[j1:j2]))
        if placed is None:
            return None
        out.extend(source[done:i1])
        out.append(placed)
        done = i2
    out.extend(source[done:])
    return "".join(out)


def _place(original: str, printed: str, fixed: str) -> str | None:
    """``original`` (the lines libcst printed as ``printed``) with the change to ``fixed``."""
    start = _common_prefix(printed, fixed)
    end = _common_prefix(printed[start:][::-1], fixed[start:][::-1])
    old = printed[start : len(printed) - end]
    new = fixed[start : len(fixed) - end]
    tail = printed[len(printed) - end :]
    head = printed[:start]
    if original.endswith(old + tail):
        return original[: len(original) - len(old + tail)] + new + tail
    if original.startswith(head + old):
        return head + new + original[len(head + old) :]
    if old and original.count(old) == 1:
        return original.replace(old, new)
    return None


def _common_prefix(a: str, b: str) -> int:
    size = min(len(a), len(b))
    if a[:size] == b[:size]:
        return size
    low, high = 0, size  # a[:low] == b[:low], a[:high] != b[:high]
    while high - low > 1:
        middle = (low + high) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle
    return low


def column_shifts(original: str, printed: str) -> dict[int, int]:
    """By 1-based line: how many characters the original has before what libcst printed on
    that line (the form feeds libcst drops), to turn libcst's columns into the file's."""
    if printed == original:
        return {}
    shifts = {}
    for number, (mine, theirs) in enumerate(
        zip(lines(original), lines(printed), strict=False), start=1
    ):
        mine, theirs = mine.rstrip("\r\n"), theirs.rstrip("\r\n")
        if mine != theirs and theirs and mine.endswith(theirs):
            shifts[number] = len(mine) - len(theirs)
    return shifts
