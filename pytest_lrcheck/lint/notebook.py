"""Jupyter notebooks: code cells checked as one program, findings mapped back to their cells.

Cells run in document order, the order "Restart & Run All" (and nbval, papermill, CI) executes
them: names defined in one cell are known in the next.  The execution counts of an interactive
session are not used: a cell re-run later would reorder the program into one that never ran, and
a linter that reorders code cries wolf.  Cell numbers count every cell from 1 (markdown cells
too), as ruff does, so ``cell N`` is ``cells[N-1]`` of the file.

A cell is read as IPython reads it: when its first line is indented, that indentation is
removed from every line that starts with it.  IPython syntax (``%magic``, ``!shell``,
``x = !cmd``, ``obj?``) is replaced by a ``pass`` placeholder of the same line count before
parsing, and restored after a fix; the placeholder's marker is one the cell does not contain,
so code that looks like a placeholder stays code.  A cell magic other than timing and capture
(``%%bash``, ``%%writefile``...) hides the whole cell.  Lines are split where Python splits
them (``\r\n``, ``\r``, ``\n``), never at a form feed or U+2028, so nothing is lost in between.
"""

from __future__ import annotations

import ast
import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pytest_lrcheck.lint.engine import (
    FileResult,
    analyse,
    check_path,
    no_cyclic_gc,
    parse_failure,
    unreadable,
)
from pytest_lrcheck.lint.findings import Finding, Span
from pytest_lrcheck.lint.rule import Rule
from pytest_lrcheck.lint.source import is_relevant, lines_with_ends, parse_python, split_lines

# Cell magics whose body is ordinary Python run in the kernel.
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "memit", "debug"})
_MAGIC_LINE = re.compile(r"^\s*(?:[%!]|\?|[\w.\[\]'\"]+\?\??\s*$|[\w.,\s()\[\]*]+=\s*[%!])")
_MARKER = "lrcheck-magic"
_PLACEHOLDER = "pass  # {}:{}"
_PLACEHOLDER_LINE = re.compile(r"^[ \t]*pass  # lrcheck-magic(_*):(\d+)$")
_LEADING_INDENT = re.compile(r"^[ \t]+")
_LINE_REFERENCE = re.compile(r"\bline (\d+)\b")


class NotebookError(Exception):
    """The file is not a notebook lrcheck can read; the message says why, for a user."""


class NotUTF8Error(NotebookError):
    """The file is not UTF-8, which nbformat requires: whatever it says cannot be searched."""


@dataclass(frozen=True)
class Cell:
    index: int  # 1-based among all cells of the file
    source: str  # as stored in the notebook
    code: str | None  # what Python sees; None when the cell is not Python (a %%bash cell)
    magics: tuple[str, ...] = ()  # the original lines behind the placeholders, by number
    indent: str = ""  # removed from the lines that start with it, as IPython does
    # Why the cell cannot be read (no 'source', or one of the wrong type); then code is None.
    problem: str | None = None


@dataclass(frozen=True)
class Notebook:
    document: dict[str, Any]
    cells: tuple[Cell, ...]  # code cells only
    text: str  # the file as read, to write changes back in the same layout


def read_notebook(data: bytes) -> Notebook:
    try:
        text = data.decode("utf-8")  # a BOM stays in the text, to be written back
    except UnicodeDecodeError as error:
        raise NotUTF8Error(f"not valid UTF-8 (byte {error.start})") from None
    try:
        document = json.loads(text[1:] if text.startswith("\ufeff") else text)
    except json.JSONDecodeError as error:
        raise NotebookError(
            f"not valid JSON: {error.msg} (line {error.lineno} column {error.colno})"
        ) from None
    except RecursionError:
        raise NotebookError("not valid JSON: nested too deeply") from None
    except ValueError as error:
        # Valid JSON that Python will not read, e.g. an integer of more than 4300 digits.
        reason = str(error).split(";")[0]
        raise NotebookError(f"cannot read the notebook's JSON: {reason}") from None
    major = document.get("nbformat") if isinstance(document, dict) else None
    if isinstance(major, int) and not isinstance(major, bool) and major < 4:
        raise NotebookError(
            f"nbformat {major} notebooks are not supported; "
            "upgrade with: jupyter nbconvert --to notebook --nbformat 4"
        )
    if not isinstance(document, dict) or not isinstance(document.get("cells"), list):
        raise NotebookError("not a Jupyter notebook (no 'cells' list)")
    cells = []
    for number, raw in enumerate(document["cells"], start=1):
        if not isinstance(raw, dict):
            raise NotebookError(f"cell {number} is not a JSON object")
        if raw.get("cell_type") != "code":
            continue
        source = _joined(raw.get("source"))
        if source is None:
            problem = "no 'source'" if "source" not in raw else "'source' is not text"
            problem += " (it must be a string or a list of strings)"
            cells.append(Cell(number, "", None, problem=problem))
            continue
        indent, body = dedent_cell(source)
        code, magics = to_python(body)
        cells.append(Cell(number, source, code, magics, indent))
    return Notebook(document, tuple(cells), text)


