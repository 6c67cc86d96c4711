"""``.gitignore`` as git reads it, so that ``lrcheck .`` skips what the repository ignores.

Only inside a git repository (a directory with ``.git`` above the file), as git itself and ruff's
walker do.  The patterns of ``.git/info/exclude`` and of every ``.gitignore`` from the repository's
root down to the file's directory are tried in that order and the last one that matches decides,
so a deeper file overrides a shallower one and ``!pattern`` re-includes.  Pattern syntax as in
gitignore(5): ``#`` comments, ``\\`` escapes, a trailing ``/`` for directories only, a ``/`` at
the start or in the middle anchors the pattern to its file's directory, ``*``, ``?``, ``[...]``
and ``**``.  Without new dependencies: the rules are few and the walk asks once per entry.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    negated: bool
    directory_only: bool


@dataclass(frozen=True)
class _PatternFile:
    base: str  # the directory the patterns are relative to, absolute
    patterns: tuple[_Pattern, ...]


def parse_patterns(text: str) -> tuple[_Pattern, ...]:
    patterns = []
    for raw in text.splitlines():
        line = raw.rstrip("\n\r")
        if not line or line.startswith("#"):
            continue
        line = _strip_trailing_spaces(line)
        negated = line.startswith("!")
        if negated or line.startswith("\\!") or line.startswith("\\#"):
            line = line[1:]
        directory_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        body = _translate(line.lstrip("/"))
        regex = body if anchored else f"(?:.*/)?{body}"
        patterns.append(_Pattern(re.compile(f"{regex}\\Z", re.DOTALL), negated, directory_only))
    return tuple(patterns)


def _strip_trailing_spaces(line: str) -> str:
    stripped = line.rstrip(" ")
    # An escaped space ("foo\ ") is kept.
    if stripped.endswith("\\") and len(stripped) < len(line):
        return stripped + " "
    return stripped


def _translate(pattern: str) -> str:
    out = []
    index, size = 0, len(pattern)
    while index < size:
        if pattern.startswith("**/", index) and (index == 0 or pattern[index - 1] == "/"):
            out.append("(?:.*/)?")
            index += 3
        elif (
            pattern.startswith("**", index)
            and index + 2 == size
            and pattern[index - 1 : index] in ("/", "")
        ):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        elif pattern[index] == "[":
            end = pattern.find("]", index + 2)
            if end < 0:
                out.append(re.escape("["))
                index += 1
                continue
            inside = pattern[index + 1 : end]
            if inside.startswith("!"):
                inside = "^" + inside[1:]
            out.append(f"[{inside.replace(chr(92), chr(92) * 2)}]")
            index = end + 1
        elif pattern[index] == "\\" and index + 1 < size:
            out.append(re.escape(pattern[index + 1]))
            index += 2
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _repository_root(directory: str) -> str | None:
    if os.path.exists(os.path.join(directory, ".git")):
        return directory
    parent = os.path.dirname(directory)
    return None if parent == directory else _repository_root(parent)


# Each pattern file is read once per process, as one command run needs it; a long-lived process
# that must see edits clears these caches.
@functools.lru_cache(maxsize=4096)
def _pattern_file(base: str, path: str) -> _PatternFile | None:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            text = handle.read()
    except OSError:  # absent, or unreadable: git goes on without it too
        return None
    patterns = parse_patterns(text)
    return _PatternFile(base, patterns) if patterns else None


@functools.lru_cache(maxsize=4096)
def _pattern_files(directory: str, root: str) -> tuple[_PatternFile, ...]:
    chain = [directory]
    while chain[-1] != root:
        parent = os.path.dirname(chain[-1])
        if parent == chain[-1]:
            break
        chain.append(parent)
    files = [_pattern_file(root, os.path.join(root, ".git", "info", "exclude"))]
    files.extend(_pattern_file(d, os.path.join(d, ".gitignore")) for d in reversed(chain))
    return tuple(f for f in files if f is not None)


def is_ignored(path: str | Path) -> bool:
    """Whether git ignores ``path`` itself (its directories are `is_ignored_with_parents`)."""
    absolute = os.path.abspath(path)
    directory = os.path.dirname(absolute)
    root = _repository_root(directory)
    if root is None or absolute == root:
        return False
    decision = False
    is_dir: bool | None = None
    for pattern_file in _pattern_files(directory, root):
        relative = os.path.relpath(absolute, pattern_file.base).replace(os.sep, "/")
        for pattern in pattern_file.patterns:
            if pattern.negated != decision or not pattern.regex.match(relative):
                continue
            if pattern.directory_only:
                if is_dir is None:
                    is_dir = os.path.isdir(absolute)
                if not is_dir:
                    continue
            decision = not pattern.negated
    return decision


def is_ignored_with_parents(path: str | Path) -> bool:
    """`is_ignored` for the path or a directory above it, up to the repository's root."""
    absolute = Path(os.path.abspath(path))
    return any(is_ignored(candidate) for candidate in (absolute, *absolute.parents))
