"""The knobs of a training check, each defined once and read from four places.

A knob (``steps``, ``seed``, ``max_seconds``) is one `OptionSpec`: its name, default, parser and
a single help string.  The same spec yields the command-line option (``--lrcheck-steps``), the
ini option (``lrcheck_steps``), the ``@pytest.mark.lrcheck(steps=...)`` keyword and the keyword
of a fixture call.  Precedence, highest first: fixture call keyword, marker, command line, ini,
default.  A bad value is reported with the place it came from, e.g.
``ini option lrcheck_steps: expected a positive integer, got 'abc'``.

This module is imported by the pytest plugin at start-up, so it imports nothing heavy.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pytest import Config, Item, Parser


class OptionError(ValueError):
    """A setting has a bad value or name; the message says where it came from."""


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


@dataclass(frozen=True)
class OptionSpec:
    """One knob of a training check: where it is read from and how it is validated."""

    name: str
    default: Any
    parse: Callable[[object], Any]
    summary: str
    metavar: str

    @property
    def help(self) -> str:
        """The one help text of the command-line and the ini option."""
        return f"{self.summary} (default: {self.default})"

    @property
    def flag(self) -> str:
        return "--lrcheck-" + self.name.replace("_", "-")

    @property
    def ini_name(self) -> str:
        return "lrcheck_" + self.name

    @property
    def dest(self) -> str:
        return "lrcheck_" + self.name


SPECS: tuple[OptionSpec, ...] = (
    OptionSpec(
        name="steps",
        default=200,
        parse=parse_positive_int,
        summary="training steps per lrcheck check",
        metavar="N",
    ),
    OptionSpec(
        name="seed",
        default=0,
        parse=parse_seed,
        summary="random seed of lrcheck checks, so a verdict repeats",
        metavar="SEED",
    ),
    OptionSpec(
        name="max_seconds",
        default=60.0,
        parse=parse_positive_seconds,
        summary="time budget of one lrcheck check in seconds",
        metavar="SECONDS",
    ),
)
SPEC_NAMES: tuple[str, ...] = tuple(spec.name for spec in SPECS)
_BY_NAME: dict[str, OptionSpec] = {spec.name: spec for spec in SPECS}


@dataclass(frozen=True)
class CheckSettings:
    """The effective knobs of the checks one test runs."""

    steps: int = _BY_NAME["steps"].default
    seed: int = _BY_NAME["seed"].default
    max_seconds: float = _BY_NAME["max_seconds"].default

    def merged(
        self, overrides: Mapping[str, object], source: Callable[[str], str]
    ) -> CheckSettings:
        """These settings with ``overrides`` validated and applied.

        ``source(name)`` names where an override came from, for the error message.
        Unknown names raise `OptionError` too.
        """
        unknown = sorted(set(overrides) - set(SPEC_NAMES))
        if unknown:
            raise OptionError(
                f"{source(unknown[0])}: unknown option {unknown[0]!r}; "
                f"expected one of {', '.join(SPEC_NAMES)}"
            )
        values = {
            name: _parse(_BY_NAME[name], value, source(name)) for name, value in overrides.items()
        }
        return dataclasses.replace(self, **values)


def _parse(spec: OptionSpec, value: object, source: str) -> Any:
    try:
        return spec.parse(value)
    except ValueError as error:
        raise OptionError(f"{source}: {error}") from None


def _ini_type() -> Any:
    # pytest >= 9.2 can type an ini value as a union, so ``lrcheck_steps = 50`` works in a
    # native TOML ``[tool.pytest]`` table; older versions only know strings, which we parse.
    if pytest.version_tuple >= (9, 2):
        return str | int | float
    return "string"


def add_options(parser: Parser) -> None:
    """Register every knob as a command-line option and an ini option with one help string."""
    group = parser.getgroup("lrcheck")
    for spec in SPECS:
        group.addoption(
            spec.flag, dest=spec.dest, metavar=spec.metavar, default=None, help=spec.help
        )
        parser.addini(spec.ini_name, spec.help, type=_ini_type(), default=None)


def settings_from_config(config: Config) -> CheckSettings:
    """Session-wide settings: command line over ini over default; raises `pytest.UsageError`."""
    values: dict[str, Any] = {}
    for spec in SPECS:
        cli_value = config.getoption(spec.dest)
        ini_value = config.getini(spec.ini_name)
        try:
            if cli_value is not None:
                values[spec.name] = _parse(spec, cli_value, f"command line option {spec.flag}")
            elif ini_value not in (None, ""):
                values[spec.name] = _parse(spec, ini_value, f"ini option {spec.ini_name}")
        except OptionError as error:
            raise pytest.UsageError(str(error)) from None
    return CheckSettings(**values)


def marker_overrides(item: Item) -> dict[str, object]:
    """The knobs set by ``@pytest.mark.lrcheck`` markers; the closest marker wins per knob."""
    found: dict[str, object] = {}
    for mark in item.iter_markers("lrcheck"):
        if mark.args:
            raise OptionError(
                f"@pytest.mark.lrcheck{mark.args!r}: takes keyword arguments only "
                f"({', '.join(f'{name}=' for name in SPEC_NAMES)})"
            )
        for name, value in mark.kwargs.items():
            found.setdefault(name, value)
    return found


def settings_for_item(base: CheckSettings, item: Item) -> CheckSettings:
    """``base`` with the item's marker applied; raises `OptionError` naming the marker."""
    return base.merged(marker_overrides(item), lambda name: f"@pytest.mark.lrcheck({name}=...)")


def describe(settings: CheckSettings) -> str:
    return " ".join(f"{name}={getattr(settings, name)}" for name in SPEC_NAMES)
