"""The object the ``lrcheck`` pytest fixture returns.

A short default call and explicit forms, in the manner of pytest-benchmark::

    def test_model_trains(lrcheck):
        report = lrcheck(model, x, y)              # fails the test with the diagnosis
        report = lrcheck.check(model, x, y)        # the report, never fails
        result = lrcheck.lr_range(model, x, y)     # learning-rate range test
        lrcheck.assert_lr_ok(model, x, y)          # fails if the configured rate is off

The knobs ``steps``, ``seed`` and ``max_seconds`` come from the marker, command line and ini
options (see `pytest_lrcheck.plugin.options`); a keyword given to the call beats all of them.
The test's seed also seeds the test body (`seed_test`), so ``lrcheck(build_model(), x, y)``
builds the same initial weights, and gives the same verdict, on every run.
Nothing here imports TensorFlow until a check runs.
"""

from __future__ import annotations

import linecache
import re
import time
import warnings
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pytest_lrcheck.extras import install_hint
from pytest_lrcheck.plugin.options import MARKER_NAMES, SPEC_NAMES, CheckSettings, OptionError

if TYPE_CHECKING:
    from pytest_lrcheck import LRRangeResult, TrainingReport
    from pytest_lrcheck.runtime.lr_range import LRAssessment


class PlotSink:
    """Saves one PNG loss curve per checked model of a test into a directory."""

    def __init__(self, directory: Path, nodeid: str) -> None:
        self.directory = directory
        self.stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_") or "lrcheck"
        self.saved: list[Path] = []
        self.unavailable = False

    def save(self, report: TrainingReport) -> Path | None:
        from pytest_lrcheck.runtime.plots import save_loss_plot

        self.directory.mkdir(parents=True, exist_ok=True)
        attempt = len(self.saved) + 1
        suffix = "" if attempt == 1 else f"-{attempt}"
        path = save_loss_plot(report, self.directory / f"{self.stem}{suffix}.png")
        if path is None:
            self.unavailable = True
        else:
            self.saved.append(Path(path))
        return path


@dataclass(frozen=True)
class CheckRecord:
    """What one call of the fixture concluded, for the terminal summary."""

    kind: str  # "check", "lr_range" or "assert_lr_ok"
    verdict: str  # one of VERDICTS
    seconds: float
    detail: str = ""  # the one-line reason, for anything but a plain pass


# In the order the summary lists them.
VERDICTS = (
    "healthy",
    "warned",
    "unhealthy",
    "inconclusive",
    "range test",
    "rate ok",
    "rate off",
    "error",
)


class TrainingWarning(UserWarning):
    """A training check passed, but its report warns (`TrainingReport.warnings`): the loss
    falls while something a user must hear is wrong.  ``strict`` turns it into a failure."""


def _judge_report(report: TrainingReport) -> tuple[str, str]:
    if report.healthy:
        return ("warned", report.headline()) if report.warnings else ("healthy", "")
    return ("inconclusive" if report.inconclusive else "unhealthy"), report.headline()


def _judge_range(result: LRRangeResult) -> tuple[str, str]:
    return "range test", ""


def _judge_assessment(assessment: LRAssessment) -> tuple[str, str]:
    return ("rate ok", "") if assessment.ok else ("rate off", assessment.message)


def _check_training() -> Callable[..., Any]:
    from pytest_lrcheck import check_training

    return check_training


def _lr_range() -> Callable[..., Any]:
    from pytest_lrcheck import lr_range

    return lr_range


def _assess_learning_rate() -> Callable[..., Any]:
    from pytest_lrcheck.runtime.lr_range import assess_learning_rate

    return assess_learning_rate