def dedent_cell(source: str) -> tuple[str, str]:
    """IPython's ``leading_indent``: the first line's indentation, and the source without it on
    every line that starts with it.  No indentation: ``("", source)``."""
    lines = lines_with_ends(source)
    match = _LEADING_INDENT.match(lines[0]) if lines else None
    if match is None or _parses(source):
        return "", source
    indent = match.group(0)
    return indent, "".join(
        line[len(indent) :] if line.startswith(indent) else line for line in lines
    )


def _joined(source: object) -> str | None:
    """A cell's source as one string; None when it is missing or not text."""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    return None


def is_python(document: dict[str, Any]) -> bool:
    metadata = document.get("metadata")
    if not isinstance(metadata, dict):
        return True
    for key, name_key in (("language_info", "name"), ("kernelspec", "language")):
        info = metadata.get(key)
        if isinstance(info, dict) and isinstance(info.get(name_key), str):
            return info[name_key].lower() in {"python", "python3", "ipython"}
    return True


def to_python(source: str) -> tuple[str | None, tuple[str, ...]]:
    """Cell source as Python: IPython lines become placeholders (returned, to restore them)."""
    lines = lines_with_ends(source)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        name = lines[first].lstrip()[2:].split(maxsplit=1)
        if not name or name[0] not in _PYTHON_CELL_MAGICS:
            return None, ()
    elif _parses(source):
        return source, ()
    marker = _MARKER
    while marker in source:  # then no longer one is in it either
        marker += "_"
    magics: list[str] = []
    out: list[str] = []
    continued = False
    indent = ""
    for number, line in enumerate(lines):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        is_magic = continued or _MAGIC_LINE.match(body) is not None
        is_magic = is_magic or (number == first and body.lstrip().startswith("%%"))
        if not is_magic:
            out.append(line)
            continue
        if not continued:
            indent = body[: len(body) - len(body.lstrip())]
        out.append(indent + _PLACEHOLDER.format(marker, len(magics)) + ending)
        magics.append(body)
        continued = body.endswith("\\")
    return "".join(out), tuple(magics)


