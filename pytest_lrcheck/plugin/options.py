"""The plugin's options, each defined once and read from every place it can be set.

An option is one `OptionSpec`: its name, default, parser and a single help string, from which
come the command-line option (``--lrcheck-steps``) and the ini option (``lrcheck_steps``).  The
knobs of a training check (``steps``, ``seed``, ``max_seconds``) are also the keywords of the
``@pytest.mark.lrcheck(...)`` marker and of the fixture's calls; precedence, highest first:
fixture call keyword, marker, command line, ini, default.  The session's switches
(``--lrcheck``, ``--lrcheck-strict``, ``--lrcheck-skip-training``, ``--lrcheck-plots``) are read
from the command line over the ini file.  A bad value is reported with the place it came from,
e.g. ``ini option lrcheck_steps: expected a positive integer, got 'abc'``.

This module is imported by the pytest plugin at start-up, so it imports nothing heavy.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pytest_lrcheck.plugin.values import (
    parse_directory,
    parse_positive_int,
    parse_positive_seconds,
    parse_seed,
    parse_switch,
)

if TYPE_CHECKING:
    from pytest import Config, Item, Parser


class OptionError(ValueError):
    """A setting has a bad value or name; the message says where it came from."""


@dataclass(frozen=True)
class OptionSpec:
    """One option: its command-line flag, its ini option and, for the knobs of a check, its
    marker and fixture keyword; one parser and one help text for all of them.

    ``key`` is the ini name (``lrcheck_steps``); the flag is the same with dashes
    (``--lrcheck-steps``).  A spec without ``metavar`` is a switch: ``--lrcheck-strict`` /
    ``--no-lrcheck-strict`` on the command line, true/false in the ini file.
    """

    key: str
    default: Any
    parse: Callable[[object], Any]
    summary: str
    metavar: str | None = None

    @property
    def help(self) -> str:
        """The one help text of the command-line and the ini option."""
        if self.metavar is None:
            default = "on" if self.default else "off"
        else:
            default = "none" if self.default is None else str(self.default)
        return f"{self.summary} (default: {default})"

    @property
    def name(self) -> str:
        """The keyword of the marker and the fixture's calls."""
        return self.key.removeprefix("lrcheck_")

    @property
    def flag(self) -> str:
        return "--" + self.key.replace("_", "-")

    @property
    def ini_name(self) -> str:
        return self.key

    @property
    def dest(self) -> str:
        return self.key


# The knobs of a training check: also marker and fixture keywords.
SPECS: tuple[OptionSpec, ...] = (
    OptionSpec(
        key="lrcheck_steps",
        default=200,
        parse=parse_positive_int,
        summary="training steps per lrcheck check",
        metavar="N",
    ),
    OptionSpec(
        key="lrcheck_seed",
        default=0,
        parse=parse_seed,
        summary="random seed of lrcheck checks and of the tests that use the lrcheck fixture, "
        "so a verdict repeats",
        metavar="SEED",
    ),
    OptionSpec(
        key="lrcheck_max_seconds",
        default=60.0,
        parse=parse_positive_seconds,
        summary="time budget of one lrcheck check in seconds",
        metavar="SECONDS",
    ),
)

ENABLE = OptionSpec(
    key="lrcheck",
    default=False,
    parse=parse_switch,
    summary="lint every Python file and notebook with lrcheck, and watch every model.fit "
    "the tests run for NaN, divergence and stalls",
)
STRICT = OptionSpec(
    key="lrcheck_strict",
    default=False,
    parse=parse_switch,
    summary="fail a test whose model.fit showed a loss problem or a warning, and a test whose "
    "lrcheck fixture check passed with warnings; implies --lrcheck",
)
SKIP_TRAINING = OptionSpec(
    key="lrcheck_skip_training",
    default=False,
    parse=parse_switch,
    summary="skip every training check, for quick CI jobs: tests that use the lrcheck "
    "fixture or carry the lrcheck marker, and the model.fit watch (lint items still run)",
)
PLOTS = OptionSpec(
    key="lrcheck_plots",
    default=None,
    parse=parse_directory,
    summary="save a PNG loss curve per model checked by the lrcheck fixture into DIR "
    "(needs matplotlib; in the ini file, relative to that file)",
    metavar="DIR",
)
# What the session does: command line and ini only.
SESSION_SPECS: tuple[OptionSpec, ...] = (ENABLE, STRICT, SKIP_TRAINING, PLOTS)
SPEC_NAMES: tuple[str, ...] = tuple(spec.name for spec in SPECS)
# The marker and the fixture's calls also take ``strict``: the session switch, per test.
MARKER_NAMES: tuple[str, ...] = (*SPEC_NAMES, STRICT.name)
_BY_NAME: dict[str, OptionSpec] = {spec.name: spec for spec in (*SPECS, STRICT)}


