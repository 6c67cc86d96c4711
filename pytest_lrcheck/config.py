"""``[tool.lrcheck]`` settings as a frozen value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any


def _frozen(mapping: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Config:
    # Code selectors as ruff reads them: "LRC1" selects LRC100-LRC199, "ALL" everything.
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    # Per-rule settings, e.g. {"LRC301": {"adam": 0.1}}.
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=_frozen)

    def is_enabled(self, code: str) -> bool:
        chosen = _best_match(code, self.select)
        dropped = _best_match(code, self.ignore)
        if chosen is None:
            return False
        # The more specific selector wins, as in ruff; on a tie, ignore wins.
        return dropped is None or len(chosen) > len(dropped)

    def rule_settings(self, code: str) -> Mapping[str, Any]:
        return self.settings.get(code, _frozen())


def _best_match(code: str, selectors: Iterable[str]) -> str | None:
    best: str | None = None
    for selector in selectors:
        key = "" if selector.upper() == "ALL" else selector.upper()
        if code.startswith(key) and (best is None or len(key) > len(best)):
            best = key
    return best


def load_config(paths: Sequence[str | Path] = (), config_file: str | Path | None = None) -> Config:
    """The configuration for checking ``paths``."""
    return Config()