def _parses(code: str) -> bool:
    try:
        parse_python(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def restore_magics(code: str, magics: Sequence[str]) -> str:
    """Undo `to_python` on (possibly fixed) cell code."""
    if not magics:
        return code
    lines = lines_with_ends(code)
    bodies = [line.rstrip("\r\n") for line in lines]
    matches = [_PLACEHOLDER_LINE.match(body) for body in bodies]
    # Ours carry the longest marker: the cell's own text holds only shorter ones.
    ours = max((len(m.group(1)) for m in matches if m is not None), default=0)
    out = []
    for line, body, match in zip(lines, bodies, matches, strict=True):
        if match is None or len(match.group(1)) != ours or int(match.group(2)) >= len(magics):
            out.append(line)
        else:
            out.append(magics[int(match.group(2))] + line[len(body) :])
    return "".join(out)


# --- checking ------------------------------------------------------------------------------------
def check_notebook(path: Path, rules: Sequence[Rule], *, display: str | None = None) -> FileResult:
    return check_path(path, rules, display=display, check=check_notebook_bytes)


def check_notebook_bytes(data: bytes, path: str, rules: Sequence[Rule]) -> FileResult:
    # The bytes need not hold "keras" in one piece (a source split into single characters, a
    # file in UTF-16): only a readable notebook whose code never mentions it is skipped.
    relevant = is_relevant(data)
    try:
        notebook = read_notebook(data)
    except NotebookError as error:
        if not relevant and not isinstance(error, NotUTF8Error):
            return FileResult(path, skipped="does not mention keras or tensorflow")
        return FileResult(path, (unreadable(path, f"{error}; the notebook was not checked"),))
    if not relevant and not any(is_relevant(cell.source.encode()) for cell in notebook.cells):
        return FileResult(path, skipped="does not mention keras or tensorflow")
    return analyse_notebook(notebook, path, rules)


def analyse_notebook(notebook: Notebook, path: str, rules: Sequence[Rule]) -> FileResult:
    if not is_python(notebook.document):
        return FileResult(path, skipped="not a Python notebook")
    with no_cyclic_gc():
        return _analyse_cells(notebook, path, rules)


def _analyse_cells(notebook: Notebook, path: str, rules: Sequence[Rule]) -> FileResult:
    broken: list[Finding] = []
    body: list[ast.stmt] = []
    texts: list[str] = []
    starts: list[int] = []  # first combined line of each included cell, minus one
    included: list[Cell] = []
    offset = 0
    for cell in notebook.cells:
        if cell.problem is not None:
            message = f"cell {cell.index} has {cell.problem}; the cell was not checked"
            broken.append(replace(unreadable(path, message), cell=cell.index))
            continue
        if cell.code is None or not cell.code.strip():
            continue
        try:
            tree = parse_python(cell.code)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            broken.append(_broken_cell(path, cell, error))
            continue
        text = cell.code if cell.code.endswith(("\n", "\r")) else cell.code + "\n"
        ast.increment_lineno(tree, offset)
        body.extend(tree.body)
        texts.append(text)
        starts.append(offset)
        included.append(cell)
        offset += len(split_lines(text)) - 1
    result = analyse(ast.Module(body=body, type_ignores=[]), "".join(texts), path, rules)
    mapped = [_to_cell(f, starts, included) for f in result.findings]
    findings = sorted([*broken, *mapped], key=Finding.sort_key)
    return replace(result, findings=tuple(findings))


def _broken_cell(path: str, cell: Cell, error: Exception) -> Finding:
    if isinstance(error, SyntaxError):
        line = error.lineno or 1
        column = max(error.offset or 1, 1)
        message = f"cannot parse: {error.msg}; the cell was not checked"
    else:
        line, column = 1, 1
        message = f"cannot parse: {parse_failure(error)}; the cell was not checked"
    return replace(unreadable(path, message, Span(line, column, line, column)), cell=cell.index)


def _to_cell(finding: Finding, starts: list[int], cells: list[Cell]) -> Finding:
    def locate(span: Span) -> tuple[Cell, Span]:
        position = max(bisect.bisect_left(starts, span.line) - 1, 0)
        start = starts[position]
        moved = Span(span.line - start, span.column, span.end_line - start, span.end_column)
        owner = cells[position]
        return owner, _indented(moved, owner) if owner.indent else moved

    owner, span = locate(finding.span)
    fix = finding.fix
    if fix is not None:
        target_cell, target = locate(fix.target)
        fix = replace(fix, target=target, cell=target_cell.index)
        if owner.indent or target_cell.indent:
            fix = None  # the fix would be written without the indentation IPython removed

    def cell_line(match: re.Match[str]) -> str:
        # Messages cite evidence as "line N" of the program; in a notebook that is a cell line.
        where, moved = locate(Span(int(match.group(1)), 1, int(match.group(1)), 1))
        return f"cell {where.index}, line {moved.line}"

    message = _LINE_REFERENCE.sub(cell_line, finding.message) if starts else finding.message
    return replace(finding, span=span, cell=owner.index, fix=fix, message=message)


def _indented(span: Span, cell: Cell) -> Span:
    """``span`` of the dedented code as a span of the cell's source."""
    lines = split_lines(cell.source)

    def column(line: int, value: int) -> int:
        has = 1 <= line <= len(lines) and lines[line - 1].startswith(cell.indent)
        return value + len(cell.indent) if has else value

    return Span(
        span.line,
        column(span.line, span.column),
        span.end_line,
        column(span.end_line, span.end_column),
    )


# --- writing -------------------------------------------------------------------------------------
def with_cell_code(notebook: Notebook, index: int, code: str) -> Notebook:
    """The notebook with cell ``index``'s Python code replaced (magics restored)."""
    cells = []
    for cell in notebook.cells:
        if cell.index == index:
            source = restore_magics(code, cell.magics)
            cell = Cell(index, source, code, cell.magics, cell.indent)
        cells.append(cell)
    return Notebook(notebook.document, tuple(cells), notebook.text)


def dump_notebook(notebook: Notebook) -> bytes:
    """The notebook's file with the changed cells' sources written in; nothing else differs.
    Raises `NotebookError` when that cannot be done (`notebook_write.py`)."""
    from pytest_lrcheck.lint.notebook_write import SpliceError, splice_sources

    document = notebook.document
    changed = {
        cell.index: cell.source
        for cell in notebook.cells
        if cell.problem is None
        and _joined(document["cells"][cell.index - 1].get("source")) != cell.source
    }
    if not changed:
        return notebook.text.encode("utf-8")
    try:
        return splice_sources(notebook.text, changed).encode("utf-8")
    except SpliceError as error:
        raise NotebookError(str(error)) from None


def cell_lines(data: bytes) -> dict[int, list[str]]:
    """Each code cell's source lines by cell number, for showing excerpts."""
    try:
        notebook = read_notebook(data)
    except NotebookError:
        return {}
    return {cell.index: split_lines(cell.source) for cell in notebook.cells}
