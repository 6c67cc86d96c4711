"""What the server asks of the linter, as plain values in and out: they cross to the worker.

An open buffer is checked as ``lrcheck PATH --force-exclude`` would check the file saved with
this text: its bytes, in the encoding its coding comment declares, go through the command's own
per-file function, with the configuration found from the file's path, its ``per-file-ignores``
applied to that path and its exclusions honoured.  A notebook's cells are written into a
notebook document and go the same way.  Fixes are the command's: one finding's fix with
`fixer.apply_fixes`, and "fix all" with `autofix.fix_data`, rounds and checks included.
"""

from __future__ import annotations

import io
import json
import tokenize
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pytest_lrcheck.config import Config, ConfigError, load_config
from pytest_lrcheck.lint.engine import FileResult, check_text, make_rules
from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.lint.runner import check_data, keep_enabled
from pytest_lrcheck.lint.source import SourceError, decode, is_relevant

CellKind = Literal["code", "markdown", "raw"]
# One notebook cell as the editor holds it: its kind ("raw" for code in another language)
# and its text.
CellText = tuple[CellKind, str]
UNTITLED_SCRIPT = "untitled.py"
UNTITLED_NOTEBOOK = "untitled.ipynb"


@dataclass(frozen=True)
class Checked:
    findings: tuple[Finding, ...] = ()
    # Why the buffer was not checked when that is no problem: excluded, no Keras in it.
    skipped: str | None = None
    # The configuration for the buffer's path cannot be read: nothing was checked.
    config_error: str | None = None
    internal_errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fixed:
    # The new text of the script, or of each changed cell by its 1-based number.
    texts: Mapping[int, str]
    # Why a fix could not be made, one line each.
    problems: tuple[str, ...] = ()


def _config(path: str | None) -> Config:
    return load_config([path] if path is not None else [])


def _excluded(config: Config, path: str | None) -> bool:
    return path is not None and config.is_excluded_with_parents(path)


def script_bytes(text: str) -> bytes | None:
    """The text as the file would be saved: in its declared encoding; None when it cannot be."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(text.encode("utf-8")).readline)
        return text.encode("utf-8" if encoding == "utf-8-sig" else encoding)
    except (SyntaxError, LookupError, UnicodeError):
        return None


def notebook_bytes(cells: tuple[CellText, ...]) -> bytes:
    """A notebook document (nbformat 4) holding the cells."""
    document = {
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": text}
            | ({"execution_count": None, "outputs": []} if kind == "code" else {})
            for kind, text in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, indent=1).encode("utf-8")


def _checked(
    path: str | None, display: str, data: Callable[[], bytes | None], text: str
) -> Checked:
    try:
        config = _config(path)
    except ConfigError as error:
        return Checked(config_error=str(error))
    if _excluded(config, path):
        return Checked(skipped="excluded by the configuration")
    rules = make_rules(config)
    raw = data()
    if raw is None:
        # Text that cannot be saved as it says (a lone surrogate, an encoding it cannot hold):
        # checked as text, which reports what is wrong with it.
        result = (
            check_text(text, display, rules)
            if is_relevant(text.encode("utf-8", "replace"))
            else FileResult(display)
        )
    else:
        result = check_data(raw, display, rules)
    result = keep_enabled(result, config)
    return Checked(result.findings, result.skipped, None, result.internal_errors)


def check_script(text: str, path: str | None) -> Checked:
    return _checked(path, path or UNTITLED_SCRIPT, lambda: script_bytes(text), text)


def check_cells(cells: tuple[CellText, ...], path: str | None) -> Checked:
    joined = "".join(text for _, text in cells)
    return _checked(path, path or UNTITLED_NOTEBOOK, lambda: notebook_bytes(cells), joined)


def fix_one(text: str, finding: Finding) -> Fixed:
    """Apply one finding's fix (safe or not: the user chose it) to a script or a cell.

    For a notebook finding, ``text`` is the source of the cell its fix rewrites.
    """
    from pytest_lrcheck.lint.fixer import apply_fixes
    from pytest_lrcheck.lint.notebook import restore_magics, to_python

    key = finding.fix.cell if finding.fix is not None and finding.fix.cell is not None else 0
    code, magics = to_python(text) if key else (text, ())
    if code is None:
        return Fixed({}, (f"{finding.code}: the cell is not Python",))
    outcome = apply_fixes(code, [finding], unsafe=True)
    if not outcome.changed:
        reasons = [reason for _, reason in outcome.skipped] or ["nothing to change"]
        return Fixed({}, tuple(f"{finding.code} fix not applied: {r}" for r in reasons))
    return Fixed({key: restore_magics(outcome.source, magics)})


def _fixed_all(
    path: str | None, display: str, data: bytes | None
) -> tuple[bytes, bytes, tuple[str, ...]] | Fixed:
    from pytest_lrcheck.lint.autofix import fix_data

    if data is None:
        return Fixed({}, ("the text cannot be saved in its declared encoding",))
    try:
        config = _config(path)
    except ConfigError as error:
        return Fixed({}, (str(error),))
    if _excluded(config, path):
        return Fixed({})
    fixed = fix_data(data, display, make_rules(config), config, unsafe=False)
    return data, fixed.fixed, fixed.problems


def fix_all_script(text: str, path: str | None) -> Fixed:
    """Every safe fix, in rounds, as ``lrcheck --fix`` makes them."""
    outcome = _fixed_all(path, path or UNTITLED_SCRIPT, script_bytes(text))
    if isinstance(outcome, Fixed):
        return outcome
    before, after, problems = outcome
    if after == before:
        return Fixed({}, problems)
    try:
        return Fixed({0: decode(after).text}, problems)
    except SourceError as error:
        return Fixed({}, (*problems, str(error)))


def fix_all_cells(cells: tuple[CellText, ...], path: str | None) -> Fixed:
    from pytest_lrcheck.lint.notebook import NotebookError, read_notebook

    outcome = _fixed_all(path, path or UNTITLED_NOTEBOOK, notebook_bytes(cells))
    if isinstance(outcome, Fixed):
        return outcome
    before, after, problems = outcome
    if after == before:
        return Fixed({}, problems)
    try:
        notebook = read_notebook(after)
    except NotebookError as error:
        return Fixed({}, (*problems, str(error)))
    texts = {c.index: c.source for c in notebook.cells if c.source != cells[c.index - 1][1]}
    return Fixed(texts, problems)


# The only functions the worker process runs, by name.
JOBS: dict[str, Callable[..., Any]] = {
    "check_script": check_script,
    "check_cells": check_cells,
    "fix_one": fix_one,
    "fix_all_script": fix_all_script,
    "fix_all_cells": fix_all_cells,
}
