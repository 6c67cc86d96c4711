"""What lrcheck saw during a test, carried on that test's reports.

Under pytest-xdist the tests run in worker processes and only the controller writes the
terminal summary, so everything the summary needs travels as plain, JSON-able data on the test
reports themselves (attribute ``lrcheck``; xdist ships a report's extra attributes to the
controller).  `ReportCarrier` puts it there.  It is registered with the fit watch
(``--lrcheck``), or else the first time a test asks for the ``lrcheck`` fixture, so a session
that uses neither runs no lrcheck hook around its tests.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from pytest_lrcheck.plugin.fit_patch import FitWatch, WatchedSymptom
from pytest_lrcheck.plugin.fixture import CheckRecord, PlotSink

REPORT_ATTRIBUTE = "lrcheck"
CARRIER_NAME = "lrcheck-reports"


@dataclass
class ItemRecord:
    """What one test item's lrcheck fixture produced: its checks go onto the report of the
    phase that ran them, its plots onto the teardown report."""

    checks: list[CheckRecord] = field(default_factory=list)
    plots: PlotSink | None = None


RECORD = pytest.StashKey[ItemRecord]()


def record_for(item: pytest.Item) -> ItemRecord:
    """The item's record, created on first use."""
    record = item.stash.get(RECORD, None)
    if record is None:
        record = item.stash[RECORD] = ItemRecord()
    return record


@dataclass(frozen=True)
class Payload:
    """The lrcheck part of one test report."""

    fits: int = 0
    symptoms: tuple[WatchedSymptom, ...] = ()
    checks: tuple[CheckRecord, ...] = ()
    plots: tuple[str, ...] = ()
    plots_unavailable: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.fits or self.symptoms or self.checks or self.plots or self.plots_unavailable
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.fits:
            data["fits"] = self.fits
        if self.symptoms:
            data["watch"] = [
                [s.code, s.name, s.message, *(["warning"] if s.warning else [])]
                for s in self.symptoms
            ]
        if self.checks:
            data["checks"] = [[c.kind, c.verdict, c.seconds, c.detail] for c in self.checks]
        if self.plots:
            data["plots"] = list(self.plots)
        if self.plots_unavailable:
            data["plots_unavailable"] = True
        return data

    @classmethod
    def from_report(cls, report: object) -> Payload | None:
        """The payload a report carries, or None when it carries none."""
        data = getattr(report, REPORT_ATTRIBUTE, None)
        if not isinstance(data, Mapping):
            return None
        try:
            return cls._from_json(data)
        except (TypeError, ValueError):
            # Not ours after all (another plugin's attribute): the summary goes without it.
            return None

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> Payload:
        return cls(
            fits=int(data.get("fits", 0)),
            symptoms=tuple(_watched(entry) for entry in data.get("watch", ())),
            checks=tuple(
                CheckRecord(str(kind), str(verdict), float(seconds), str(detail))
                for kind, verdict, seconds, detail in data.get("checks", ())
            ),
            plots=tuple(str(path) for path in data.get("plots", ())),
            plots_unavailable=bool(data.get("plots_unavailable")),
        )


def _watched(entry: Any) -> WatchedSymptom:
    code, name, message, *level = map(str, entry)
    return WatchedSymptom(code, name, message, warning=level == ["warning"])


class ReportCarrier:
    """Puts what lrcheck saw during each phase of a test onto that phase's report."""

    def __init__(self, watch: FitWatch | None = None) -> None:
        self.watch = watch

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        fits, symptoms = self.watch.drain() if self.watch is not None else (0, ())
        record = item.stash.get(RECORD, None)
        checks: tuple[CheckRecord, ...] = ()
        if record is not None:
            checks = tuple(record.checks)
            record.checks.clear()
        plots = record.plots if record is not None and call.when == "teardown" else None
        payload = Payload(
            fits=fits,
            symptoms=symptoms,
            checks=checks,
            plots=tuple(str(path) for path in plots.saved) if plots is not None else (),
            plots_unavailable=plots.unavailable if plots is not None else False,
        )
        if payload:
            setattr(report, REPORT_ATTRIBUTE, payload.to_json())
        return report


def ensure_carrier(config: pytest.Config) -> None:
    """Register a `ReportCarrier` unless one (or the fit watch, which is one) already is."""
    if config.pluginmanager.get_plugin(CARRIER_NAME) is None:
        config.pluginmanager.register(ReportCarrier(), CARRIER_NAME)
