"""``--fix``: apply fixes to a whole file until nothing more can be fixed, then say what is left.

Fixing runs in rounds: one fix may reveal or unblock another (two fixes of the same code wait for
the next round), so a file is re-checked and fixed again until a round changes nothing, which is
what makes a second ``--fix`` a no-op.  Every round's result is parsed again (`fixer.py` refuses
code that does not parse) and the final text is checked once more before anything is written.
Notebooks are fixed cell by cell and written back with their outputs untouched.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.engine import FileResult, check_bytes, check_text
from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.lint.fixer import apply_fixes, wanted
from pytest_lrcheck.lint.registry import UNREADABLE
from pytest_lrcheck.lint.rule import Rule
from pytest_lrcheck.lint.runner import keep_enabled
from pytest_lrcheck.lint.source import SourceError, decode, lines_with_ends

if TYPE_CHECKING:
    from pytest_lrcheck.lint.notebook import Cell, Notebook

MAX_ROUNDS = 10
# Not a problem to report: the fix is applied in the next round.
_RETRY = "another fix rewrites the same code"


@dataclass(frozen=True)
class FixedFile:
    display: str
    original: bytes
    fixed: bytes  # equal to ``original`` when nothing changed
    applied: tuple[Finding, ...]
    result: FileResult  # what is left after fixing
    # (label, before, after) of each changed text: the file, or each changed notebook cell.
    changes: tuple[tuple[str, str, str], ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """The changes as a unified diff, safe to show on a terminal: control and bidi
        characters of names and code are replaced (`output.sanitize`)."""
        from pytest_lrcheck.output.sanitize import printable, printable_lines

        parts: list[str] = []
        for label, before, after in self.changes:
            shown = printable(label)
            # Python's own lines: a form feed or U+2028 inside a line does not end it.
            lines = difflib.unified_diff(
                lines_with_ends(before), lines_with_ends(after), shown, shown
            )
            parts.extend(line if line.endswith("\n") else line + "\n" for line in lines)
        return printable_lines("".join(parts))


def has_wanted_fix(result: FileResult, *, unsafe: bool) -> bool:
    return any(wanted(f, unsafe=unsafe) for f in result.findings)


def fix_data(
    data: bytes, display: str, rules: Sequence[Rule], config: Config, *, unsafe: bool
) -> FixedFile:
    """Fix one file's bytes; the caller decides whether to write ``fixed``."""
    if display.endswith(".ipynb"):
        return _fix_notebook(data, display, rules, config, unsafe=unsafe)
    try:
        source = decode(data)
    except SourceError:
        return FixedFile(
            display, data, data, (), keep_enabled(check_bytes(data, display, rules), config)
        )
    text = source.text
    applied: list[Finding] = []
    problems: list[str] = []
    for _ in range(MAX_ROUNDS):
        result = keep_enabled(check_text(text, display, rules), config)
        outcome = apply_fixes(text, result.findings, unsafe=unsafe)
        problems = _problems(display, outcome.skipped)
        if not outcome.changed:
            break
        text = outcome.source
        applied.extend(outcome.applied)
    else:
        result = keep_enabled(check_text(text, display, rules), config)
    if not applied:
        return FixedFile(display, data, data, (), result, problems=tuple(problems))
    if any(f.code == UNREADABLE[0] for f in result.findings):
        problem = f"{display}: the fixed code could not be checked again; nothing was written"
        original = keep_enabled(check_text(source.text, display, rules), config)
        return FixedFile(display, data, data, (), original, problems=(problem,))
    try:
        fixed = text.encode(source.encoding)
    except UnicodeEncodeError:
        problem = f"{display}: the fixed code cannot be saved as {source.encoding}; not written"
        original = keep_enabled(check_text(source.text, display, rules), config)
        return FixedFile(display, data, data, (), original, problems=(problem,))
    changes = ((display, source.text, text),)
    return FixedFile(display, data, fixed, tuple(applied), result, changes, tuple(problems))


def _problems(display: str, skipped: Sequence[tuple[Finding, str]]) -> list[str]:
    return [
        f"{display}:{_where(f)}: {f.code} fix not applied: {reason}"
        for f, reason in skipped
        if reason != _RETRY
    ]


def _where(finding: Finding) -> str:
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    return f"{cell}{finding.span.line}:{finding.span.column}"


def _fix_notebook(
    data: bytes, display: str, rules: Sequence[Rule], config: Config, *, unsafe: bool
) -> FixedFile:
    from pytest_lrcheck.lint.notebook import (
        NotebookError,
        analyse_notebook,
        check_notebook_bytes,
        dump_notebook,
        read_notebook,
        with_cell_code,
    )

    try:
        notebook = read_notebook(data)
    except NotebookError:
        result = keep_enabled(check_notebook_bytes(data, display, rules), config)
        return FixedFile(display, data, data, (), result)
    before = {cell.index: cell.source for cell in notebook.cells}
    applied: list[Finding] = []
    problems: list[str] = []
    for _ in range(MAX_ROUNDS):
        result = keep_enabled(analyse_notebook(notebook, display, rules), config)
        by_cell: dict[int, list[Finding]] = {}
        for finding in result.findings:
            if wanted(finding, unsafe=unsafe) and finding.fix and finding.fix.cell is not None:
                by_cell.setdefault(finding.fix.cell, []).append(finding)
        changed = False
        problems = []
        for cell in notebook.cells:
            group = by_cell.get(cell.index)
            if not group or cell.code is None:
                continue
            outcome = apply_fixes(cell.code, group, unsafe=unsafe)
            problems.extend(_problems(display, outcome.skipped))
            if outcome.changed:
                notebook = with_cell_code(notebook, cell.index, outcome.source)
                applied.extend(outcome.applied)
                changed = True
        if not changed:
            break
    else:
        result = keep_enabled(analyse_notebook(notebook, display, rules), config)
    if not applied:
        return FixedFile(display, data, data, (), result, problems=tuple(problems))
    try:
        fixed = dump_notebook(notebook)
        reread: Notebook | None = read_notebook(fixed)
    except NotebookError:
        fixed, reread = data, None
    if reread is None or any(
        cell.code != before_code for cell, before_code in _codes(reread, notebook)
    ):
        problem = f"{display}: the fixed notebook could not be read back; nothing was written"
        original = keep_enabled(check_notebook_bytes(data, display, rules), config)
        return FixedFile(display, data, data, (), original, problems=(problem,))
    changes = tuple(
        (f"{display}:cell {cell.index}", before[cell.index], cell.source)
        for cell in notebook.cells
        if cell.source != before[cell.index]
    )
    return FixedFile(display, data, fixed, tuple(applied), result, changes, tuple(problems))


def _codes(reread: Notebook, fixed: Notebook) -> list[tuple[Cell, str | None]]:
    """Each cell of the written notebook with the code that was fixed for it."""
    written = {cell.index: cell.code for cell in fixed.cells}
    return [(cell, written.get(cell.index)) for cell in reread.cells]