@dataclass(frozen=True)
class CheckSettings:
    """The effective knobs of the checks one test runs."""

    steps: int = _BY_NAME["steps"].default
    seed: int = _BY_NAME["seed"].default
    max_seconds: float = _BY_NAME["max_seconds"].default
    strict: bool = False  # a check that passes with warnings fails the test

    def merged(
        self, overrides: Mapping[str, object], source: Callable[[str], str]
    ) -> CheckSettings:
        """These settings with ``overrides`` validated and applied.

        ``source(name)`` names where an override came from, for the error message.
        Unknown names raise `OptionError` too.
        """
        unknown = sorted(set(overrides) - set(MARKER_NAMES))
        if unknown:
            raise OptionError(
                f"{source(unknown[0])}: unknown option {unknown[0]!r}; "
                f"expected one of {', '.join(MARKER_NAMES)}"
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


def _ini_type(spec: OptionSpec) -> Any:
    # pytest >= 9.2 can type an ini value as a union, so ``lrcheck_steps = 50`` and
    # ``lrcheck_strict = true`` work in a native TOML ``[tool.pytest]`` table; older versions
    # only know strings, which we parse.
    if pytest.version_tuple < (9, 2):
        return "string"
    if spec.metavar is None:
        return str | bool
    if spec.default is None:
        return str
    return str | int | float


PATHS_HELP = (
    "files and directories that --lrcheck lints (default: the whole project when pytest runs "
    "its testpaths, otherwise what pytest collects)"
)


def add_options(parser: Parser) -> None:
    """Register every option on the command line and in the ini file, with one help string."""
    group = parser.getgroup("lrcheck", "Keras training checks (pytest-lrcheck)")
    for spec in (*SESSION_SPECS, *SPECS):
        if spec.metavar is None:
            group.addoption(
                spec.flag,
                dest=spec.dest,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=spec.help,
            )
        else:
            group.addoption(
                spec.flag, dest=spec.dest, metavar=spec.metavar, default=None, help=spec.help
            )
        parser.addini(spec.ini_name, spec.help, type=_ini_type(spec), default=None)
    parser.addini("lrcheck_paths", PATHS_HELP, type="paths", default=[])


@dataclass(frozen=True)
class _Value:
    value: Any
    source: str  # where it came from: a flag, an ini option, or "default"


def _resolve(config: Config, spec: OptionSpec) -> _Value:
    """Command line over ini over default; a bad value is a `pytest.UsageError` naming it."""
    cli_value = config.getoption(spec.dest)
    ini_value = config.getini(spec.ini_name)
    try:
        if cli_value is not None:
            return _Value(_parse(spec, cli_value, f"command line option {spec.flag}"), spec.flag)
        if ini_value not in (None, ""):
            where = f"ini option {spec.ini_name}"
            return _Value(_parse(spec, ini_value, where), where)
    except OptionError as error:
        raise pytest.UsageError(str(error)) from None
    return _Value(spec.default, "default")


def settings_from_config(config: Config) -> CheckSettings:
    """Session-wide settings: command line over ini over default; raises `pytest.UsageError`."""
    values = {spec.name: _resolve(config, spec) for spec in SPECS}
    return CheckSettings(
        **{name: found.value for name, found in values.items() if found.source != "default"}
    )


@dataclass(frozen=True)
class PluginOptions:
    """What the session does, from the command line and the ini file."""

    settings: CheckSettings
    enabled: bool  # lint items and the fit watch
    strict: bool
    # Why training checks are skipped (the flag or ini option that said so), or None.
    skip_training: str | None
    plots_dir: Path | None

    @property
    def watching(self) -> bool:
        return self.enabled and self.skip_training is None


def plugin_options(config: Config) -> PluginOptions:
    """Every option of the session; raises `pytest.UsageError` naming a bad value's source."""
    enable = _resolve(config, ENABLE)
    strict = _resolve(config, STRICT)
    skip = _resolve(config, SKIP_TRAINING)
    plots = _resolve(config, PLOTS)
    # --no-lrcheck on the command line turns everything off, strict from the ini file included.
    switched_off = enable.source == ENABLE.flag and not enable.value
    plots_dir = None
    if plots.value is not None:
        base = config.invocation_params.dir
        if plots.source != PLOTS.flag:
            base = config.inipath.parent if config.inipath is not None else config.rootpath
        plots_dir = base / plots.value
    strict_on = not switched_off and bool(strict.value)
    return PluginOptions(
        settings=dataclasses.replace(settings_from_config(config), strict=strict_on),
        enabled=not switched_off and bool(enable.value or strict.value),
        strict=strict_on,
        skip_training=skip.source if skip.value else None,
        plots_dir=plots_dir,
    )


def marker_overrides(item: Item) -> dict[str, object]:
    """The knobs set by ``@pytest.mark.lrcheck`` markers; the closest marker wins per knob."""
    found: dict[str, object] = {}
    for mark in item.iter_markers("lrcheck"):
        if mark.args:
            raise OptionError(
                f"@pytest.mark.lrcheck{mark.args!r}: takes keyword arguments only "
                f"({', '.join(f'{name}=' for name in MARKER_NAMES)})"
            )
        for name, value in mark.kwargs.items():
            found.setdefault(name, value)
    return found


def settings_for_item(base: CheckSettings, item: Item) -> CheckSettings:
    """``base`` with the item's marker applied; raises `OptionError` naming the marker."""
    return base.merged(marker_overrides(item), lambda name: f"@pytest.mark.lrcheck({name}=...)")


def describe(settings: CheckSettings) -> str:
    return " ".join(f"{name}={getattr(settings, name)}" for name in SPEC_NAMES)
