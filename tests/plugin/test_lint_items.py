"""``pytest --lrcheck``: each Python file and notebook is a test item run by the static checker."""

from __future__ import annotations

import json
import textwrap

import pytest

CLEAN = """
def add(a, b):
    return a + b
"""

# Report 1 of the issue: a sigmoid output under categorical cross-entropy (LRC101).
SIGMOID_UNDER_CCE = """\
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(10, activation="sigmoid")])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
"""

# The same mistake where collecting the file imports nothing heavy.
IN_A_FUNCTION = "def build():\n" + textwrap.indent(SIGMOID_UNDER_CCE, "    ")

# The same model repaired: expert code that must stay silent.
SOFTMAX_UNDER_CCE = SIGMOID_UNDER_CCE.replace('"sigmoid"', '"softmax"')

BROKEN = """
import keras

model = keras.Sequential(
"""


def test_clean_file_is_a_passing_item(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(clean=CLEAN)
    result = pytester.runpytest("--lrcheck", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["clean.py::LRCHECK PASSED*"])


def test_without_the_flag_there_are_no_lint_items(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(bad=SIGMOID_UNDER_CCE)
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    result.stdout.no_fnmatch_line("*LRCHECK*")


def test_bad_file_fails_showing_the_findings_without_traceback(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(bad=SIGMOID_UNDER_CCE)
    result = pytester.runpytest("--lrcheck")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ bad.py::LRCHECK *_",
            "bad.py:3:*: LRC101 *",
            "*short test summary info*",
            "FAILED bad.py::LRCHECK*",
        ]
    )
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*LintFailure*")
    result.stdout.no_fnmatch_line("*plugin/lint.py*")


def test_expert_code_passes(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(good=SOFTMAX_UNDER_CCE)
    result = pytester.runpytest("--lrcheck", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*LRC1*")


def test_unparsable_file_fails_with_lrc000(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(broken=BROKEN)
    result = pytester.runpytest("--lrcheck")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["broken.py:*: LRC000 *"])


def test_marker_selects_the_lint_items(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_things="def test_one():\n    pass\n",
        bad=SIGMOID_UNDER_CCE,
    )
    result = pytester.runpytest("--lrcheck", "-m", "lrcheck_lint", "-v")
    result.assert_outcomes(failed=1, passed=1, deselected=1)
    result.stdout.fnmatch_lines(["bad.py::LRCHECK FAILED*", "test_things.py::LRCHECK PASSED*"])
    result.stdout.no_fnmatch_line("*test_one*PASSED*")
    result = pytester.runpytest("--lrcheck", "-m", "not lrcheck_lint")
    result.assert_outcomes(passed=1, deselected=2)


def test_deselecting_training_checks_keeps_the_lint_items(pytester: pytest.Pytester) -> None:
    # A quick CI job: lint everything, run the plain tests, leave out what trains.
    pytester.makepyfile(
        bad=SIGMOID_UNDER_CCE,
        test_things="""
            import pytest

            def test_plain():
                pass

            def test_trains(lrcheck):
                raise AssertionError("a training check ran")

            @pytest.mark.lrcheck(steps=10)
            def test_marked():
                raise AssertionError("a marked training check ran")
            """,
    )
    result = pytester.runpytest("--lrcheck", "-m", "not lrcheck", "-v")
    result.assert_outcomes(failed=1, passed=2, deselected=2)
    result.stdout.fnmatch_lines(
        [
            "bad.py::LRCHECK FAILED*",
            "test_things.py::LRCHECK PASSED*",
            "test_things.py::test_plain PASSED*",
        ],
        consecutive=False,
    )
    result.stdout.no_fnmatch_line("*training check ran*")
    # The lint items do not carry the training checks' marker, nor the reverse.
    result = pytester.runpytest("--lrcheck", "-m", "lrcheck", "-v")
    result.assert_outcomes(failed=2, deselected=3)
    result.stdout.fnmatch_lines(["*test_trains FAILED*", "*test_marked FAILED*"])


def test_test_modules_get_a_lint_item_beside_their_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_model=IN_A_FUNCTION + "\n\ndef test_runs():\n    pass\n")
    result = pytester.runpytest("--lrcheck", "-v")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        ["test_model.py::LRCHECK FAILED*", "test_model.py::test_runs PASSED*"], consecutive=False
    )


def test_lrcheck_paths_choose_what_is_linted(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntestpaths = tests\nlrcheck_paths = src\n")
    pytester.mkdir("src")
    pytester.mkdir("tests")
    (pytester.path / "src" / "train.py").write_text(SIGMOID_UNDER_CCE)
    (pytester.path / "src" / "util.py").write_text(CLEAN)
    (pytester.path / "tests" / "test_x.py").write_text(
        IN_A_FUNCTION + "\n\ndef test_x():\n    pass\n"
    )
    result = pytester.runpytest("--lrcheck", "-v")
    # src is linted although pytest collects only tests/; tests/ is not linted.
    result.assert_outcomes(failed=1, passed=2)
    result.stdout.fnmatch_lines(["src/train.py:3:*: LRC101 *"])
    result.stdout.fnmatch_lines(["*src/util.py::LRCHECK PASSED*"])
    result.stdout.no_fnmatch_line("*tests/test_x.py::LRCHECK*")
    # The added files are counted like collected ones.
    result.stdout.fnmatch_lines(["collecting ... collected 3 items"])


def test_lrcheck_paths_walk_honours_ignore_and_norecursedirs(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nlrcheck_paths = src\nnorecursedirs = vendored\n")
    for folder in ("src/vendored", "src/generated"):
        (pytester.path / folder).mkdir(parents=True)
        (pytester.path / folder / "model.py").write_text(SIGMOID_UNDER_CCE)
    (pytester.path / "src" / "ok.py").write_text(CLEAN)
    pytester.mkdir("tests")
    result = pytester.runpytest("--lrcheck", "-v", "tests", "--ignore=src/generated")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*src/ok.py::LRCHECK PASSED*"])


def project_with_testpaths(pytester: pytest.Pytester, ini: str = "") -> None:
    """A project as a first one looks: train.py at the root, the tests in tests/."""
    pytester.makeini(f"[pytest]\ntestpaths = tests\n{ini}")
    # The model is built in a function: pytest imports a file it is pointed at.
    (pytester.path / "train.py").write_text(IN_A_FUNCTION)
    pytester.mkdir("src")
    (pytester.path / "src" / "util.py").write_text(CLEAN)
    pytester.mkdir("tests")
    (pytester.path / "tests" / "test_x.py").write_text("def test_x():\n    pass\n")
    # A virtualenv and pytest's norecursedirs stay out, as in pytest's own walk.
    (pytester.path / ".venv" / "lib").mkdir(parents=True)
    (pytester.path / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (pytester.path / ".venv" / "lib" / "model.py").write_text(SIGMOID_UNDER_CCE)
    (pytester.path / "build").mkdir()
    (pytester.path / "build" / "model.py").write_text(SIGMOID_UNDER_CCE)


def test_testpaths_run_lints_the_whole_project(pytester: pytest.Pytester) -> None:
    project_with_testpaths(pytester)
    result = pytester.runpytest("--lrcheck", "-v")
    result.assert_outcomes(failed=1, passed=3)
    result.stdout.fnmatch_lines(["train.py:4:*: LRC101 *"])
    result.stdout.fnmatch_lines(
        [
            "tests/test_x.py::LRCHECK PASSED*",
            "tests/test_x.py::test_x PASSED*",
            "src/util.py::LRCHECK PASSED*",
            "train.py::LRCHECK FAILED*",
        ],
        consecutive=False,
    )
    result.stdout.no_fnmatch_line(".venv/*")
    result.stdout.no_fnmatch_line("build/*")


def test_lrcheck_paths_dot_lints_the_root(pytester: pytest.Pytester) -> None:
    project_with_testpaths(pytester, ini="lrcheck_paths = .\n")
    result = pytester.runpytest("--lrcheck", "-v")
    result.assert_outcomes(failed=1, passed=3)
    result.stdout.fnmatch_lines(["train.py::LRCHECK FAILED*"], consecutive=False)


def test_explicit_arguments_lint_only_what_they_name(pytester: pytest.Pytester) -> None:
    project_with_testpaths(pytester)
    result = pytester.runpytest("--lrcheck", "-v", "tests")
    result.assert_outcomes(passed=2)
    result.stdout.no_fnmatch_line("*train.py*")
    # The session's neighbours of a named file are asked about, then dropped: still linted
    # when named themselves.
    result = pytester.runpytest("--lrcheck", "-v", "train.py")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["train.py:4:*: LRC101 *"])


def test_a_file_reached_through_a_symlink_loop_is_one_item(pytester: pytest.Pytester) -> None:
    package = pytester.mkdir("pkg")
    (package / "model.py").write_text(SIGMOID_UNDER_CCE)
    # A directory link back up the tree: pytest's walk meets model.py under many names.
    (package / "loop").symlink_to(package, target_is_directory=True)
    result = pytester.runpytest("--lrcheck", "-p", "no:cacheprovider", "pkg")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*pkg/model.py:3:*LRC101*"])


def test_notebooks_are_items(pytester: pytest.Pytester) -> None:
    cell: dict[str, object] = {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": SIGMOID_UNDER_CCE.strip().splitlines(keepends=True),
    }
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (pytester.path / "explore.ipynb").write_text(json.dumps(notebook))
    result = pytester.runpytest("--lrcheck", "-v")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["explore.ipynb::LRCHECK FAILED*", "explore.ipynb:cell 1:*LRC101*"])


def test_report_header_names_the_mode(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(clean=CLEAN)
    result = pytester.runpytest("--lrcheck", "--lrcheck-seed=4")
    result.stdout.fnmatch_lines(
        ["lrcheck: lint + fit watch; checks steps=200 seed=4 max_seconds=60.0"]
    )
    result = pytester.runpytest()
    result.stdout.no_fnmatch_line("lrcheck:*")


def test_the_linters_configuration_applies(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml(
        """
        [tool.lrcheck]
        extend-exclude = ["generated"]

        [tool.lrcheck.per-file-ignores]
        "legacy.py" = ["LRC101"]
        """
    )
    pytester.mkdir("generated")
    (pytester.path / "generated" / "model.py").write_text(SIGMOID_UNDER_CCE)
    pytester.makepyfile(legacy=SIGMOID_UNDER_CCE, bad=SIGMOID_UNDER_CCE)
    # Named explicitly, an excluded file is still left out.
    result = pytester.runpytest("--lrcheck", "-v", ".", "generated/model.py")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["bad.py::LRCHECK FAILED*", "legacy.py::LRCHECK PASSED*"])
    result.stdout.no_fnmatch_line("*generated*LRCHECK*")


def test_a_broken_lint_configuration_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml('[tool.lrcheck]\nselect = "LRC1"\nbogus-key = 1\n')
    pytester.makepyfile(clean=CLEAN)
    result = pytester.runpytest("--lrcheck")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: lrcheck configuration: *"])
    result.stderr.no_fnmatch_line("*Traceback*")
    # Without --lrcheck the linter's configuration is not read at all.
    assert pytester.runpytest().ret == pytest.ExitCode.NO_TESTS_COLLECTED


PLANTED_BUG = """
import pytest_lrcheck.lint.api as api

original = api.check_file


def planted(*args, **kwargs):
    raise ZeroDivisionError("planted bug")


def pytest_configure(config):
    api.check_file = planted


def pytest_unconfigure(config):
    api.check_file = original
"""


def test_an_internal_error_is_a_short_failure_that_says_so(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(PLANTED_BUG)
    pytester.makepyprojecttoml('[tool.lrcheck]\nextend-exclude = ["conftest.py"]\n')
    pytester.makepyfile(bad=SIGMOID_UNDER_CCE)
    result = pytester.runpytest("--lrcheck", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ bad.py::LRCHECK *_",
            "lrcheck internal error: bad.py: ZeroDivisionError: planted bug (at conftest.py:7)",
            "This is a bug in lrcheck, not a finding in your file; please report it *",
            "*short test summary info*",
            "FAILED bad.py::LRCHECK - lrcheck internal error: *",
        ]
    )
    result.stdout.no_fnmatch_line("*Traceback*")
    assert len(result.stdout.lines) < 20
    # For whoever reports it: the traceback, on request.
    result = pytester.runpytest("--lrcheck", "-p", "no:cacheprovider", "--full-trace")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(['*raise ZeroDivisionError("planted bug")*'])


def test_internal_error_names_the_line_of_lrcheck_that_raised() -> None:
    from pytest_lrcheck.plugin.lint import describe_internal_error
    from pytest_lrcheck.plugin.values import parse_positive_int

    try:
        parse_positive_int("many")
    except ValueError as error:
        line = describe_internal_error(error, "train.py")
    assert line.startswith("train.py: ValueError: expected a positive integer, got 'many' (at ")
    assert line.endswith(")") and "pytest_lrcheck/plugin/values.py:" in line


def test_an_unparsable_lint_configuration_is_a_usage_error(pytester: pytest.Pytester) -> None:
    # Deep enough to exhaust the TOML reader's recursion: never an INTERNALERROR.
    (pytester.path / ".lrcheck.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    pytester.makepyfile(clean=CLEAN)
    result = pytester.runpytest("--lrcheck", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: lrcheck *"])
    assert len(result.stderr.lines) <= 2, result.stderr.lines
    result.stderr.no_fnmatch_line("*INTERNALERROR*")
    result.stderr.no_fnmatch_line("*Traceback*")
