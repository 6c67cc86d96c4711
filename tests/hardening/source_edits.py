"""Helpers for editing Python source at the positions ``ast`` reports, for the mutations."""

from __future__ import annotations

import ast
import io
import tokenize
import warnings
from collections.abc import Callable

from hypothesis import strategies as st

Draw = Callable[[st.SearchStrategy], object]


def parse_or_none(source: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the mutated code's business, not the test's
            return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def index(source: str, line: int, byte_column: int) -> int:
    """The string index of an ast position (1-based line, UTF-8 byte column)."""
    lines = source.splitlines(keepends=True)
    start = sum(len(text) for text in lines[: line - 1])
    text = lines[line - 1] if line - 1 < len(lines) else ""
    return start + len(text.encode("utf-8")[:byte_column].decode("utf-8", errors="ignore"))


def segment(source: str, node: ast.AST) -> tuple[int, int]:
    start = index(source, node.lineno, node.col_offset)  # type: ignore[attr-defined]
    end = index(source, node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
    return start, end


def pick(draw: Draw, items: list) -> object | None:
    if not items:
        return None
    return items[draw(st.integers(0, len(items) - 1))]


def pick_node(source: str, draw: Draw, wanted: Callable[[ast.AST], bool]) -> ast.AST | None:
    """One node of the parsed source that ``wanted`` accepts, or None (unparsable, none found)."""
    tree = parse_or_none(source)
    if tree is None:
        return None
    return pick(draw, [node for node in ast.walk(tree) if wanted(node)])  # type: ignore[return-value]


def rename_tokens(source: str, old: str, new: str, *, after_line: int = 0) -> str:
    """Every name token ``old`` (not an attribute, not in an import) renamed to ``new``."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return source
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, int]] = []
    previous = None
    statement_starts_with_import = False
    for token in tokens:
        if token.type in (tokenize.NEWLINE, tokenize.NL):
            statement_starts_with_import = False
        elif previous is None or previous.type in (tokenize.NEWLINE, tokenize.INDENT):
            statement_starts_with_import = token.string in ("import", "from")
        if (
            token.type == tokenize.NAME
            and token.string == old
            and token.start[0] > after_line
            and not statement_starts_with_import
            and not (previous is not None and previous.string == ".")
        ):
            edits.append((token.start[0], token.start[1], token.end[1]))
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            previous = token
    for line, start, end in reversed(edits):
        text = lines[line - 1]
        lines[line - 1] = text[:start] + new + text[end:]
    return "".join(lines)
