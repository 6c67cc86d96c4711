"""The pytest11 entry point of pytest-lrcheck.

This module must stay cheap to import: it never imports TensorFlow, NumPy or libcst at module
level, because pytest imports it in every session of every project that has the package
installed.

What it wires together:

* the ``lrcheck`` fixture (`pytest_lrcheck.runtime.fixture.LRCheck`) and the
  ``@pytest.mark.lrcheck(steps=, seed=, max_seconds=)`` marker, with the matching command-line
  and ini options (`pytest_lrcheck.options`);
* ``--lrcheck``: lint items for every Python file (`pytest_lrcheck.pytest_lint`) and a watch on
  every ``model.fit`` the tests run (`pytest_lrcheck.runtime.fit_hook`), summarised in one
  terminal section; ``--lrcheck-strict`` also fails the test whose fit misbehaved;
* ``--lrcheck-plots DIR``: a PNG loss curve per model the fixture checked.

Per-test findings travel on the test reports (attribute ``lrcheck``, plain JSON-able data) so
that under pytest-xdist the controller, and only the controller, writes the summaries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pytest

from pytest_lrcheck import pytest_lint
from pytest_lrcheck.options import (
    CheckSettings,
    OptionError,
    add_options,
    describe,
    settings_for_item,
    settings_from_config,
)
from pytest_lrcheck.runtime.fit_hook import FitWatch, WatchedSymptom
from pytest_lrcheck.runtime.fixture import LRCheck, PlotSink

REPORT_ATTRIBUTE = "lrcheck"
WATCH_SECTION = "lrcheck training watch"
PLOTS_SECTION = "lrcheck loss plots"


class SessionState:
    """What one pytest process knows: its settings, its fit watch, and what the test reports
    carried.  Registered as a plugin so it sees every report, including those xdist workers
    send to the controller; only a process that is not a worker writes the summary."""

    def __init__(
        self,
        settings: CheckSettings,
        *,
        plots_dir: Path | None,
        strict: bool,
        watch: FitWatch | None,
    ) -> None:
        self.settings = settings
        self.plots_dir = plots_dir
        self.strict = strict
        self.watch = watch
        self.fits = 0
        self.watched_tests: set[str] = set()
        self.symptoms: Counter[tuple[str, str, str, str]] = Counter()
        self.plots_saved = 0
        self.plots_unavailable = False

    def take(self, nodeid: str, payload: dict[str, Any]) -> None:
        fits = int(payload.get("fits", 0))
        if fits:
            self.fits += fits
            self.watched_tests.add(nodeid)
        for code, name, message in payload.get("watch", ()):
            self.symptoms[(nodeid, code, name, message)] += 1
        self.plots_saved += len(payload.get("plots", ()))
        self.plots_unavailable |= bool(payload.get("plots_unavailable"))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        payload = getattr(report, REPORT_ATTRIBUTE, None)
        if isinstance(payload, dict):
            self.take(report.nodeid, payload)

    def pytest_terminal_summary(
        self, terminalreporter: pytest.TerminalReporter, config: pytest.Config
    ) -> None:
        if hasattr(config, "workerinput"):
            return
        if self.fits:
            self._write_watch(terminalreporter)
        if self.plots_dir is not None and (self.plots_saved or self.plots_unavailable):
            self._write_plots(terminalreporter)

    def _write_watch(self, writer: pytest.TerminalReporter) -> None:
        writer.write_sep("=", WATCH_SECTION)
        for (nodeid, code, name, message), count in self.symptoms.items():
            times = f" (in {count} fits)" if count > 1 else ""
            writer.write_line(f"{nodeid}: {code} {name}: {message}{times}")
        troubled = len({key[0] for key in self.symptoms})
        verdict = f"{troubled} with loss problems" if troubled else "no loss problems seen"
        writer.write_line(
            f"{self.fits} model.fit call(s) watched in {len(self.watched_tests)} test(s); {verdict}"
        )

    def _write_plots(self, writer: pytest.TerminalReporter) -> None:
        writer.write_sep("=", PLOTS_SECTION)
        if self.plots_saved:
            writer.write_line(f"saved {self.plots_saved} loss plot(s) to {self.plots_dir}")
        if self.plots_unavailable:
            writer.write_line(
                "matplotlib is not installed, so --lrcheck-plots could not save loss plots "
                "(pip install matplotlib)"
            )


STATE = pytest.StashKey[SessionState]()
PLOTS = pytest.StashKey[PlotSink]()


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
    state = SessionState(
        settings,
        plots_dir=config.invocation_params.dir / plots if plots else None,
        strict=strict,
        watch=FitWatch() if enabled else None,
    )
    config.stash[STATE] = state
    config.pluginmanager.register(state, "lrcheck-session")
    if enabled:
        pytest_lint.register(config)
        assert state.watch is not None
        state.watch.start()


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


@pytest.fixture
def lrcheck(request: pytest.FixtureRequest) -> LRCheck:
    """Briefly train a model and judge its loss: ``lrcheck(model, x, y)`` fails the test with
    the diagnosis; ``lrcheck.check``, ``lrcheck.lr_range`` and ``lrcheck.assert_lr_ok`` are the
    explicit forms.  Knobs: ``@pytest.mark.lrcheck(steps=, seed=, max_seconds=)``."""
    state = request.config.stash[STATE]
    try:
        settings = settings_for_item(state.settings, request.node)
    except OptionError as error:
        problem = str(error)
    else:
        problem = None
    if problem is not None:
        # Failed outside the except block, so the report shows no chained exception.
        pytest.fail(problem, pytrace=False)
    plots = None
    if state.plots_dir is not None:
        plots = PlotSink(state.plots_dir, request.node.nodeid)
        request.node.stash[PLOTS] = plots
    quiet = state.watch.suspended if state.watch is not None else nullcontext
    return LRCheck(settings, plots=plots, quiet=quiet)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, object, object]:
    watch = item.config.stash[STATE].watch
    if watch is None:
        return (yield)
    # Keras may have been imported behind the import hook's back (e.g. a reset sys.meta_path).
    watch.start()
    watch.active = True
    try:
        return (yield)
    finally:
        watch.active = False
        watch.drain()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    result = yield
    _fail_if_strict(item)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    result = yield
    _fail_if_strict(item)
    return result


def _fail_if_strict(item: pytest.Item) -> None:
    state = item.config.stash[STATE]
    if not state.strict or state.watch is None or not state.watch.pending:
        return
    lines = [f"{s.code} {s.name}: {s.message}" for s in _unique(state.watch.pending)]
    pytest.fail(
        "model.fit showed a loss problem (--lrcheck-strict):\n" + "\n".join(lines),
        pytrace=False,
    )


def _unique(symptoms: tuple[WatchedSymptom, ...]) -> list[WatchedSymptom]:
    return list(dict.fromkeys(symptoms))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    state = item.config.stash[STATE]
    payload: dict[str, Any] = {}
    if state.watch is not None:
        fits, symptoms = state.watch.drain()
        if fits:
            payload["fits"] = fits
        if symptoms:
            payload["watch"] = [[s.code, s.name, s.message] for s in symptoms]
    plots = item.stash.get(PLOTS, None)
    if plots is not None and call.when == "teardown":
        payload["plots"] = [str(path) for path in plots.saved]
        payload["plots_unavailable"] = plots.unavailable
    if payload:
        setattr(report, REPORT_ATTRIBUTE, payload)
    return report
