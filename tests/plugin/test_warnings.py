"""The warnings tier in a user's session: a passing check that warns, and ``strict``."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.tensorflow, pytest.mark.usefixtures("keras_loaded", "lrmodels")]

HALF_FIX_TEST = """
import pytest
import lrmodels

{marker}
def test_trains(lrcheck):
    model, x, y = lrmodels.half_fix()
    report = lrcheck(model, x, y)
    assert report.healthy and report.warning_codes == ("LRC516",)
"""


def test_a_check_that_warns_passes_and_says_so_in_both_summaries(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(HALF_FIX_TEST.format(marker="@pytest.mark.lrcheck(steps=60)"))
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines(
        [
            "*warnings summary*",
            "*TrainingWarning: training healthy: loss * over 60 steps, with 1 warning: LRC516*",
            "*lrcheck training checks*",
            "test_*::test_trains: training healthy: * with 1 warning: LRC516 *",
            "1 training check(s) in 1 test(s), *: 1 warned",
        ]
    )


@pytest.mark.parametrize(
    ("marker", "args"),
    [
        ("@pytest.mark.lrcheck(steps=60, strict=True)", ()),
        ("@pytest.mark.lrcheck(steps=60)", ("-o", "lrcheck_strict=true")),
    ],
    ids=["marker", "ini"],
)
def test_strict_turns_the_warnings_into_a_failure(
    pytester: pytest.Pytester, marker: str, args: tuple[str, ...]
) -> None:
    pytester.makepyfile(HALF_FIX_TEST.format(marker=marker))
    result = pytester.runpytest(*args)
    result.stdout.fnmatch_lines(
        [
            "*strict: the training check passed with warnings",
            "training healthy: * with 1 warning: LRC516 *",
            "  warnings (the loss falls, but):",
            "    - LRC516 activation-loss-mismatch: *softmax*",
        ]
    )
    result.stdout.fnmatch_lines(["FAILED test_*::test_trains*"])


def test_a_bad_strict_value_names_the_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(HALF_FIX_TEST.format(marker="@pytest.mark.lrcheck(strict='maybe')"))
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*@pytest.mark.lrcheck(strict=...): expected true or false*"])


WATCHED_FIT_TEST = """
import lrmodels

def test_fits():
    model, x, y = lrmodels.sorted_classes()
    model.fit(x, y, batch_size=32, epochs=1, shuffle={shuffle}, verbose=0)
"""


def test_a_watched_fit_on_sorted_classes_is_reported(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_fit=WATCHED_FIT_TEST.format(shuffle=False))
    result = pytester.runpytest("--lrcheck", "test_fit.py")
    result.stdout.fnmatch_lines(["*lrcheck training watch*", "test_fit.py::test_fits: *LRC518 *"])


def test_a_shuffled_watched_fit_on_the_same_data_is_not(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_fit=WATCHED_FIT_TEST.format(shuffle=True))
    result = pytester.runpytest("--lrcheck", "test_fit.py")
    result.stdout.no_fnmatch_line("*LRC518*")
    result.stdout.fnmatch_lines(["1 model.fit call(s) watched in 1 test(s); *"])
