"""The lrcheck sections of pytest's terminal summary.

They are built from the payloads the test reports carry (`pytest_lrcheck.plugin.records`), as
kept by the terminal reporter, so no hook runs per test to collect them and, under pytest-xdist,
the controller counts what every worker saw.  Only a process that is not an xdist worker writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pytest_lrcheck.plugin.fixture import VERDICTS, CheckRecord
from pytest_lrcheck.plugin.records import Payload

WATCH_SECTION = "lrcheck training watch"
CHECKS_SECTION = "lrcheck training checks"
PLOTS_SECTION = "lrcheck loss plots"
# Verdicts that get a line of their own, naming the test.
NOTEWORTHY = frozenset({"warned", "unhealthy", "inconclusive", "rate off", "error"})


@dataclass
class Tally:
    """Everything the reports of one session carried."""

    fits: int = 0
    watched_tests: set[str] = field(default_factory=set)
    symptoms: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    warnings: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    checks: list[tuple[str, CheckRecord]] = field(default_factory=list)
    plots_saved: int = 0
    plots_unavailable: bool = False
    skipped_checks: set[str] = field(default_factory=set)

    def add(self, nodeid: str, payload: Payload) -> None:
        if payload.fits:
            self.fits += payload.fits
            self.watched_tests.add(nodeid)
        for symptom in payload.symptoms:
            kept = self.warnings if symptom.warning else self.symptoms
            kept[(nodeid, symptom.code, symptom.name, symptom.message)] += 1
        self.checks.extend((nodeid, check) for check in payload.checks)
        self.plots_saved += len(payload.plots)
        self.plots_unavailable |= payload.plots_unavailable


def _payloads(reporter: pytest.TerminalReporter) -> Iterator[tuple[str, Payload]]:
    reports = [report for kept in reporter.stats.values() for report in kept]
    # The reporter files reports by outcome; list them in the order they were made.
    reports.sort(key=lambda report: float(getattr(report, "start", 0.0)))
    for report in reports:
        payload = Payload.from_report(report)
        if payload is not None:
            yield str(getattr(report, "nodeid", "")), payload


def tally(reporter: pytest.TerminalReporter) -> Tally:
    result = Tally()
    for nodeid, payload in _payloads(reporter):
        result.add(nodeid, payload)
    for report in reporter.stats.get("skipped", ()):
        if "lrcheck" in getattr(report, "keywords", {}):
            result.skipped_checks.add(str(report.nodeid))
    return result


def write_summary(
    reporter: pytest.TerminalReporter,
    config: pytest.Config,
    *,
    plots_dir: Path | None,
    skip_training: str | None,
) -> None:
    if hasattr(config, "workerinput"):
        return
    seen = tally(reporter)
    if seen.fits:
        _write_watch(reporter, seen)
    skipped = len(seen.skipped_checks) if skip_training is not None else 0
    if seen.checks or skipped:
        _write_checks(reporter, seen, skipped, skip_training)
    if plots_dir is not None and (seen.plots_saved or seen.plots_unavailable):
        _write_plots(reporter, seen, plots_dir)


def _write_watch(writer: pytest.TerminalReporter, seen: Tally) -> None:
    writer.write_sep("=", WATCH_SECTION)
    for (nodeid, code, name, message), count in seen.symptoms.items():
        times = f" (in {count} fits)" if count > 1 else ""
        writer.write_line(f"{nodeid}: {code} {name}: {message}{times}")
    for (nodeid, code, name, message), count in seen.warnings.items():
        times = f" (in {count} fits)" if count > 1 else ""
        writer.write_line(f"{nodeid}: warning: {code} {name}: {message}{times}")
    troubled = len({key[0] for key in seen.symptoms})
    verdict = f"{troubled} with loss problems" if troubled else "no loss problems seen"
    warned = len({key[0] for key in seen.warnings})
    if warned:
        verdict += f", {warned} with warnings"
    writer.write_line(
        f"{seen.fits} model.fit call(s) watched in {len(seen.watched_tests)} test(s); {verdict}"
    )


CALLS = {
    "check": "the training check",
    "lr_range": "the learning-rate range test",
    "assert_lr_ok": "the learning-rate assessment",
}


def _write_checks(
    writer: pytest.TerminalReporter, seen: Tally, skipped: int, skip_training: str | None
) -> None:
    writer.write_sep("=", CHECKS_SECTION)
    for nodeid, check in seen.checks:
        if check.verdict == "error":
            call = CALLS.get(check.kind, check.kind)
            writer.write_line(f"{nodeid}: {call} did not finish: {check.detail}")
        elif check.verdict in NOTEWORTHY:
            writer.write_line(f"{nodeid}: {check.detail}")
    if seen.checks:
        counts = Counter(check.verdict for _, check in seen.checks)
        verdicts = ", ".join(f"{counts[v]} {v}" for v in VERDICTS if counts[v])
        tests = len({nodeid for nodeid, _ in seen.checks})
        seconds = sum(check.seconds for _, check in seen.checks)
        writer.write_line(
            f"{len(seen.checks)} training check(s) in {tests} test(s), {seconds:.1f} s: {verdicts}"
        )
    if skipped:
        writer.write_line(f"training checks skipped in {skipped} test(s) ({skip_training})")


def _write_plots(writer: pytest.TerminalReporter, seen: Tally, plots_dir: Path) -> None:
    writer.write_sep("=", PLOTS_SECTION)
    if seen.plots_saved:
        writer.write_line(f"saved {seen.plots_saved} loss plot(s) to {plots_dir}")
    if seen.plots_unavailable:
        writer.write_line(
            "matplotlib is not installed, so --lrcheck-plots could not save loss plots "
            "(pip install matplotlib)"
        )
