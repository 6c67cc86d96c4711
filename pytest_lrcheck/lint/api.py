"""The linter's public API: what the CLI, the pytest plugin and users call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.discovery import iter_files
from pytest_lrcheck.lint.engine import FileResult, check_path, check_text, make_rules
from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.lint.rule import Rule


def lint_source(
    source: str, path: str = "<string>", *, config: Config | None = None
) -> list[Finding]:
    """Findings for Python source text (no Keras-mention shortcut: the text is always parsed)."""
    return list(check_text(source, path, make_rules(config)).findings)


def check_file(path: str | Path, rules: Sequence[Rule]) -> FileResult:
    """One file, Python or notebook, with the given rule instances."""
    if str(path).endswith(".ipynb"):
        from pytest_lrcheck.lint.notebook import check_notebook

        return check_notebook(Path(path), rules)
    return check_path(path, rules)


def lint_file(path: str | Path, *, config: Config | None = None) -> list[Finding]:
    return list(check_file(path, make_rules(config)).findings)


def lint_paths(paths: Iterable[str | Path], *, config: Config | None = None) -> list[Finding]:
    """Findings for every Python file and notebook under ``paths``."""
    return [f for result in lint_results(paths, config=config) for f in result.findings]


def lint_results(paths: Iterable[str | Path], *, config: Config | None = None) -> list[FileResult]:
    rules = make_rules(config)
    return [check_file(path, rules) for path in iter_files(paths)]
