"""Layout mutations: the same program in other bytes."""

from __future__ import annotations

import ast

from hypothesis import strategies as st

from tests.hardening.source_edits import Draw, parse_or_none, pick


def layout(source: str, draw: Draw) -> str:
    """Same program, other bytes: CRLF, a tab indent, non-ASCII before the code on a line,
    comments and blank lines, a line split inside brackets, a trailing ``\\`` continuation."""
    lines = source.splitlines(keepends=True)
    if not lines:
        return source
    choice = draw(st.integers(0, 7))
    number = draw(st.integers(0, len(lines) - 1))
    line = lines[number]
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    stripped = body.lstrip()
    indent = body[: len(body) - len(stripped)]
    if choice == 0:
        return source.replace("\r\n", "\n").replace("\n", "\r\n")
    if choice == 1:
        return "".join(
            ("\t" * ((len(t) - len(t.lstrip(" "))) // 4)) + t.lstrip(" ")
            if t.startswith("    ")
            else t
            for t in lines
        )
    if choice == 2 and stripped and not stripped.startswith(("#", "@", ")", "]", "}")):
        lines[number] = f'{indent}ñ = "日本語 é"; {stripped}{ending}'
    elif choice == 3:
        comment = draw(st.sampled_from(["# comment", "# noqa", "# lrcheck: noqa", "", "# é"]))
        lines.insert(number, indent + comment + "\n")
    elif choice == 4 and ", " in body:
        lines[number] = body.replace(", ", ",\n" + indent + "        ", 1) + ending
    elif choice == 5 and body.endswith(")") and not stripped.startswith("#"):
        lines[number] = body[:-1] + " \\\n" + indent + ")" + ending
    elif choice == 6:
        return source.rstrip("\r\n")
    elif choice == 7:
        return _join_statements(source, draw)
    return "".join(lines)


def _join_statements(source: str, draw: Draw) -> str:
    """Two simple statements of one block on one line: ``a = 1; b = 2``, or a one-line
    compound statement: ``if x: a = 1``."""
    tree = parse_or_none(source)
    if tree is None:
        return source
    simple = (ast.Assign, ast.Expr, ast.AugAssign, ast.AnnAssign, ast.Import, ast.ImportFrom)
    pairs = [
        (body[i], body[i + 1])
        for node in ast.walk(tree)
        for body in (getattr(node, "body", None), getattr(node, "orelse", None))
        if isinstance(body, list)
        for i in range(len(body) - 1)
        if isinstance(body[i], simple)
        and isinstance(body[i + 1], simple)
        and body[i].end_lineno == body[i].lineno
        and body[i + 1].lineno == body[i].lineno + 1
    ]
    pair = pick(draw, pairs)
    if pair is None:
        return source
    first, second = pair
    lines = source.splitlines(keepends=True)
    head = lines[first.lineno - 1].rstrip("\r\n")
    if "#" in head:
        return source  # a comment would swallow the second statement
    tail = lines[second.lineno - 1].lstrip()
    lines[first.lineno - 1 : second.lineno] = [head + "; " + tail]
    return "".join(lines)
