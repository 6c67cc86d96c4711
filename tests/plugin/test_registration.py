"""Which lrcheck hooks run around a test, and when: none unless a flag or the fixture asks.

The witness is pluggy's hook-call monitor, installed by the inner session's conftest: it records
every lrcheck hook implementation that pytest calls for a ``pytest_runtest_*`` hook.
"""

from __future__ import annotations

import sys

import pytest

WITNESS = """
import sys

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
def test_skipping_training_leaves_the_lint_items_and_no_hook(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain=PLAIN_TESTS)
    result = pytester.runpytest("-s", "--lrcheck", "--lrcheck-skip-training")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["LRCHECK HOOKS AROUND TESTS: []"])


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


# pytest is not a dependency of the lint-only install: the plugin may meet an older pytest.
OLD_PYTEST = """
import sys
import sys

import pytest

pytest.version_tuple = (7, 4, 0)
pytest.__version__ = "7.4.0"
sys.exit(pytest.main(sys.argv[1:]))
"""
TOO_OLD = (
    "pytest-lrcheck's plugin needs pytest 8.0 or later, found 7.4.0: pip install 'pytest>=8.0'"
)


def test_on_an_older_pytest_the_plugin_stays_off_and_says_so_when_asked(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        test_mixed="""
        def test_plain():
            pass

        def test_check(lrcheck):
            pass
        """
    )
    runner = pytester.makepyfile(run_old="")
    runner.write_text(OLD_PYTEST)
    result = pytester.run(sys.executable, str(runner), "-p", "no:cacheprovider", "test_mixed.py")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*_ ERROR at setup of test_check _*", TOO_OLD])
    result.stdout.no_fnmatch_line("*Traceback*")
    result = pytester.run(sys.executable, str(runner), "-p", "no:cacheprovider", "--lrcheck")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: {TOO_OLD}"])
