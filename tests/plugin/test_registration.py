"""Which lrcheck hooks run around a test, and when: none unless a flag or the fixture asks.

The witness is pluggy's hook-call monitor, installed by the inner session's conftest: it records
every lrcheck hook implementation that pytest calls for a ``pytest_runtest_*`` hook.
"""

from __future__ import annotations

import pytest

WITNESS = """
import pytest

called = set()


def pytest_configure(config):
    def before(hook_name, hook_impls, kwargs):
        if hook_name.startswith("pytest_runtest_"):
            for impl in hook_impls:
                if impl.function.__module__.startswith("pytest_lrcheck"):
                    called.add(f"{hook_name} {impl.function.__module__}")

    def after(outcome, hook_name, hook_impls, kwargs):
        pass

    config.stash[undo] = config.pluginmanager.add_hookcall_monitoring(before, after)


undo = pytest.StashKey()


def pytest_unconfigure(config):
    config.stash[undo]()
    print(f"LRCHECK HOOKS AROUND TESTS: {sorted(called)}")
"""

PLAIN_TESTS = """
def test_one():
    pass

def test_two():
    assert 1 + 1 == 2
"""


@pytest.fixture
def witness(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(WITNESS)
    pytester.mkdir("nothing-to-lint")
    pytester.makeini("[pytest]\nlrcheck_paths = nothing-to-lint\n")


@pytest.mark.usefixtures("witness")
def test_without_the_flag_no_lrcheck_hook_runs_around_a_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain=PLAIN_TESTS)
    result = pytester.runpytest("-s")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["LRCHECK HOOKS AROUND TESTS: []"])


@pytest.mark.usefixtures("witness")
def test_with_the_flag_the_fit_watch_wraps_each_test(pytester: pytest.Pytester) -> None:
    # The witness works: it sees the fit watch's wrappers once they are registered.
    pytester.makepyfile(test_plain=PLAIN_TESTS)
    result = pytester.runpytest("-s", "--lrcheck")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "LRCHECK HOOKS AROUND TESTS: ["
            "'pytest_runtest_call pytest_lrcheck.plugin.watch', "
            "'pytest_runtest_makereport pytest_lrcheck.plugin.records', "
            "'pytest_runtest_protocol pytest_lrcheck.plugin.watch', "
            "'pytest_runtest_setup pytest_lrcheck.plugin.watch']"
        ]
    )


@pytest.mark.usefixtures("witness")
def test_the_fixture_adds_only_the_report_carrier(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_fixture="""
        def test_asks_for_it(lrcheck):
            assert lrcheck.settings.steps == 200
        """
    )
    result = pytester.runpytest("-s")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        ["LRCHECK HOOKS AROUND TESTS: ['pytest_runtest_makereport pytest_lrcheck.plugin.records']"]
    )
