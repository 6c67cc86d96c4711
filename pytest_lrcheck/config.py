"""``[tool.lrcheck]`` settings as a frozen value, and where they are found.

Keys, as ruff spells them: ``select``, ``extend-select``, ``ignore``, ``per-file-ignores``,
``exclude``, ``extend-exclude``, ``cache-dir``, ``follow-imports``, and
``[tool.lrcheck.settings.LRCxxx]`` tables for rule settings.  The file is the nearest
``.lrcheck.toml``, ``lrcheck.toml`` (top-level keys) or ``pyproject.toml`` with a
``[tool.lrcheck]`` table, walking up from the checked paths; an explicit ``config_file`` wins.
Every mistake raises `ConfigError` (a ``ValueError``) naming the file and the key, so that the
command and the pytest plugin can report it without a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pytest_lrcheck.lint.discovery import DEFAULT_EXCLUDE, PathMatcher

CACHE_DIR_NAME = ".lrcheck_cache"
UNREADABLE_CODE = "LRC000"


class ConfigError(ValueError):
    """The configuration is wrong; the message names the file and the key."""


def _frozen(mapping: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Config:
    # Code selectors as ruff reads them: "LRC1" selects LRC100-LRC199, "ALL" everything.
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    # Per-rule settings, e.g. {"LRC301": {"adam": 0.1}}.
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=_frozen)
    extend_select: tuple[str, ...] = ()
    # (glob, codes) pairs; a file matching the glob does not report those codes.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    cache_dir: Path | None = None
    # Whether a checked file's imports of its own project are read with it (`lint.project`).
    follow_imports: bool = True
    # The directory that relative globs and ``cache-dir`` are read from: the config file's.
    root: Path | None = None
    # The file the settings came from; None for the defaults.
    source: Path | None = None

    def __post_init__(self) -> None:
        frozen = {code: _frozen(values) for code, values in self.settings.items()}
        object.__setattr__(self, "settings", MappingProxyType(frozen))

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # MappingProxyType does not pickle; worker processes get plain dicts and refreeze them.
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["settings"] = {code: dict(values) for code, values in self.settings.items()}
        return (_rebuild, (state,))

    def is_enabled(self, code: str) -> bool:
        dropped = _best_match(code, self.ignore)
        if code == UNREADABLE_CODE:
            # A file that was not checked is reported whatever is selected, unless ignored.
            return dropped is None
        chosen = _best_match(code, (*self.select, *self.extend_select))
        if chosen is None:
            return False
        # The more specific selector wins, as in ruff; on a tie, ignore wins.
        return dropped is None or len(chosen) > len(dropped)

    def is_enabled_for(self, code: str, path: str | Path) -> bool:
        """`is_enabled`, and not switched off for ``path`` by ``per-file-ignores``."""
        if not self.is_enabled(code):
            return False
        if not self.per_file_ignores:
            return True
        for pattern, codes in self.per_file_ignores:
            if _best_match(code, codes) is not None and self._matches(Path(path), pattern):
                return False
        return True

    def rule_settings(self, code: str) -> Mapping[str, Any]:
        return self.settings.get(code, _frozen())

    def is_excluded(self, path: str | Path) -> bool:
        """Whether ``exclude``/``extend-exclude`` match the path or its name."""
        return self._exclusions.matches(Path(path), self.base())

    @cached_property
    def _exclusions(self) -> PathMatcher:
        return PathMatcher.of((*self.exclude, *self.extend_exclude))

    def is_excluded_with_parents(self, path: str | Path) -> bool:
        """`is_excluded` for the path or any directory above it, up to the root."""
        absolute = Path(os.path.abspath(path))
        root = self.base()
        candidates = [absolute, *absolute.parents]
        for candidate in candidates:
            if candidate == root or candidate == candidate.parent:
                break
            if self.is_excluded(candidate):
                return True
        return False

    def base(self) -> Path:
        return self.root if self.root is not None else Path.cwd()

    def effective_cache_dir(self) -> Path:
        return self.cache_dir if self.cache_dir is not None else self.base() / CACHE_DIR_NAME

    def _matches(self, path: Path, pattern: str) -> bool:
        return PathMatcher.of((pattern,)).matches(path, self.base())


def _rebuild(state: dict[str, Any]) -> Config:
    return Config(**state)


def _best_match(code: str, selectors: Iterable[str]) -> str | None:
    best: str | None = None
    for selector in selectors:
        key = "" if selector.upper() == "ALL" else selector.upper()
        if code.startswith(key) and (best is None or len(key) > len(best)):
            best = key
    return best


def known_codes() -> frozenset[str]:
    """Every code a selector may name: the static rules and the runtime symptoms."""
    from pytest_lrcheck.catalog import load_catalog
    from pytest_lrcheck.lint.registry import rule_names

    return frozenset({*rule_names(), *load_catalog()})


def check_selectors(
    selectors: Iterable[str], where: str, *, required: bool = False
) -> tuple[str, ...]:
    """The selectors upper-cased; `ConfigError` naming ``where`` for one that selects nothing,
    and, if ``required``, for none at all (an empty variable in a CI command line must not
    switch every rule off)."""
    selectors = list(selectors)
    if required and not selectors:
        raise ConfigError(f"{where} needs at least one rule code or prefix (see --list-rules)")
    known = known_codes()
    checked = []
    for raw in selectors:
        selector = raw.strip().upper()
        if selector != "ALL" and not any(code.startswith(selector) for code in known):
            raise ConfigError(f"unknown rule code or prefix {raw!r} in {where} (see --list-rules)")
        checked.append(selector)
    return tuple(checked)


# --- finding and reading the file ----------------------------------------------------------------
_STANDALONE = (".lrcheck.toml", "lrcheck.toml")


def load_config(paths: Sequence[str | Path] = (), config_file: str | Path | None = None) -> Config:
    """The configuration for checking ``paths``: ``config_file`` if given, else the nearest
    configuration above the paths' common directory (or the current directory), else defaults."""
    if config_file is not None:
        file = Path(config_file)
        if not file.is_file():
            if os.path.exists(file):
                raise ConfigError(f"config file is not a regular file: {config_file}")
            raise ConfigError(f"config file not found: {config_file}")
        table = _read(file)
        if file.name == "pyproject.toml":
            table = _lrcheck_table(table, file) or {}
        return config_from_table(table, file)
    found = find_config(paths)
    if found is None:
        return Config()
    file, table = found
    return config_from_table(table, file)


