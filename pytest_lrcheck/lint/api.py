"""The linter's public API: what the CLI, the pytest plugin and users call."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.discovery import iter_files
from pytest_lrcheck.lint.engine import FileResult, check_path, check_text, make_rules
from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.lint.rule import Rule

__all__ = [
    "check_file",
    "collect_files",
    "lint_file",
    "lint_paths",
    "lint_results",
    "lint_source",
    "make_rules",
]


def lint_source(
    source: str, path: str = "<string>", *, config: Config | None = None
) -> list[Finding]:
    """Findings for Python source text (no Keras-mention shortcut: the text is always parsed).

    ``# noqa`` comments apply; ``per-file-ignores`` apply when ``config`` is given.
    """
    result = check_text(source, path, make_rules(config))
    if config is None:
        return list(result.findings)
    return [f for f in result.findings if config.is_enabled_for(f.code, path)]


def check_file(
    path: str | Path,
    rules: Sequence[Rule],
    *,
    config: Config | None = None,
    display: str | None = None,
    follow_imports: bool = True,
) -> FileResult:
    """One file, Python or notebook, with the given rule instances.

    With ``config``, the findings its ``per-file-ignores`` turn off for this path are dropped.
    ``display``: the path findings show (the path itself by default); ``follow_imports``:
    whether the project modules a Python file imports are read with it (`lint.project`).
    """
    if str(path).endswith(".ipynb"):
        from pytest_lrcheck.lint.notebook import check_notebook

        result = check_notebook(Path(path), rules)
        if display is not None:
            result = _shown_as(result, display)
    else:
        result = check_path(path, rules, display=display, follow_imports=follow_imports)
    if config is None:
        return result
    from pytest_lrcheck.lint.runner import keep_enabled

    return keep_enabled(result, config)


def _shown_as(result: FileResult, display: str) -> FileResult:
    findings = tuple(replace(f, path=display) for f in result.findings)
    return replace(result, path=display, findings=findings)


def lint_file(path: str | Path, *, config: Config | None = None) -> list[Finding]:
    return list(check_file(path, make_rules(config), config=config).findings)


def collect_files(
    paths: Iterable[str | Path],
    config: Config | None = None,
    *,
    force_exclude: bool = False,
    respect_gitignore: bool = False,
) -> list[Path]:
    """The files ``lrcheck PATH...`` checks: walked, with the configuration's exclusions and,
    if asked, what git ignores (``.gitignore``, ``.git/info/exclude``)."""
    config = config or Config()
    excluded: Callable[[Path], bool] = config.is_excluded
    force: Callable[[Path], bool] | None = None
    if force_exclude:
        force = config.is_excluded_with_parents
    if respect_gitignore:
        from pytest_lrcheck.lint.gitignore import is_ignored, is_ignored_with_parents

        def excluded(path: Path) -> bool:
            return config.is_excluded(path) or is_ignored(path)

        if force_exclude:

            def force(path: Path) -> bool:
                return config.is_excluded_with_parents(path) or is_ignored_with_parents(path)

    return list(iter_files(paths, excluded=excluded, force_excluded=force))


def lint_paths(paths: Iterable[str | Path], *, config: Config | None = None) -> list[Finding]:
    """Findings for every Python file and notebook under ``paths``."""
    return [f for result in lint_results(paths, config=config) for f in result.findings]


def lint_results(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    jobs: int | None = 1,
    cache_dir: Path | None = None,
    follow_imports: bool = True,
) -> list[FileResult]:
    """One result per file under ``paths``, in a stable order.

    ``jobs``: worker processes (None: as many as pay off); ``cache_dir``: where to keep
    per-file results between runs (None: no cache); ``follow_imports``: whether each file's
    imports of its own project are read with it.
    """
    from pytest_lrcheck.lint.runner import run

    config = config or Config()
    files = collect_files(paths, config)
    outcome = run(files, config, jobs=jobs, cache_dir=cache_dir, follow_imports=follow_imports)
    return list(outcome.results)
