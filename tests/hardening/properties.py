"""What must hold for any source the engine is given, as assertions the fuzz tests share.

1. Checking never raises and never reports an internal error.
2. Every finding (and every fix target) points inside the file: lines within the text, columns
   within their line (one past the end for an end position), end not before start.
3. Fixing (unsafe fixes included, as ``lrcheck --unsafe-fixes`` does) gives code that parses,
   changes no line that no applied fix targets (inserted lines sit next to a target), and a
   second fix changes nothing.
"""

from __future__ import annotations

import ast
import difflib
import warnings
from collections.abc import Sequence

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.autofix import fix_data
from pytest_lrcheck.lint.engine import FileResult, check_bytes, check_text, make_rules
from pytest_lrcheck.lint.findings import Finding, Span
from pytest_lrcheck.lint.fixer import apply_fixes
from pytest_lrcheck.lint.notebook import NotebookError, check_notebook_bytes, read_notebook
from pytest_lrcheck.lint.source import SourceError, decode, lines_with_ends, split_lines

RULES = make_rules()
CONFIG = Config()


def parses(source: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def assert_span_inside(span: Span, lines: Sequence[str], what: str) -> None:
    assert 1 <= span.line <= len(lines), f"{what}: line {span.line} of {len(lines)}"
    if span.end_line == len(lines) + 1 and span.end_column == 1:
        # Up to the start of the line after the last: the last line with its line break, as
        # libcst places an edit of a line's end even where the text has no final line break.
        assert span.line <= len(lines), f"{what}: starts past the end {span}"
        return
    assert span.line <= span.end_line <= len(lines), f"{what}: end line {span.end_line}"
    assert 1 <= span.column <= len(lines[span.line - 1]) + 1, f"{what}: column {span}"
    assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, f"{what}: end {span}"
    if span.end_line == span.line:
        assert span.end_column >= span.column, f"{what}: ends before it starts {span}"


def assert_findings_inside(findings: Sequence[Finding], lines: Sequence[str]) -> None:
    for finding in findings:
        assert_span_inside(finding.span, lines, f"{finding.code} at {finding.span}")
        if finding.fix is not None:
            assert_span_inside(finding.fix.target, lines, f"{finding.code} fix target")


def check_clean(source: str) -> FileResult:
    """Properties 1 and 2 for Python source, and no warning escapes (the compiler's warnings
    about the code are not the user's concern when linting); returns the result."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = check_text(source, "fuzzed.py", RULES)
    assert [str(w.message) for w in caught] == []
    assert result.internal_errors == (), result.internal_errors
    assert_findings_inside(result.findings, split_lines(source))
    codes = [f.code for f in result.findings]
    if "LRC000" in codes:
        assert codes == ["LRC000"], "a file that cannot be parsed gives one LRC000 and no more"
    return result


def changed_lines_outside_fixes(before: str, after: str, targets: Sequence[Span]) -> list[str]:
    """Lines of ``before`` that changed although no target covers them, and inserted lines
    that are not next to a target, as readable descriptions (empty when all is well)."""
    old = lines_with_ends(before)
    new = lines_with_ends(after)
    problems = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for number in range(i1 + 1, i2 + 1):  # replaced or deleted lines, 1-based
            if not any(t.line <= number <= t.end_line for t in targets):
                problems.append(f"line {number} changed: {old[number - 1]!r}")
        # Inserted before line i1 + 1: it must be next to a target's first or last line.
        if i1 == i2 and not any(t.line - 1 <= i1 <= t.end_line for t in targets):
            problems.append(f"lines inserted after line {i1}: {new[j1:j2]!r}")
    return problems


def check_fixes(source: str) -> str:
    """Property 3 for Python source; returns the fixed source."""
    text = source
    for _ in range(10):
        result = check_text(text, "fuzzed.py", RULES)
        outcome = apply_fixes(text, result.findings, unsafe=True)
        if not outcome.changed:
            break
        assert parses(outcome.source), "a fix produced code that does not parse"
        targets = [f.fix.target for f in outcome.applied if f.fix is not None]
        problems = changed_lines_outside_fixes(text, outcome.source, targets)
        assert not problems, "\n".join(problems)
        text = outcome.source
    fixed = fix_data(source.encode("utf-8"), "fuzzed.py", RULES, CONFIG, unsafe=True)
    fixed_text = fixed.fixed.decode("utf-8")
    if fixed.changed:
        assert parses(fixed_text)
        assert fixed_text == text, "fix_data and round-by-round fixing disagree"
    again = fix_data(fixed.fixed, "fuzzed.py", RULES, CONFIG, unsafe=True)
    assert not again.changed, f"a second fix changed the code again: {again.diff()}"
    assert again.applied == ()
    return fixed_text


def check_python_bytes(data: bytes) -> None:
    """Properties 1 and 2 for a file's raw bytes, as the command reads them."""
    result = check_bytes(data, "fuzzed.py", RULES)
    assert result.internal_errors == (), result.internal_errors
    try:
        lines = split_lines(decode(data).text)
    except SourceError:
        lines = [""]
    assert_findings_inside(result.findings, lines)
    if any(f.code == "LRC000" for f in result.findings):
        assert len(result.findings) == 1


def check_notebook_bytes_clean(data: bytes) -> None:
    """Properties 1 and 2 for a notebook's raw bytes: each finding inside its cell."""
    result = check_notebook_bytes(data, "fuzzed.ipynb", RULES)
    assert result.internal_errors == (), result.internal_errors
    try:
        cells = {cell.index: split_lines(cell.source) for cell in read_notebook(data).cells}
    except NotebookError:
        (finding,) = result.findings or (None,)
        assert finding is None or (finding.code, finding.span.line) == ("LRC000", 1)
        return
    for finding in result.findings:
        assert finding.cell in cells, f"{finding.code} in cell {finding.cell}"
        assert_span_inside(finding.span, cells[finding.cell], f"{finding.code} span")
