"""The base class every rule derives from, and what a rule reports.

A rule lives in one module under ``pytest_lrcheck/lint/rules/`` named after its code and name
(``lrc101_categorical_crossentropy_without_softmax.py``).  Its code, name, severity and fix
safety are declared once, on the class; the catalog document in ``rules/`` must agree (a test
checks).  ``check`` reads the shared `FileFacts` and yields `Report`s; a fixable rule also
implements ``rewrite``, which the fixer calls with the libcst node at the report's fix target.
Rules import all of this, and everything else they use, from `pytest_lrcheck.lint.rulekit`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pytest_lrcheck.lint.findings import Safety, Severity

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.facts import FileFacts
    from pytest_lrcheck.lint.findings import Fix

    # A node, or several statements in place of one.
    Replacement = cst.CSTNode | cst.FlattenSentinel[cst.BaseStatement]

FixSafety = Literal["none", "safe", "unsafe"]


@dataclass(frozen=True)
class FixRequest:
    """A rule's proposal: rewrite the libcst node of type ``node_type`` at ``node``'s span."""

    description: str
    node: ast.AST
    node_type: str
    safety: Safety
    params: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Report:
    node: ast.AST
    message: str
    fix: FixRequest | None = None


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    # The safety of this rule's fixes; "none" when it never offers one.
    fix_safety: ClassVar[FixSafety] = "none"
    # Settings a user may change in ``[tool.lrcheck.settings.LRCxxx]`` and their defaults.
    default_settings: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        self.settings: dict[str, Any] = {**self.default_settings, **(settings or {})}

    def check(self, facts: FileFacts) -> Iterator[Report]:
        raise NotImplementedError

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> Replacement:
        """Return the replacement for ``node`` (see `pytest_lrcheck.lint.edits`); only rules
        with fixes implement it."""
        raise NotImplementedError(f"{self.code} has no fix")
