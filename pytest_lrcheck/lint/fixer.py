"""Applying fixes with libcst, losslessly: comments, quotes and layout stay as they were.

Each fix names the libcst node type and span of its target; the owning rule rewrites that node.
Only the bytes the rewrite changed reach the file (`splice.py`: libcst drops a few bytes of
layout when it prints a module).  The result is parsed again before anyone sees it, and when
it does not parse, nothing is changed.
libcst is imported here only, so checking files never pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pytest_lrcheck.lint.deep_stack import StackUnavailable, call_with_deep_stack
from pytest_lrcheck.lint.engine import no_cyclic_gc
from pytest_lrcheck.lint.findings import Finding, Fix
from pytest_lrcheck.lint.registry import all_rules
from pytest_lrcheck.lint.source import parse_python
from pytest_lrcheck.lint.splice import carry_over, column_shifts


@dataclass(frozen=True)
class FixOutcome:
    source: str
    applied: tuple[Finding, ...]
    # Fixes that were offered but not applied, with the reason.
    skipped: tuple[tuple[Finding, str], ...]

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def wanted(finding: Finding, *, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safety == "safe" or unsafe)


def apply_fixes(source: str, findings: Sequence[Finding], *, unsafe: bool = False) -> FixOutcome:
    """Apply the fixes of ``findings`` (safe ones, and unsafe ones if asked) to ``source``."""
    chosen = [f for f in findings if wanted(f, unsafe=unsafe)]
    if not chosen:
        return FixOutcome(source, (), ())
    try:
        with no_cyclic_gc():
            return _apply(source, chosen)
    except RecursionError:
        pass  # deeply nested code: libcst's tree walks need a deeper stack
    try:
        return call_with_deep_stack(_apply, source, chosen)
    except (RecursionError, MemoryError, StackUnavailable):
        reason = "the code is nested too deeply to rewrite"
        return FixOutcome(source, (), tuple((f, reason) for f in chosen))


def _apply(source: str, chosen: Sequence[Finding]) -> FixOutcome:
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    try:
        # A fresh tree that nothing else holds: libcst need not copy it.
        wrapper = MetadataWrapper(cst.parse_module(source), unsafe_skip_copy=True)
    except cst.ParserSyntaxError as error:
        reason = f"libcst cannot parse the file: {error}".splitlines()[0]
        return FixOutcome(source, (), tuple((f, reason) for f in chosen))

    targets: dict[tuple[str, int, int, int, int], Finding] = {}
    skipped: list[tuple[Finding, str]] = []
    for finding in chosen:
        assert finding.fix is not None
        key = _key(finding.fix)
        if key in targets:
            skipped.append((finding, "another fix rewrites the same code"))
        else:
            targets[key] = finding
    rules = all_rules()
    applied: list[Finding] = []
    printed = wrapper.module.code
    # libcst's columns leave out the form feeds it drops; the findings' count them.
    shifts = column_shifts(source, printed)

    class Rewriter(cst.CSTTransformer):
        METADATA_DEPENDENCIES = (PositionProvider,)

        # The rule's rewrite may return a node of another type than the one it replaces
        # (a Name for a Call, say), which libcst accepts but its generic signature does not say.
        def on_leave(  # type: ignore[override]
            self, original_node: cst.CSTNode, updated_node: cst.CSTNode
        ) -> cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel[cst.CSTNode]:
            original, updated = original_node, updated_node
            position = self.get_metadata(PositionProvider, original, None)
            if position is None:
                return updated
            key = (
                type(original).__name__,
                position.start.line,
                position.start.column + 1 + shifts.get(position.start.line, 0),
                position.end.line,
                position.end.column + 1 + shifts.get(position.end.line, 0),
            )
            finding = targets.pop(key, None)
            if finding is None:
                return updated
            assert finding.fix is not None
            replacement = rules[finding.code]().rewrite(updated, finding.fix)
            applied.append(finding)
            return replacement

    try:
        fixed = wrapper.visit(Rewriter()).code
    except RecursionError:
        raise
    except Exception as error:  # a rewrite bug must never cost the user their file
        reason = f"the fix failed: {type(error).__name__}: {error}"
        return FixOutcome(source, (), tuple((f, reason) for f in chosen))
    skipped.extend((f, "the code to rewrite was not found") for f in targets.values())
    if applied:
        carried = carry_over(source, printed, fixed)
        if carried is None:
            reason = "the fix could not be applied without changing the code around it"
            return FixOutcome(source, (), tuple((f, reason) for f in chosen))
        fixed = carried
    try:
        parse_python(fixed)
    except (SyntaxError, ValueError, MemoryError):
        reason = "the fixed code would not parse; nothing was changed"
        return FixOutcome(source, (), tuple((f, reason) for f in chosen))
    return FixOutcome(fixed, tuple(applied), tuple(skipped))


def _key(fix: Fix) -> tuple[str, int, int, int, int]:
    target = fix.target
    return (fix.node_type, target.line, target.column, target.end_line, target.end_column)
