"""Parsers of option values: each takes what a user wrote (a string from the command line or an
ini file, or a value from a marker, a fixture call or a native TOML table) and returns the
value or raises ``ValueError`` saying what was expected.  The caller adds where it came from.
"""

from __future__ import annotations

import math
from pathlib import Path


def _describe(value: object) -> str:
    return repr(value.strip()) if isinstance(value, str) else repr(value)


def _as_int(value: object) -> int | None:
    # bool is an int subclass, but ``steps=True`` is a mistake, not 1.
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def parse_positive_int(value: object) -> int:
    number = _as_int(value)
    if number is None or number <= 0:
        raise ValueError(f"expected a positive integer, got {_describe(value)}")
    return number


def parse_seed(value: object) -> int:
    number = _as_int(value)
    if number is None or number < 0:
        raise ValueError(f"expected a non-negative integer, got {_describe(value)}")
    return number


def parse_positive_seconds(value: object) -> float:
    number: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    # An infinite budget would let a slow model hang the suite; the budget must be real.
    if number is None or not math.isfinite(number) or number <= 0:
        raise ValueError(f"expected a positive, finite number of seconds, got {_describe(value)}")
    return number


_TRUE = frozenset({"1", "true", "yes", "on", "y", "t"})
_FALSE = frozenset({"0", "false", "no", "off", "n", "f"})


def parse_switch(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"expected true or false, got {_describe(value)}")


def parse_directory(value: object) -> Path:
    if not isinstance(value, (str, Path)) or not str(value).strip():
        raise ValueError(f"expected a directory, got {_describe(value)}")
    return Path(str(value).strip())
