"""The plugin's hooks and the ``lrcheck`` fixture, registered by the entry point at start-up.

What this wires together, one module each:

* `options`: every command-line option with its ini twin and one help text, and the
  ``@pytest.mark.lrcheck(steps=, seed=, max_seconds=)`` marker's knobs;
* `fixture`: the ``lrcheck`` fixture's object, `LRCheck`;
* `lint`: ``--lrcheck`` turns every Python file and notebook into a lint item (marker
  ``lrcheck_lint``);
* `fit_patch` and `watch`: ``--lrcheck`` also watches every ``model.fit`` the tests run, and
  ``--lrcheck-strict`` fails the test whose fit misbehaved; their hooks are registered only then;
* `records` and `summary`: what each test saw travels on its reports, so that under
  pytest-xdist the controller, and only the controller, writes the terminal summary.

Training checks (tests that use the fixture, which get the ``lrcheck`` marker) can be
deselected with ``-m "not lrcheck"`` or skipped with ``--lrcheck-skip-training``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass

import pytest

from pytest_lrcheck.plugin import lint
from pytest_lrcheck.plugin.fit_patch import FitWatch
from pytest_lrcheck.plugin.fixture import LRCheck, PlotSink, seed_test
from pytest_lrcheck.plugin.options import (
    OptionError,
    PluginOptions,
    describe,
    plugin_options,
    settings_for_item,
)
from pytest_lrcheck.plugin.progress import progress_writer
from pytest_lrcheck.plugin.records import ensure_carrier, record_for
from pytest_lrcheck.plugin.summary import write_summary
from pytest_lrcheck.plugin.watch import start_watch

CHECK_MARKER = "lrcheck"


@dataclass(frozen=True)
class SessionState:
    """What one pytest process decided at start-up."""

    options: PluginOptions
    watch: FitWatch | None

    def skip_reason(self) -> str | None:
        if self.options.skip_training is None:
            return None
        return f"lrcheck training checks skipped ({self.options.skip_training})"


STATE = pytest.StashKey[SessionState]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{CHECK_MARKER}(steps=N, seed=SEED, max_seconds=S, strict=BOOL): a training check; "
        "settings of "
        "the lrcheck fixture's checks in this test (tests that use the fixture get the "
        "marker without arguments)",
    )
    config.addinivalue_line(
        "markers", f"{lint.MARKER}: an lrcheck lint item, one per file (--lrcheck)"
    )
    options = plugin_options(config)
    watch = None
    if options.enabled:
        lint.register(config)
    if options.watching:
        watch = start_watch(config, strict=options.strict)
    config.stash[STATE] = SessionState(options=options, watch=watch)


def pytest_unconfigure(config: pytest.Config) -> None:
    state = config.stash.get(STATE, None)
    if state is not None and state.watch is not None:
        state.watch.stop()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # tryfirst: the marker must be there before -m deselects by it.
    state = config.stash.get(STATE, None)
    reason = state.skip_reason() if state is not None else None
    for item in items:
        if CHECK_MARKER in getattr(item, "fixturenames", ()) and not any(
            item.iter_markers(CHECK_MARKER)
        ):
            item.add_marker(CHECK_MARKER)
        if reason is not None and any(item.iter_markers(CHECK_MARKER)):
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_report_header(config: pytest.Config) -> str | None:
    state = config.stash.get(STATE, None)
    if state is None:
        return None
    options = state.options
    modes = ["lint"] if options.enabled else []
    if state.watch is not None:
        modes.append("fit watch" + (" (strict)" if options.strict else ""))
    parts = [" + ".join(modes)] if modes else []
    if options.plots_dir is not None:
        parts.append(f"plots to {options.plots_dir}")
    if options.skip_training is not None:
        parts.append(f"training checks skipped ({options.skip_training})")
    if not parts:
        return None
    return f"lrcheck: {', '.join(parts)}; checks {describe(options.settings)}"


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    state = config.stash.get(STATE, None)
    if state is not None:
        write_summary(
            terminalreporter,
            config,
            plots_dir=state.options.plots_dir,
            skip_training=state.options.skip_training,
        )


@pytest.fixture
def lrcheck(request: pytest.FixtureRequest) -> Iterator[LRCheck]:
    """Briefly train a model and judge its loss: ``lrcheck(model, x, y)`` fails the test with
    the diagnosis; ``lrcheck.check``, ``lrcheck.lr_range`` and ``lrcheck.assert_lr_ok`` are the
    explicit forms.  Knobs: ``@pytest.mark.lrcheck(steps=, seed=, max_seconds=, strict=)``.
    The test body runs seeded with the test's seed (Python, NumPy, the Keras backend), so a
    model it builds starts from the same weights on every run; the random state is put back
    afterwards."""
    state = request.config.stash[STATE]
    if not any(request.node.iter_markers(CHECK_MARKER)):
        # Requested at run time (getfixturevalue): a training check all the same.
        request.node.add_marker(CHECK_MARKER)
    reason = state.skip_reason()
    if reason is not None:
        # Reached only when the fixture is requested at run time (getfixturevalue); tests
        # that name it were marked and skipped at collection.
        pytest.skip(reason)
    problem: str | None = None
    try:
        settings = settings_for_item(state.options.settings, request.node)
    except OptionError as error:
        problem = str(error)
    if problem is not None:
        # Failed outside the except block, so the report shows no chained exception.
        pytest.fail(problem, pytrace=False)
    ensure_carrier(request.config)
    record = record_for(request.node)
    if state.options.plots_dir is not None:
        record.plots = PlotSink(state.options.plots_dir, request.node.nodeid)
    quiet = state.watch.suspended if state.watch is not None else nullcontext
    progress = progress_writer(request.config, request.node.nodeid)
    put_back = seed_test(settings.seed)
    try:
        yield LRCheck(
            settings, plots=record.plots, quiet=quiet, log=record.checks, progress=progress
        )
    finally:
        put_back()
