"""Which files to check: Python files and notebooks under the given paths."""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".py", ".ipynb")
# Directories that hold other people's code, caches or build output.  The default of the
# ``exclude`` setting; a configured ``exclude`` replaces it, ``extend-exclude`` adds to it.
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        ".eggs",
        "build",
        "dist",
        "__pycache__",
        "site-packages",
        "node_modules",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".lrcheck_cache",
        ".ipynb_checkpoints",
    }
)
DEFAULT_EXCLUDE: tuple[str, ...] = (*sorted(SKIPPED_DIRS), "*.egg-info")
# Never walked into, whatever the configuration says.
_ALWAYS_SKIPPED = frozenset({".git", ".hg", ".svn"})

Excluded = Callable[[Path], bool]


def default_excluded(path: Path) -> bool:
    return path.name in SKIPPED_DIRS or path.name.endswith(".egg-info")


def _skip_dir(directory: Path, excluded: Excluded) -> bool:
    if directory.name in _ALWAYS_SKIPPED or excluded(directory):
        return True
    # Any virtualenv, whatever it is called.  A directory that may not be searched is not
    # skipped: the walk cannot list it and reports it as not checked.
    try:
        return (directory / "pyvenv.cfg").is_file()
    except OSError:
        return False


def iter_files(
    paths: Iterable[str | Path],
    *,
    excluded: Excluded | None = None,
    force_excluded: Excluded | None = None,
) -> Iterator[Path]:
    """Files to check, each once, in a stable order.

    A file named explicitly is checked unless ``force_excluded`` says otherwise (pre-commit
    names every staged file, so its hook passes ``--force-exclude``); directories are walked
    without following symlinks (so a symlink loop cannot hang the walk), skipping what
    ``excluded`` matches (by default `SKIPPED_DIRS`), version control directories and virtualenvs.
    """
    excluded = excluded or default_excluded
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if _is_dir(path):
            if force_excluded is not None and force_excluded(path):
                continue
            candidates = _walk(path, excluded)
        elif force_excluded is not None and force_excluded(path):
            continue
        else:
            candidates = iter([path])
        for candidate in candidates:
            key = Path(os.path.normpath(candidate))
            if key not in seen:
                seen.add(key)
                yield candidate


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # inside a directory that may not be searched: a file that cannot be read
        return False


def _walk(root: Path, excluded: Excluded) -> Iterator[Path]:
    # A directory the walk cannot list (no permission) is yielded like a file: reading it
    # fails, so it is reported as not checked instead of its files silently going missing.
    unlisted: list[OSError] = []
    for directory, dirnames, filenames in os.walk(root, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        here = Path(directory)
        dirnames[:] = sorted(d for d in dirnames if not _skip_dir(here / d, excluded))
        for filename in sorted(filenames):
            if filename.endswith(SUFFIXES) and not excluded(here / filename):
                yield here / filename
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[Path]:
    while errors:
        failed = errors.pop(0)
        if failed.filename is not None:
            yield Path(os.fsdecode(failed.filename))


@dataclass(frozen=True)
class PathMatcher:
    """Globs as ``exclude`` reads them: without a ``/`` a glob matches a file or directory
    name; with one, the path relative to the configuration's directory (or the absolute path).
    Compiled once, because the walk asks about every file and directory."""

    names: frozenset[str]
    name_glob: re.Pattern[str] | None
    path_glob: re.Pattern[str] | None

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def of(patterns: tuple[str, ...]) -> PathMatcher:
        literal = {p for p in patterns if "/" not in p and not _GLOB.search(p)}
        by_name = [p for p in patterns if "/" not in p and p not in literal]
        by_path = [p.rstrip("/") for p in patterns if "/" in p]
        # "**/" also matches no directory at all: "tests/**/*.py" covers tests/test_x.py.
        by_path += [p.replace("**/", "") for p in by_path if "**/" in p]
        return PathMatcher(frozenset(literal), _compile(by_name), _compile(by_path))

    def matches(self, path: Path, base: Path) -> bool:
        name = path.name
        if name in self.names or (self.name_glob is not None and self.name_glob.match(name)):
            return True
        if self.path_glob is None:
            return False
        absolute = os.path.abspath(path)
        if self.path_glob.match(Path(absolute).as_posix()):
            return True
        relative = os.path.relpath(absolute, base)
        return not relative.startswith("..") and bool(
            self.path_glob.match(Path(relative).as_posix())
        )


_GLOB = re.compile(r"[*?\[]")


def _compile(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns))
