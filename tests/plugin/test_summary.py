"""The ``lrcheck training checks`` section: how many checks ran, their verdicts, their time."""

from __future__ import annotations

import re

import pytest

from tests.plugin.conftest import LRMODELS, installed

CHECKS = """
import pytest
import lrmodels

pytestmark = pytest.mark.lrcheck(steps=40, seed=3)


def test_healthy(lrcheck):
    lrcheck(*lrmodels.healthy())


def test_exploding_report(lrcheck):
    assert not lrcheck.check(*lrmodels.exploding()).healthy


def test_range_then_rate_off(lrcheck):
    model, x, y = lrmodels.healthy()
    lrcheck.lr_range(model, x, y, steps=40)
    lrcheck.assert_lr_ok(lrmodels.classifier(50.0, optimizer="sgd"), x, y, steps=40)


def test_bad_input(lrcheck):
    model, x, y = lrmodels.healthy()
    lrcheck(model, x, y[:10])
"""


@pytest.mark.tensorflow
@pytest.mark.usefixtures("keras_loaded", "lrmodels")
def test_summary_counts_checks_by_verdict_and_names_the_troubled(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_checks=CHECKS)
    result = pytester.runpytest()
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*= lrcheck training checks =*",
            "test_checks.py::test_exploding_report: training unhealthy: LRC5* *",
            "test_checks.py::test_range_then_rate_off: learning rate 50 is *",
            "test_checks.py::test_bad_input: the training check did not finish: "
            "ValueError: x and y must have one row per sample each*",
            "5 training check(s) in 4 test(s), * s: 1 healthy, 1 unhealthy, 1 range test, "
            "1 rate off, 1 error",
        ]
    )
    (line,) = [line for line in result.stdout.lines if "training check(s) in" in line]
    seconds = float(re.search(r", ([0-9.]+) s:", line).group(1))  # type: ignore[union-attr]
    assert seconds > 0
    result.stdout.no_fnmatch_line("*test_healthy:*")


def test_no_section_without_checks(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_plain():\n    pass\n")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*lrcheck training*")
    result.stdout.no_fnmatch_line("lrcheck:*")


@pytest.mark.tensorflow
@pytest.mark.skipif(not installed("tensorflow"), reason="needs TensorFlow")
@pytest.mark.skipif(not installed("xdist"), reason="needs pytest-xdist")
def test_under_xdist_the_controller_counts_every_workers_checks(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(lrmodels=LRMODELS)
    check = """
        import pytest
        import lrmodels

        @pytest.mark.lrcheck(steps=30)
        def test_{name}(lrcheck):
            lrcheck.check(*lrmodels.{model}())
        """
    pytester.makepyfile(
        test_one=check.format(name="one", model="healthy"),
        test_two=check.format(name="two", model="exploding"),
    )
    result = pytester.runpytest_subprocess("-n", "2", "-p", "no:randomly", "--dist", "loadfile")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "*= lrcheck training checks =*",
            "test_two.py::test_two: training unhealthy: *",
            "2 training check(s) in 2 test(s), * s: 1 healthy, 1 unhealthy",
        ]
    )
    assert result.stdout.str().count("lrcheck training checks") == 1
    # Two workers really ran them.
    result.stdout.fnmatch_lines(["created: 2/2 workers"])
