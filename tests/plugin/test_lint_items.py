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
    result.stdout.no_fnmatch_line("*pytest_lint.py*")


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
    result = pytester.runpytest("--lrcheck", "-m", "lrcheck", "-v")
    result.assert_outcomes(failed=1, passed=1, deselected=1)
    result.stdout.fnmatch_lines(["bad.py::LRCHECK FAILED*", "test_things.py::LRCHECK PASSED*"])
    result.stdout.no_fnmatch_line("*test_one*PASSED*")
    result = pytester.runpytest("--lrcheck", "-m", "not lrcheck")
    result.assert_outcomes(passed=1, deselected=2)


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


def test_a_file_reached_through_a_symlink_loop_is_one_item(pytester: pytest.Pytester) -> None:
    package = pytester.mkdir("pkg")
    (package / "model.py").write_text(SIGMOID_UNDER_CCE)
    # A directory link back up the tree: pytest's walk meets model.py under many names.
    (package / "loop").symlink_to(package, target_is_directory=True)
    result = pytester.runpytest("--lrcheck", "-p", "no:cacheprovider", "pkg")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*pkg/model.py:3:*LRC101*"])


def test_notebooks_are_items(pytester: pytest.Pytester) -> None:
    cell = {
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
