"""Checking the keys of a ``[tool.lrcheck]`` table, with errors that name the file and key."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pytest_lrcheck.config import ConfigError, check_selectors
from pytest_lrcheck.lint.discovery import DEFAULT_EXCLUDE

_LIST_KEYS = ("select", "extend-select", "ignore", "exclude", "extend-exclude")
_KEYS = (*_LIST_KEYS, "per-file-ignores", "cache-dir", "follow-imports", "settings")


def validated(table: Mapping[str, Any], file: Path) -> dict[str, Any]:
    """`Config` fields from the keys of an lrcheck table read from ``file``."""
    section = "[tool.lrcheck]" if file.name == "pyproject.toml" else "the top level"
    where = f"{file}: {section}"
    for key in table:
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}{_suggest(key, _KEYS)}")
    lists = {key: _strings(table[key], f"{where} {key}") for key in _LIST_KEYS if key in table}
    select = check_selectors(lists.get("select", ["ALL"]), f"{where} select")
    extend_select = check_selectors(lists.get("extend-select", []), f"{where} extend-select")
    ignore = check_selectors(lists.get("ignore", []), f"{where} ignore")
    root = file.parent.absolute()
    cache_dir = None
    if "cache-dir" in table:
        if not isinstance(table["cache-dir"], str) or not table["cache-dir"]:
            raise ConfigError(f"{where} cache-dir: expected a path string")
        cache_dir = root / os.path.expanduser(table["cache-dir"])
    follow_imports = table.get("follow-imports", True)
    if not isinstance(follow_imports, bool):
        raise ConfigError(f"{where} follow-imports: expected true or false, got {follow_imports!r}")
    return {
        "select": select,
        "ignore": ignore,
        "settings": _settings(table.get("settings", {}), f"{where} settings"),
        "extend_select": extend_select,
        "per_file_ignores": _per_file_ignores(table.get("per-file-ignores", {}), where),
        "exclude": tuple(lists.get("exclude", DEFAULT_EXCLUDE)),
        "extend_exclude": tuple(lists.get("extend-exclude", ())),
        "cache_dir": cache_dir,
        "follow_imports": follow_imports,
        "root": root,
        "source": file,
    }


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return value


def _per_file_ignores(value: object, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} per-file-ignores: expected a table of glob = [codes]")
    pairs = []
    for pattern, codes in value.items():
        label = f"{where} per-file-ignores {pattern!r}"
        pairs.append((pattern, check_selectors(_strings(codes, label), label)))
    return tuple(pairs)


def _settings(value: object, where: str) -> dict[str, dict[str, Any]]:
    from pytest_lrcheck.lint.registry import all_rules

    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected tables such as [tool.lrcheck.settings.LRC301]")
    rules = all_rules()
    result: dict[str, dict[str, Any]] = {}
    for code, options in value.items():
        rule = rules.get(code.upper())
        if rule is None:
            raise ConfigError(f"{where}: unknown rule code {code!r}")
        if not rule.default_settings:
            raise ConfigError(f"{where}: {code} has no settings")
        if not isinstance(options, dict):
            raise ConfigError(f"{where}.{code}: expected a table of settings")
        for key, setting in options.items():
            if key not in rule.default_settings:
                known = sorted(rule.default_settings)
                raise ConfigError(
                    f"{where}.{code}: unknown setting {key!r}{_suggest(key, known)} "
                    f"(known: {', '.join(known)})"
                )
            _check_type(setting, rule.default_settings[key], f"{where}.{code}.{key}")
        result[code.upper()] = dict(options)
    return result


def _check_type(value: object, default: object, where: str) -> None:
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(value, bool) and isinstance(default, bool)
    elif isinstance(default, (int, float)):
        ok = isinstance(value, (int, float))
        # A threshold like the default: nan, inf or a sign flip would silence or invert a rule.
        if (
            isinstance(value, (int, float))
            and default > 0
            and not (math.isfinite(value) and value > 0)
        ):
            raise ConfigError(f"{where}: expected a positive finite number, got {value!r}")
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise ConfigError(f"{where}: expected {type(default).__name__}, got {value!r}")


def _suggest(key: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key.replace("_", "-"), list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
