"""Training checks carry the ``lrcheck`` marker and can all be skipped for a quick CI job.

Nothing here trains: a training check that ran would fail its test on purpose.
"""

from __future__ import annotations

import pytest

CHECKS = """
import pytest

def test_plain():
    pass

def test_uses_the_fixture(lrcheck):
    raise AssertionError("a training check ran")

@pytest.mark.lrcheck(steps=10)
def test_marked():
    raise AssertionError("a marked training check ran")

def test_asks_at_run_time(request):
    request.getfixturevalue("lrcheck")
    raise AssertionError("a training check ran")
"""

FLAG_REASON = "lrcheck training checks skipped (--lrcheck-skip-training)"


def test_fixture_users_carry_the_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_checks=CHECKS)
    result = pytester.runpytest("-m", "lrcheck", "--co", "-q")
    result.stdout.fnmatch_lines(
        ["test_checks.py::test_uses_the_fixture", "test_checks.py::test_marked", "", "2/4 tests*"]
    )
    result = pytester.runpytest("-m", "not lrcheck", "-k", "not run_time")
    result.assert_outcomes(passed=1, deselected=3)


def test_skip_training_skips_every_training_check_with_the_reason(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_checks=CHECKS)
    result = pytester.runpytest("--lrcheck-skip-training", "-rs")
    result.assert_outcomes(passed=1, skipped=3)
    result.stdout.fnmatch_lines(
        [
            f"SKIPPED [[]1[]] test_checks.py*: {FLAG_REASON}",
            f"SKIPPED [[]1[]] test_checks.py*: {FLAG_REASON}",
            f"SKIPPED [[]1[]] test_checks.py*: {FLAG_REASON}",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*= lrcheck training checks =*",
            "training checks skipped in 3 test(s) (--lrcheck-skip-training)",
        ]
    )
    result.stdout.no_fnmatch_line("*training check ran*")


def test_skip_training_from_the_ini_file_and_its_override(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nlrcheck_skip_training = true\n")
    pytester.makepyfile(test_checks=CHECKS)
    result = pytester.runpytest("-rs", "-k", "marked or plain")
    result.assert_outcomes(passed=1, skipped=1, deselected=2)
    result.stdout.fnmatch_lines(
        ["SKIPPED * lrcheck training checks skipped (ini option lrcheck_skip_training)"]
    )
    result.stdout.fnmatch_lines(["lrcheck: training checks skipped (ini option *); checks *"])
    # The command line beats the ini file: the checks run again (and fail here, on purpose).
    result = pytester.runpytest("--no-lrcheck-skip-training", "-k", "marked or plain")
    result.assert_outcomes(passed=1, failed=1, deselected=2)
    result.stdout.no_fnmatch_line("*lrcheck training checks =*")


def test_skip_training_keeps_the_lint_items_and_drops_the_watch(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_checks=CHECKS)
    result = pytester.runpytest("--lrcheck", "--lrcheck-skip-training", "-v")
    result.assert_outcomes(passed=2, skipped=3)
    result.stdout.fnmatch_lines(
        [
            "lrcheck: lint, training checks skipped (--lrcheck-skip-training); checks *",
            "test_checks.py::LRCHECK PASSED*",
        ],
        consecutive=False,
    )
    result.stdout.no_fnmatch_line("*fit watch*")
