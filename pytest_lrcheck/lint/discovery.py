"""Which files to check: Python files and notebooks under the given paths."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

SUFFIXES = (".py", ".ipynb")
# Directories that hold other people's code, caches or build output.
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


def _skip_dir(directory: Path) -> bool:
    name = directory.name
    if name in SKIPPED_DIRS or name.endswith(".egg-info"):
        return True
    # Any virtualenv, whatever it is called.
    return (directory / "pyvenv.cfg").is_file()


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to check, each once, in a stable order.

    A file named explicitly is always checked; directories are walked without following
    symlinks (so a symlink loop cannot hang the walk), skipping `SKIPPED_DIRS` and virtualenvs.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        candidates = _walk(path) if path.is_dir() else iter([path])
        for candidate in candidates:
            key = Path(os.path.normpath(candidate))
            if key not in seen:
                seen.add(key)
                yield candidate


def _walk(root: Path) -> Iterator[Path]:
    for directory, dirnames, filenames in os.walk(root):
        here = Path(directory)
        dirnames[:] = sorted(d for d in dirnames if not _skip_dir(here / d))
        for filename in sorted(filenames):
            if filename.endswith(SUFFIXES):
                yield here / filename
