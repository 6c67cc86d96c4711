"""A line on the terminal while a training check runs; none under ``-q`` or in xdist workers."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest

from pytest_lrcheck.plugin.progress import describe_check, progress_writer

CHECK = """
import pytest
import lrmodels

@pytest.mark.lrcheck(steps=30, max_seconds=50)
def test_trains(lrcheck):
    model, x, y = lrmodels.healthy()
    lrcheck(model, x, y)
"""


@pytest.mark.tensorflow
@pytest.mark.usefixtures("keras_loaded", "lrmodels")
def test_the_check_announces_itself_unless_quiet(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_progress=CHECK)
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        ["lrcheck: training check of test_progress.py::test_trains running "
         "(up to 30 steps, 50* s budget)"]
    )  # fmt: skip
    quiet = pytester.runpytest("-q")
    quiet.assert_outcomes(passed=1)
    quiet.stdout.no_fnmatch_line("lrcheck: * running*")


def test_an_xdist_worker_writes_nothing() -> None:
    worker = SimpleNamespace(workerinput={"workerid": "gw0"}, get_verbosity=lambda: 0)
    assert progress_writer(cast(Any, worker), "t.py::test") is None


@pytest.mark.parametrize(
    ("kind", "steps", "budget", "text"),
    [
        ("check", 200, 60.0, ("training check", " (up to 200 steps, 60.0 s budget)")),
        ("lr_range", None, 60.0, ("learning-rate range test", " (60.0 s budget)")),
        ("assert_lr_ok", None, None, ("learning-rate check", "")),
    ],
)
def test_what_the_line_says(
    kind: str, steps: int | None, budget: float | None, text: tuple[str, str]
) -> None:
    assert describe_check(kind, steps, budget) == text
