"""read -> parse -> facts -> every enabled rule in one pass over the facts -> findings.

Design for speed (measured in ``benchmarks/bench_lint.py``): files that never mention keras or
tensorflow are skipped before decoding; analysis runs on CPython's own ``ast`` (about 10x cheaper
to parse and 20x cheaper to walk than libcst's tree) with positions that come free with each node;
names resolve through one cheap pass over the imports instead of libcst's generic scope
providers.  libcst is used where it earns its cost: lossless rewriting for fixes (``fixer.py``).
"""

from __future__ import annotations

import ast
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.deep_stack import StackUnavailable, call_with_deep_stack
from pytest_lrcheck.lint.findings import Finding, Fix, Span
from pytest_lrcheck.lint.registry import UNREADABLE, all_rules
from pytest_lrcheck.lint.rule import Report, Rule

if TYPE_CHECKING:
    from pytest_lrcheck.lint.project import Project, ProjectModule

from pytest_lrcheck.lint.source import (
    SourceError,
    decode,
    is_relevant,
    parse_python,
    read_source,
    split_lines,
)


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    # Why the file was not analysed when that is not a finding (e.g. no Keras in it).
    skipped: str | None = None
    # Bugs in lrcheck itself, one line each; the command exits 2 when there are any.
    internal_errors: tuple[str, ...] = field(default=())
    # The project modules the file imports that were read for it: (absolute path, sha256).
    # A cached result holds while they are unchanged.
    depends: tuple[tuple[str, str], ...] = field(default=())


def make_rules(config: Config | None = None) -> list[Rule]:
    config = config or Config()
    return [
        rule_class(config.rule_settings(code))
        for code, rule_class in all_rules().items()
        if config.is_enabled(code)
    ]


def check_path(
    path: str | Path,
    rules: Sequence[Rule],
    *,
    display: str | None = None,
    check: Callable[[bytes, str, Sequence[Rule]], FileResult] | None = None,
    follow_imports: bool = True,
) -> FileResult:
    """Read a file and check its bytes with ``check`` (Python source, its project's modules
    followed, unless told otherwise); a file that cannot be read is one LRC000 finding."""
    shown = display if display is not None else str(path)
    try:
        data = read_source(path)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return FileResult(shown, (unreadable(shown, f"cannot read the file: {reason}"),))
    if check is not None:
        return check(data, shown, rules)
    from pytest_lrcheck.lint.project import Project

    project = Project(path, shown) if follow_imports else None
    return check_bytes(data, shown, rules, project=project)


def check_bytes(
    data: bytes, path: str, rules: Sequence[Rule], *, project: Project | None = None
) -> FileResult:
    """``project``: where the file's imports of its own modules are found (None: not followed).
    A file that never mentions Keras is checked when a project module it imports does."""
    if not is_relevant(data) and (project is None or not reaches_keras(data, project)):
        return FileResult(path, skipped="does not mention keras or tensorflow")
    try:
        text = decode(data).text
    except SourceError as error:
        return FileResult(path, (unreadable(path, str(error)),))
    return check_text(text, path, rules, project=project)


def reaches_keras(data: bytes, project: Project) -> bool:
    from pytest_lrcheck.lint.project import reaches_keras as reaches

    return reaches(data, project.file, project)


def check_text(
    text: str, path: str, rules: Sequence[Rule], *, project: Project | None = None
) -> FileResult:
    with no_cyclic_gc():
        tree_or_finding = parse(text, path)
        if isinstance(tree_or_finding, Finding):
            from pytest_lrcheck.lint.noqa import file_is_suppressed

            if file_is_suppressed(text, tree_or_finding.code):
                return FileResult(path, skipped="suppressed by a file-level '# lrcheck: noqa'")
            return FileResult(path, (tree_or_finding,))
        return analyse(tree_or_finding, text, path, rules, project)


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while one file is parsed and analysed.

    Everything created then (the tree, the facts) stays alive until the file is done, so the
    collector would only walk it again and again: about 40% of the time on a 5 MB file, and what
    made the time grow faster than the file (``benchmarks/bench_hostile.py``).  It runs as usual
    between files; nested uses keep it paused until the outermost ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse(text: str, path: str) -> ast.Module | Finding:
    try:
        return parse_python(text, filename=path)
    except SyntaxError as error:
        line = error.lineno or 1
        column = max(error.offset or 1, 1)
        hint = ""
        if "Missing parentheses in call to" in (error.msg or ""):
            hint = " (this looks like Python 2 code)"
        message = f"cannot parse: {error.msg}{hint}; the file was not checked"
        return unreadable(path, message, Span(line, column, line, column))
    except (ValueError, RecursionError, MemoryError) as error:
        return unreadable(path, f"cannot parse: {parse_failure(error)}; the file was not checked")


def parse_failure(error: Exception) -> str:
    """Why ``ast.parse`` failed other than by a `SyntaxError`, for a user."""
    if isinstance(error, UnicodeEncodeError):
        # Text decoded with an exotic codec, or a notebook's JSON "\ud800" escape.
        character = error.object[error.start : error.start + 1]
        return f"the character U+{ord(character):04X} is not valid Unicode text (a lone surrogate)"
    if isinstance(error, (RecursionError, MemoryError)):
        return "nested too deeply"
    return str(error)  # "source code string cannot contain null bytes" before Python 3.12


