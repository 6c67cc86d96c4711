"""The pytest11 entry point of pytest-lrcheck.

This package must stay cheap to import: it never imports TensorFlow, NumPy or libcst at module
level, because pytest imports it in every session of every project that has the package
installed.

What it wires together, one module each:

* `options`: the command-line and ini options and the ``@pytest.mark.lrcheck(steps=, seed=,
  max_seconds=)`` marker's knobs;
* `fixture`: the ``lrcheck`` fixture's object, `LRCheck`;
* `lint`: ``--lrcheck`` turns every Python file and notebook into a lint item;
* `fit_patch` and `watch`: ``--lrcheck`` also watches every ``model.fit`` the tests run, and
  ``--lrcheck-strict`` fails the test whose fit misbehaved; their hooks are registered only then;
* `records` and `summary`: what each test saw travels on its reports, so that under
  pytest-xdist the controller, and only the controller, writes the terminal summary.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import pytest

from pytest_lrcheck.plugin import lint
from pytest_lrcheck.plugin.fit_patch import FitWatch
from pytest_lrcheck.plugin.fixture import LRCheck, PlotSink
from pytest_lrcheck.plugin.options import (
    CheckSettings,
    OptionError,
    add_options,
    describe,
    settings_for_item,
    settings_from_config,
)
from pytest_lrcheck.plugin.records import ensure_carrier, record_for
from pytest_lrcheck.plugin.summary import write_summary
from pytest_lrcheck.plugin.watch import start_watch


@dataclass(frozen=True)
class SessionState:
    """What one pytest process decided at start-up."""

    settings: CheckSettings
    plots_dir: Path | None
    strict: bool
    watch: FitWatch | None


STATE = pytest.StashKey[SessionState]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("lrcheck", "Keras training checks (pytest-lrcheck)")
    group.addoption(
        "--lrcheck",
        action="store_true",
        default=False,
        help="lint every Python file and notebook with lrcheck, and watch every model.fit "
        "the tests run for NaN, divergence and stalls",
    )
    group.addoption(
        "--lrcheck-strict",
        action="store_true",
        default=False,
        help="fail a test whose model.fit showed a loss problem (implies --lrcheck)",
    )
    group.addoption(
        "--lrcheck-plots",
        metavar="DIR",
        default=None,
        help="save a PNG loss curve per model checked by the lrcheck fixture into DIR "
        "(needs matplotlib)",
    )
    add_options(parser)
    parser.addini(
        "lrcheck_paths",
        "files and directories that --lrcheck lints (default: what pytest collects)",
        type="paths",
        default=[],
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "lrcheck(steps=N, seed=SEED, max_seconds=S): settings of the lrcheck fixture's "
        "training checks in this test; --lrcheck lint items carry the marker too",
    )
    settings = settings_from_config(config)
    strict = bool(config.getoption("lrcheck_strict"))
    enabled = strict or bool(config.getoption("lrcheck"))
    plots = config.getoption("lrcheck_plots")
    watch = None
    if enabled:
        lint.register(config)
        watch = start_watch(config, strict=strict)
    config.stash[STATE] = SessionState(
        settings=settings,
        plots_dir=config.invocation_params.dir / plots if plots else None,
        strict=strict,
        watch=watch,
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    state = config.stash.get(STATE, None)
    if state is not None and state.watch is not None:
        state.watch.stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    state = config.stash.get(STATE, None)
    if state is None or (state.watch is None and state.plots_dir is None):
        return None
    parts = []
    if state.watch is not None:
        parts.append("lint + fit watch" + (" (strict)" if state.strict else ""))
    if state.plots_dir is not None:
        parts.append(f"plots to {state.plots_dir}")
    return f"lrcheck: {', '.join(parts)}; checks {describe(state.settings)}"


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    state = config.stash.get(STATE, None)
    if state is not None:
        write_summary(terminalreporter, config, plots_dir=state.plots_dir)


@pytest.fixture
def lrcheck(request: pytest.FixtureRequest) -> LRCheck:
    """Briefly train a model and judge its loss: ``lrcheck(model, x, y)`` fails the test with
    the diagnosis; ``lrcheck.check``, ``lrcheck.lr_range`` and ``lrcheck.assert_lr_ok`` are the
    explicit forms.  Knobs: ``@pytest.mark.lrcheck(steps=, seed=, max_seconds=)``."""
    state = request.config.stash[STATE]
    problem: str | None = None
    try:
        settings = settings_for_item(state.settings, request.node)
    except OptionError as error:
        problem = str(error)
    if problem is not None:
        # Failed outside the except block, so the report shows no chained exception.
        pytest.fail(problem, pytrace=False)
    ensure_carrier(request.config)
    record = record_for(request.node)
    if state.plots_dir is not None:
        record.plots = PlotSink(state.plots_dir, request.node.nodeid)
    quiet = state.watch.suspended if state.watch is not None else nullcontext
    return LRCheck(settings, plots=record.plots, quiet=quiet)
