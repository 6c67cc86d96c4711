"""The pytest side of the fit watch: which fits are watched, and ``--lrcheck-strict``.

`WatchPlugin` is registered only when the watch is on, in the manner of pytest-mypy's
collection plugin, so that without the flag no lrcheck hook wraps a test.  It is also the
session's `ReportCarrier`: the fits and symptoms of each phase go onto that phase's report.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest

from pytest_lrcheck.plugin.fit_patch import FitWatch, WatchedSymptom
from pytest_lrcheck.plugin.records import CARRIER_NAME, ReportCarrier


class WatchPlugin(ReportCarrier):
    """Turns the watch on for the length of each test; fails the test under strict."""

    def __init__(self, watch: FitWatch, *, strict: bool) -> None:
        super().__init__(watch)
        self.fit_watch = watch
        self.strict = strict

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(
        self, item: pytest.Item, nextitem: pytest.Item | None
    ) -> Generator[None, object, object]:
        # Keras may have been imported behind the import hook's back (e.g. a reset sys.meta_path).
        self.fit_watch.start()
        self.fit_watch.active = True
        try:
            return (yield)
        finally:
            self.fit_watch.active = False
            self.fit_watch.drain()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, None, None]:
        result = yield
        self._fail_if_strict()
        return result

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        result = yield
        self._fail_if_strict()
        return result

    def _fail_if_strict(self) -> None:
        if not self.strict or not self.fit_watch.pending:
            return
        pending = _unique(self.fit_watch.pending)
        lines = [f"{_level(s)}{s.code} {s.name}: {s.message}" for s in pending]
        what = "a loss problem" if any(not s.warning for s in pending) else "a warning"
        pytest.fail(
            f"model.fit showed {what} (--lrcheck-strict):\n" + "\n".join(lines),
            pytrace=False,
        )


def _level(symptom: WatchedSymptom) -> str:
    return "warning: " if symptom.warning else ""


def _unique(symptoms: tuple[WatchedSymptom, ...]) -> list[WatchedSymptom]:
    return list(dict.fromkeys(symptoms))


def start_watch(config: pytest.Config, *, strict: bool) -> FitWatch:
    """Patch ``keras.Model.fit`` (now or when Keras is imported) and register the hooks."""
    watch = FitWatch()
    config.pluginmanager.register(WatchPlugin(watch, strict=strict), CARRIER_NAME)
    watch.start()
    return watch