def analyse(
    tree: ast.Module,
    text: str,
    path: str,
    rules: Sequence[Rule],
    project: Project | None = None,
) -> FileResult:
    """Facts, then every rule.  Deeply nested code that Python compiles can still exhaust the
    recursion limit of this recursive analysis; it is then analysed again on a deeper stack,
    and only if that is not enough is the file reported as not checked."""
    try:
        return _analyse(tree, text, path, rules, project)
    except RecursionError:
        pass
    try:
        return call_with_deep_stack(_analyse, tree, text, path, rules, project)
    except (RecursionError, MemoryError, StackUnavailable):
        message = "expressions nested too deeply to analyse; the file was not checked"
        return FileResult(path, (unreadable(path, message),))


def _analyse(
    tree: ast.Module, text: str, path: str, rules: Sequence[Rule], project: Project | None
) -> FileResult:
    from pytest_lrcheck.lint.facts import build_facts

    if project is not None:
        project = project.fresh()  # modules run afresh for each analysis (a deeper retry)
    facts = build_facts(tree, project=project)
    positions = _Positions(split_lines(text))
    findings: dict[tuple[str, str, Span], Finding] = {}
    errors: list[str] = []
    for rule in rules:
        try:
            for report in rule.check(facts):
                module = facts.origins.get(id(report.node))
                if module is None:
                    finding = _finding(rule, report, path, positions)
                else:
                    finding = _imported_finding(rule, report, module, path, facts.anchors)
                findings.setdefault((finding.path, finding.code, finding.span), finding)
        except RecursionError:
            raise  # the code is too deep for this stack, not a bug: try again deeper
        except Exception as error:  # a bug in one rule must not hide the others' findings
            errors.append(f"{path}: {rule.code} failed: {type(error).__name__}: {error}")
    from pytest_lrcheck.lint.noqa import without_suppressed
    from pytest_lrcheck.lint.noqa_unused import CODE as UNUSED_NOQA

    found = [f for f in findings.values() if f.path == path]
    imported = [f for f in findings.values() if f.path != path]
    if any(rule.code == UNUSED_NOQA for rule in rules) and not errors:
        # Only after a clean run: a rule that failed may have had a finding to hide.
        from pytest_lrcheck.lint.noqa_unused import unused_noqa
        from pytest_lrcheck.lint.registry import rule_names
        from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES

        checked = {rule.code for rule in rules}
        # SYMPTOM_NAMES is plain data: the codes the runtime reports are never unknown.
        known = {*rule_names(), *SYMPTOM_NAMES}
        found.extend(unused_noqa(path, text, found, checked, known))
    ordered = without_suppressed(found, text)
    if project is not None and imported:
        ordered.extend(_suppressed_in_modules(imported, project))
    ordered.sort(key=Finding.sort_key)
    depends = project.dependencies() if project is not None else ()
    return FileResult(path, tuple(ordered), internal_errors=tuple(errors), depends=depends)


def _imported_finding(
    rule: Rule, report: Report, module: ProjectModule, path: str, anchors: dict[int, ast.AST]
) -> Finding:
    """A finding on a project module's line, found while checking ``path``: it points at the
    module's line, names where this file led there, and offers no fix (a fix edits the checked
    file only)."""
    finding = _finding(rule, report, module.display, _Positions(module.lines))
    anchor = anchors.get(id(report.node))
    line = getattr(anchor, "lineno", None)
    reached = f" (reached from {path}:{line})" if line is not None else f" (imported by {path})"
    message = finding.message.rstrip()
    return replace(finding, message=message + reached, fix=None)


def _suppressed_in_modules(findings: list[Finding], project: Project) -> list[Finding]:
    """A finding on an imported module's line is hidden by that module's own ``# noqa``."""
    from pytest_lrcheck.lint.noqa import without_suppressed

    by_display = {m.display: m for m in project.modules.values()}
    kept = []
    for finding in findings:
        module = by_display.get(finding.path)
        if module is None or without_suppressed([finding], module.text):
            kept.append(finding)
    return kept


def _finding(rule: Rule, report: Report, path: str, positions: _Positions) -> Finding:
    fix = None
    if report.fix is not None:
        request = report.fix
        fix = Fix(
            description=request.description,
            safety=request.safety,
            target=positions.span(request.node),
            node_type=request.node_type,
            params=request.params,
        )
    return Finding(
        path=path,
        span=positions.span(report.node),
        code=rule.code,
        name=rule.name,
        message=report.message,
        severity=rule.severity,
        fix=fix,
    )


def unreadable(path: str, message: str, span: Span | None = None) -> Finding:
    code, name = UNREADABLE
    return Finding(path, span or Span(1, 1, 1, 1), code, name, message, "error")


class _Positions:
    """ast columns are UTF-8 byte offsets; users (and libcst) count characters."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def column(self, line: int, byte_offset: int) -> int:
        if not 1 <= line <= len(self.lines):
            return byte_offset + 1
        text = self.lines[line - 1]
        if text.isascii():
            return byte_offset + 1
        return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore")) + 1

    def span(self, node: ast.AST) -> Span:
        line = getattr(node, "lineno", 1)
        column = self.column(line, getattr(node, "col_offset", 0))
        end_line = getattr(node, "end_lineno", None) or line
        end_offset = getattr(node, "end_col_offset", None)
        end_column = column if end_offset is None else self.column(end_line, end_offset)
        return Span(line, column, end_line, end_column)
