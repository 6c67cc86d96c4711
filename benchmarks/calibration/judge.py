"""Run one scenario and score what the check said against its label."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from tests.zoo import seeded

from .causes import CURVE_SHAPES, matches
from .scenario import Scenario

STEPS = 200


@dataclass(frozen=True)
class Judged:
    """``got`` is ``fail``, ``warn`` (healthy with warnings), ``pass`` (healthy, nothing
    said), ``inconclusive``, ``refused`` (a ValueError/TypeError naming the scenario's
    problem, before training) or ``crash`` (any other exception, a refusal for another
    reason included).  ``causes`` are the ranked symptoms after the loss-curve
    shapes; ``first`` is the first cause named in the tier the verdict used."""

    scenario: str
    cause: str
    expected: str
    got: str
    causes: tuple[str, ...]
    warnings: tuple[str, ...]
    first: str | None
    rank1_right: bool
    verdict_right: bool
    seconds: float
    verdict_step: int | None
    steps_run: int
    error: str = ""


def _error_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else ""
    if text.startswith("in user code:") and len(lines) > 1:
        text = f"in user code: ... {lines[-1]}"
    return f"{type(error).__name__}: {text[:200]}"


def _report(scenario: Scenario, seed: int) -> Any:
    import pytest_lrcheck

    case = scenario.build(seed)
    if scenario.runner == "watch":
        watcher = pytest_lrcheck.LossWatcher()
        keywords = case.inputs.fit_keywords(STEPS)
        # As the fit watch of ``pytest --lrcheck`` does: tell the watcher what fit trains on.
        watcher.observe_fit(
            case.inputs.x,
            case.inputs.y,
            batch_size=keywords.get("batch_size"),
            shuffle=keywords.get("shuffle", True),
        )
        case.model.fit(case.inputs.x, case.inputs.y, callbacks=[watcher], **keywords)
        return watcher.report()
    return pytest_lrcheck.check_training(
        case.model, case.inputs.x, case.inputs.y, seed=seed, **case.inputs.keywords()
    )


def judge(scenario: Scenario, seed: int = 0) -> Judged:
    """Run ``scenario`` on ``seed``; never raises."""
    seeded(seed)
    began = time.perf_counter()
    try:
        report = _report(scenario, seed)
    except Exception as error:  # a refusal or a crash is what this run measured
        seconds = time.perf_counter() - began
        line = _error_line(error)
        # Only a clear ValueError/TypeError naming the scenario's problem is a right refusal.
        names_it = (
            isinstance(error, (ValueError, TypeError))
            and scenario.refusal is not None
            and scenario.refusal.lower() in line.lower()
        )
        return Judged(
            scenario.name,
            scenario.cause,
            scenario.verdict,
            "refused" if names_it else "crash",
            (),
            (),
            None,
            names_it,
            names_it and scenario.verdict == "fail",
            seconds,
            None,
            0,
            line,
        )
    seconds = time.perf_counter() - began
    symptoms = [s for s in report.symptoms if s.code not in CURVE_SHAPES]
    warned = list(getattr(report, "warnings", ()))
    if report.inconclusive:
        got, named = "inconclusive", []
    elif not report.healthy:
        got, named = "fail", symptoms
    else:
        got, named = ("warn" if warned else "pass"), warned
    first = named[0] if named else None
    right = first is not None and any(matches(label, first) for label in scenario.right_causes)
    return Judged(
        scenario.name,
        scenario.cause,
        scenario.verdict,
        got,
        tuple(s.code for s in symptoms),
        tuple(s.code for s in warned),
        None if first is None else first.code,
        right,
        got == scenario.verdict,
        seconds,
        report.verdict_step,
        report.steps_run,
    )