class LRCheck:
    """Briefly trains a model inside a test and judges its loss curve.

    ``settings`` holds the knobs in force for this test; ``reports`` every training report the
    test produced, in order.  ``log``, when given, receives a `CheckRecord` per call.
    """

    def __init__(
        self,
        settings: CheckSettings,
        *,
        plots: PlotSink | None = None,
        quiet: Callable[[], AbstractContextManager[Any]] = nullcontext,
        log: list[CheckRecord] | None = None,
        progress: Callable[[str, str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.reports: list[TrainingReport] = []
        self._plots = plots
        # lrcheck's own training must not show up as a watched ``fit`` of the suite.
        self._quiet = quiet
        self._log = log if log is not None else []
        # Told what each check is about to do (a line on the terminal; `plugin.progress`).
        self._progress = progress

    def __call__(self, model: Any, x: Any, y: Any = None, **options: Any) -> TrainingReport:
        """Check the model; fail the test with the diagnosis when training is unhealthy.

        A healthy run with warnings emits a `TrainingWarning` (pytest's warnings summary
        shows it), or fails the test under ``strict`` (the marker's or this call's
        ``strict=True``, ``--lrcheck-strict``, ini ``lrcheck_strict``).
        """
        strict = self._settings_for(options, "lrcheck").strict
        report = self.check(model, x, y, **options)
        if not report.passes(strict=strict):
            text = report.explain()
            if report.healthy:
                text = "strict: the training check passed with warnings\n" + text
            if self._plots is not None and self._plots.saved:
                text += f"\nloss curve: {self._plots.saved[-1]}"
            pytest.fail(text, pytrace=False)
        if report.warnings:
            warnings.warn(TrainingWarning(report.explain()), stacklevel=2)
        return report

    def check(self, model: Any, x: Any, y: Any = None, **options: Any) -> TrainingReport:
        """Train briefly and return the report, healthy or not.

        ``options``: ``steps``, ``seed``, ``max_seconds`` (override the test's settings),
        ``batch_size``, ``validation_data``, ``sample_weight``, ``class_weight`` (as
        `check_training`).
        """
        knobs = self._knobs(options, "lrcheck")
        report: TrainingReport = self._run(
            "check", _check_training, _judge_report, model, x, y, **knobs, **options
        )
        self.reports.append(report)
        if self._plots is not None:
            self._plots.save(report)
        return report

    def lr_range(self, model: Any, x: Any, y: Any = None, **options: Any) -> LRRangeResult:
        """Run the learning-rate range test and return its result.

        ``seed`` and ``max_seconds`` follow the test's settings; ``steps`` keeps the range
        test's own default unless given here, because a sweep over many decades of learning
        rate needs its steps whatever length the training checks use.
        """
        knobs = self._knobs(options, "lrcheck.lr_range", keep_steps=False)
        result: LRRangeResult = self._run(
            "lr_range", _lr_range, _judge_range, model, x, y, **knobs, **options
        )
        return result

    def assert_lr_ok(self, model: Any, x: Any, y: Any = None, **options: Any) -> LRAssessment:
        """Fail the test when the model's configured learning rate is off the stable range."""
        knobs = self._knobs(options, "lrcheck.assert_lr_ok", keep_steps=False)
        assessment: LRAssessment = self._run(
            "assert_lr_ok",
            _assess_learning_rate,
            _judge_assessment,
            model,
            x,
            y,
            **knobs,
            **options,
        )
        if not assessment.ok:
            pytest.fail(assessment.message, pytrace=False)
        return assessment

    def _knobs(
        self, options: dict[str, Any], call: str, *, keep_steps: bool = True
    ) -> dict[str, Any]:
        """Pop the knobs out of ``options`` and return the effective ones for this call."""
        steps_given = "steps" in options
        settings = self._settings_for(options, call, pop=True)
        knobs = {name: getattr(settings, name) for name in SPEC_NAMES}
        if not keep_steps and not steps_given:
            del knobs["steps"]
        return knobs

    def _settings_for(
        self, options: dict[str, Any], call: str, *, pop: bool = False
    ) -> CheckSettings:
        """The test's settings with the call's own keywords applied (and, with ``pop``,
        taken out of ``options``)."""
        take = options.pop if pop else options.get
        given = {name: take(name) for name in MARKER_NAMES if name in options}
        problem: str | None = None
        try:
            return self.settings.merged(given, lambda name: f"{call}({name}=...)")
        except OptionError as error:
            problem = str(error)
        # Failed outside the except block, so the report shows no chained exception.
        pytest.fail(problem, pytrace=False)

    def _run(
        self,
        kind: str,
        load: Callable[[], Callable[..., Any]],
        judge: Callable[[Any], tuple[str, str]],
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        started = time.perf_counter()
        if self._progress is not None:
            from pytest_lrcheck.plugin.progress import describe_check

            steps, budget = kwargs.get("steps"), kwargs.get("max_seconds")
            self._progress(*describe_check(kind, steps, budget))
        try:
            function = load()
            with self._quiet():
                result = function(*args, **kwargs)
        except ImportError as error:
            hint = install_hint(error)
            self._record(kind, started, "error", hint or _first_line(error))
            if hint is None:
                raise
            # A missing backend is an install step, not a bug: one line, no traceback.
            problem = f"lrcheck: {hint}"
        except (TypeError, ValueError) as error:
            self._record(kind, started, "error", _first_line(error))
            if not _rejected_by_lrcheck(error):
                raise
            # Bad input is the test's mistake, not ours: say what is wrong, without a traceback.
            problem = f"lrcheck: {error}"
        except Exception as error:
            self._record(kind, started, "error", _first_line(error))
            raise
        else:
            self._record(kind, started, *judge(result))
            return result
        # Failed outside the except block, so the report shows no chained exception.
        pytest.fail(problem, pytrace=False)

    def _record(self, kind: str, started: float, verdict: str, detail: str) -> None:
        seconds = time.perf_counter() - started
        self._log.append(CheckRecord(kind, verdict, seconds, detail))


def seed_test(seed: int) -> Callable[[], None]:
    """Seed Python, NumPy and the Keras backend for a test body; return what puts back the
    state found, for the test's teardown.

    A check seeds its own training, but the weights it starts from are drawn by the test
    body's ``build_model()``: unseeded, each run checks another initialization, and a verdict
    near a threshold could flip from run to run.  Keras is seeded through
    ``keras.utils.set_random_seed`` when the test module has imported it already; otherwise
    it is not imported here (a test that never trains must not load TensorFlow), and seeding
    Python's ``random`` is what seeds it: Keras draws its global seed generator's seed from
    Python's ``random`` the first time a layer needs one.
    """
    import random
    import sys

    # A module set to None in sys.modules is one the process blocked: not imported.
    if sys.modules.get("keras") is not None:
        from pytest_lrcheck.runtime.state import capture, restore

        saved = capture()
        sys.modules["keras"].utils.set_random_seed(int(seed))
        return lambda: restore(saved)
    python_state = random.getstate()
    random.seed(seed)
    numpy = sys.modules.get("numpy")
    numpy_state = None if numpy is None else numpy.random.get_state()
    if numpy is not None:
        numpy.random.seed(seed)

    def put_back() -> None:
        random.setstate(python_state)
        if numpy is not None:
            numpy.random.set_state(numpy_state)

    return put_back


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def _rejected_by_lrcheck(error: BaseException) -> bool:
    """Whether lrcheck itself raised ``error`` (its input checks), rather than Keras, TensorFlow
    or the user's own layers, whose tracebacks the user needs to see."""
    traceback = error.__traceback__
    if traceback is None:
        return False
    if traceback.tb_next is None:
        return True  # raised by the call itself: arguments the check does not take
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    module = traceback.tb_frame.f_globals.get("__name__", "")
    if not (isinstance(module, str) and module.startswith("pytest_lrcheck.")):
        return False
    # Our own checks raise with a `raise` statement; an error that a library call made from
    # our code raised (NumPy's "setting an array element...") is an internal error, whose
    # traceback must be shown, not passed off as the test's mistake.
    line = linecache.getline(traceback.tb_frame.f_code.co_filename, traceback.tb_lineno)
    return line.strip().startswith("raise ")
