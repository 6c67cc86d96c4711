"""Values the linter produces: findings and the fixes they may carry.

Both are plain frozen dataclasses of built-in types, so they pickle across worker processes,
serialise into the cache and print as JSON without adapters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]
Safety = Literal["safe", "unsafe"]


@dataclass(frozen=True, order=True)
class Span:
    """A source range: 1-based lines, 1-based columns counted in characters, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Fix:
    """A rewrite that repairs a finding, applied by `pytest_lrcheck.lint.fixer` with libcst.

    ``target`` is the span of the node to rewrite and ``node_type`` its libcst class name
    (``"Call"``, ``"SimpleString"``, ``"SimpleStatementLine"``...); the owning rule's
    ``rewrite(node, fix)`` returns its replacement.  ``params`` carries what the rule needs
    to rewrite, as JSON-compatible values.
    """

    description: str
    safety: Safety
    target: Span
    node_type: str
    params: tuple[tuple[str, Any], ...] = ()
    # Notebooks: the 1-based cell the target is in (it may differ from the finding's cell).
    cell: int | None = None

    def param(self, key: str, default: Any = None) -> Any:
        return dict(self.params).get(key, default)


@dataclass(frozen=True)
class Finding:
    path: str
    span: Span
    code: str
    name: str
    message: str
    severity: Severity = "error"
    fix: Fix | None = None
    # Notebooks: the 1-based cell index the span is in; span lines are then cell lines.
    cell: int | None = None
    extra: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.cell or 0, self.span.line, self.span.column, self.code)

    def to_json(self) -> dict[str, Any]:
        fix = None
        if self.fix is not None:
            fix = {"description": self.fix.description, "safety": self.fix.safety}
        return {
            "path": self.path,
            "cell": self.cell,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "fixable": self.fixable,
            "fix": fix,
        }
