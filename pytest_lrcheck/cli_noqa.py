"""``lrcheck --add-noqa``: a ``# noqa: CODE`` comment on every line with a finding.

For adopting lrcheck (or a new rule) on an existing project: the current findings are silenced
where they are, and only new code is held to the rules.  An existing ``# noqa: CODES`` list gets
the code added; a line that cannot end in a comment (inside a multi-line string, after a
backslash) is left alone, and the finding stays.  Notebooks get their comments cell by cell.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from pytest_lrcheck.cli import EXIT_CLEAN, EXIT_ERROR
from pytest_lrcheck.config import UNREADABLE_CODE
from pytest_lrcheck.lint.engine import FileResult
from pytest_lrcheck.lint.findings import Finding


def add_noqa(results: Sequence[FileResult], *, quiet: bool) -> int:
    from pytest_lrcheck.lint.notebook import NotebookError
    from pytest_lrcheck.lint.source import SourceError, read_source
    from pytest_lrcheck.lint.writer import WriteError, write_fixed

    added = files = 0
    problems: list[str] = []
    # By the file each finding points at: one on an imported module's line (found while
    # checking the file that imports it) takes its comment in that module.
    by_file: dict[str, list[Finding]] = {}
    for result in results:
        for finding in result.findings:
            # An unreadable file cannot take a comment; LRC001's fix removes directives instead.
            if finding.code not in (UNREADABLE_CODE, "LRC001"):
                by_file.setdefault(finding.path, []).append(finding)
    for shown, findings in by_file.items():
        path = Path(shown)
        try:
            data = read_source(path)
            new, count = _with_noqa(data, shown, findings)
        except OSError as error:
            problems.append(f"{shown}: not changed: {error.strerror or error}")
            continue
        except (SourceError, NotebookError) as error:
            problems.append(f"{shown}: not changed: {error}")
            continue
        if not count:
            continue
        try:
            write_fixed(path, new, expected=data)
        except WriteError as failed:
            problems.append(str(failed))
            continue
        added, files = added + count, files + 1
    for problem in problems:
        print(f"lrcheck: warning: {problem}", file=sys.stderr)
    if not quiet:
        noun = "directive" if added == 1 else "directives"
        print(f"Added {added} noqa {noun} to {files} file(s).", file=sys.stderr)
    errors = [e for result in results for e in result.internal_errors]
    for line in errors:
        print(f"lrcheck: internal error: {line}", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_CLEAN


def _with_noqa(data: bytes, display: str, findings: list[Finding]) -> tuple[bytes, int]:
    from pytest_lrcheck.lint.noqa_edit import add_noqa as add
    from pytest_lrcheck.lint.source import decode

    if display.endswith(".ipynb"):
        return _notebook_with_noqa(data, findings)
    source = decode(data)
    text, count = add(source.text, findings)
    return text.encode(source.encoding), count


def _notebook_with_noqa(data: bytes, findings: list[Finding]) -> tuple[bytes, int]:
    from pytest_lrcheck.lint.noqa_edit import add_noqa as add
    from pytest_lrcheck.lint.notebook import dump_notebook, read_notebook, with_cell_code

    notebook = read_notebook(data)
    total = 0
    for cell in notebook.cells:
        mine = [f for f in findings if f.cell == cell.index]
        if not mine or cell.code is None:
            continue
        code, count = add(cell.code, mine)
        if count:
            notebook = with_cell_code(notebook, cell.index, code)
            total += count
    return (dump_notebook(notebook), total) if total else (data, 0)
