"""Fixes as text edits (a range and the text that replaces it), for tools that apply fixes
themselves: ruff's ``edits`` in the JSON output.

Applying each fix on its own (`fixer.apply_fixes`) and comparing the texts costs one libcst pass
per finding, about 0.1 s for a 100-line file, which made the JSON of a file with a hundred
findings take seconds.  Here one pass over the file serves every finding: each target node found
by its type and span (as the fixer finds it) is rewritten by its rule, and the replacement's code
is the edit.  Only replacements that are one node spelled on its own (an expression, an argument,
a comment, a line's end) are taken this way; a rule that returns several statements, or whose
rewrite fails, gets None, and the caller falls back to applying that fix alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.findings import Finding, Span

if TYPE_CHECKING:
    import libcst as cst


@dataclass(frozen=True)
class Edit:
    span: Span  # what is replaced: 1-based, columns in characters, end exclusive
    content: str


def fix_edits(source: str, findings: Sequence[Finding]) -> list[Edit | None]:
    """The edit of each finding's fix, in the order of ``findings`` (None: not found here)."""
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from pytest_lrcheck.lint.registry import all_rules

    edits: list[Edit | None] = [None] * len(findings)
    wanted: dict[tuple[str, int, int, int, int], int] = {}
    for index, finding in enumerate(findings):
        if finding.fix is not None:
            target = finding.fix.target
            key = (finding.fix.node_type, target.line, target.column, target.end_line,
                   target.end_column)  # fmt: skip
            wanted.setdefault(key, index)
    if not wanted:
        return edits
    try:
        wrapper = MetadataWrapper(cst.parse_module(source), unsafe_skip_copy=True)
        positions = wrapper.resolve(PositionProvider)
    except (cst.ParserSyntaxError, RecursionError, MemoryError):
        return edits
    rules = all_rules()
    spelled = (cst.BaseExpression, cst.Arg, cst.Comment, cst.TrailingWhitespace, cst.Param)
    offsets = _line_offsets(source)
    for node, position in positions.items():
        start, end = position.start, position.end
        key = (type(node).__name__, start.line, start.column + 1, end.line, end.column + 1)
        found = wanted.get(key)
        if found is None:
            continue
        finding = findings[found]
        assert finding.fix is not None
        rule = rules.get(finding.code)
        try:
            replacement = rule().rewrite(node, finding.fix) if rule is not None else None
            if not isinstance(replacement, spelled):
                continue
            code = wrapper.module.code_for_node
            original = source[offsets[start.line - 1] + start.column : offsets[end.line - 1]
                              + end.column]  # fmt: skip
            # The span and the node's code must agree (a trailing comma is the node's but not
            # its span's): spelled the same way, the replacement is the edit.
            if code(_bare(node)) != original:
                continue
            content = code(_bare(replacement))
        except Exception:  # a rewrite bug costs the edit, never the report
            continue
        span = Span(start.line, start.column + 1, end.line, end.column + 1)
        edits[found] = Edit(span, content)
    return edits


def _bare(node: cst.CSTNode) -> cst.CSTNode:
    """An argument or parameter without the comma and space that follow it."""
    import libcst as cst

    if isinstance(node, cst.Arg):
        return node.with_changes(
            comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=cst.SimpleWhitespace("")
        )
    if isinstance(node, cst.Param):
        return node.with_changes(
            comma=cst.MaybeSentinel.DEFAULT, whitespace_after_param=cst.SimpleWhitespace("")
        )
    return node


def _line_offsets(source: str) -> list[int]:
    """Where each line starts, as libcst counts lines (any line break ends one)."""
    import re

    offsets = [0]
    offsets.extend(match.end() for match in re.finditer(r"\r\n|\r|\n", source))
    return offsets