def config_from_table(table: Mapping[str, Any], file: Path) -> Config:
    """A `Config` from the keys of an lrcheck table read from ``file``."""
    from pytest_lrcheck.config_table import validated

    return Config(**validated(table, file))


def find_config(paths: Sequence[str | Path] = ()) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration file and its lrcheck table, walking up from the paths."""
    directory = _start_directory(paths)
    for folder in (directory, *directory.parents):
        for name in _STANDALONE:
            candidate = folder / name
            if candidate.is_file():
                return candidate, _read(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _pyproject_table(pyproject)
            if table is not None:
                return pyproject, table
    return None


def _start_directory(paths: Sequence[str | Path]) -> Path:
    if not paths:
        return Path.cwd()
    absolute = [os.path.abspath(p) for p in paths]
    dirs = [p if os.path.isdir(p) else os.path.dirname(p) for p in absolute]
    try:
        return Path(os.path.commonpath(dirs))
    except ValueError:  # paths on different drives
        return Path.cwd()


def _pyproject_table(file: Path) -> dict[str, Any] | None:
    # Most pyproject.toml files on the way up are other projects' and none of our business:
    # parse (and complain about) only those that mention us.  One that cannot be read is
    # passed over like one that does not mention us: nothing says it is ours.
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    if b"lrcheck" not in raw:
        return None
    return _lrcheck_table(_parse(raw, file), file)


def _lrcheck_table(document: dict[str, Any], file: Path) -> dict[str, Any] | None:
    tool = document.get("tool")
    if not isinstance(tool, dict) or "lrcheck" not in tool:
        return None
    table = tool["lrcheck"]
    if not isinstance(table, dict):
        raise ConfigError(f"{file}: [tool.lrcheck] must be a table")
    return table


def _read(file: Path) -> dict[str, Any]:
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise ConfigError(f"{file}: cannot read: {error.strerror}") from None
    return _parse(raw, file)


def _parse(raw: bytes, file: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef, import-not-found, unused-ignore]
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{file}: invalid TOML: {error}") from None
    except RecursionError:  # the parser recurses once per level of nesting
        raise ConfigError(f"{file}: invalid TOML: arrays or tables nested too deeply") from None
