"""LRC001: a ``# noqa: LRCxxx`` code that hides nothing.

The rule needs the other rules' findings, so its ``check`` yields nothing: the engine reports it
after them (`pytest_lrcheck.lint.noqa_unused`).  This class declares the code, name, severity and
fix safety, makes the code selectable, and rewrites the comment when the fix runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import Fix, Report, Rule

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts


class UnusedNoqa(Rule):
    code = "LRC001"
    name = "unused-noqa"
    severity = "warning"
    fix_safety = "safe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        return iter(())

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        import libcst as cst

        comment = str(fix.param("comment", ""))
        if isinstance(node, cst.Comment):
            return node.with_changes(value=comment)
        if isinstance(node, cst.TrailingWhitespace):
            return node.with_changes(whitespace=cst.SimpleWhitespace(""), comment=None)
        raise TypeError(f"LRC001 cannot rewrite a {type(node).__name__}")
