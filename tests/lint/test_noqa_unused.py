"""LRC001 unused-noqa: which ``# noqa`` codes are reported as hiding nothing, and its fix."""

from __future__ import annotations

import pytest

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.fixer import apply_fixes

# LRC101 fires on line 2 (a sigmoid output under categorical cross-entropy), nothing else does.
PROGRAM = (
    "from tensorflow import keras\n"
    "model = keras.Sequential("
    '[keras.Input(shape=(4,)), keras.layers.Dense(3, activation="sigmoid")])'
    "{three}\n"
    'model.compile(loss="categorical_crossentropy")\n'
    "x = 1{four}\n"
)


def unused(three: str = "", four: str = "", config: Config | None = None) -> list[str]:
    source = PROGRAM.format(three=three, four=four)
    return [
        f"{f.line}: {f.message}"
        for f in lint_source(source, "t.py", config=config)
        if f.code == "LRC001"
    ]


def test_a_used_code_is_not_reported() -> None:
    assert unused(three="  # noqa: LRC101") == []


def test_a_code_that_found_nothing_is_reported_with_what_to_do() -> None:
    assert unused(four="  # noqa: LRC101") == [
        "4: unused noqa directive: LRC101 found nothing on this line; remove what no longer applies"
    ]


def test_only_the_unused_code_of_a_list_is_named() -> None:
    [message] = unused(three="  # noqa: LRC101, LRC301")
    assert message.startswith("2: unused noqa directive: LRC301 found nothing")


def test_an_unknown_code_is_reported() -> None:
    [message] = unused(three="  # noqa: LRC101, LRC11")
    assert "LRC11 is no lrcheck code" in message


@pytest.mark.parametrize(
    "comment",
    ["  # noqa", "  # noqa: E501", "  # noqa: LRC501", "  # type: ignore", "  # noqa:E501,W291"],
)
def test_bare_noqa_other_tools_and_runtime_codes_are_left_alone(comment: str) -> None:
    assert unused(four=comment) == []


def test_a_code_of_an_unselected_rule_is_left_alone() -> None:
    # The run did not check LRC101, so it cannot know the comment is unused.
    only_data = Config(select=("LRC2", "LRC001"))
    assert unused(four="  # noqa: LRC101", config=only_data) == []
    assert unused(four="  # noqa: LRC201", config=only_data) != []


def test_it_can_be_ignored_and_hidden_like_any_code() -> None:
    assert unused(four="  # noqa: LRC101", config=Config(ignore=("LRC001",))) == []
    assert unused(four="  # noqa: LRC101, LRC001") == []


def test_a_file_level_comment_is_left_alone() -> None:
    source = "# lrcheck: noqa: LRC201\n" + PROGRAM.format(three="", four="")
    assert [f for f in lint_source(source) if f.code == "LRC001"] == []


@pytest.mark.parametrize(
    ("four", "fixed"),
    [
        ("  # noqa: LRC101", "x = 1\n"),
        ("\t# noqa: LRC101  ", "x = 1\n"),
        ("  # noqa: E501, LRC101", "x = 1  # noqa: E501\n"),
        ("  # the answer  # noqa: LRC301", "x = 1  # the answer\n"),
        ("  # noqa: LRC301 see issue 4", "x = 1  # see issue 4\n"),
    ],
)
def test_the_fix_removes_what_is_unused_and_keeps_the_rest(four: str, fixed: str) -> None:
    source = PROGRAM.format(three="  # noqa: LRC101", four=four)
    outcome = apply_fixes(source, lint_source(source))
    assert outcome.skipped == ()
    assert outcome.source.splitlines(keepends=True)[3] == fixed
    # The used directive stays, and nothing is left to fix.
    assert "# noqa: LRC101\n" in outcome.source
    assert [f.code for f in lint_source(outcome.source)] == []


def test_the_fix_on_a_last_line_without_a_line_break() -> None:
    source = PROGRAM.format(three="  # noqa: LRC101", four="  # noqa: LRC101").rstrip("\n")
    outcome = apply_fixes(source, lint_source(source))
    assert outcome.source.endswith("\nx = 1")


@pytest.mark.parametrize("line_break", ["\r", "\r\n"])
def test_directives_are_read_on_the_lines_python_sees(line_break: str) -> None:
    # A lone CR ends a line for Python (and a notebook cell may end with one): the directive
    # on line 2 hides LRC101 there, the one on line 4 hides nothing and is reported in place.
    source = PROGRAM.format(three="  # noqa: LRC101", four="  # noqa: LRC101")
    source = source.replace("\n", line_break)
    [finding] = lint_source(source, "t.py")
    assert (finding.code, finding.line) == ("LRC001", 4)
    assert source.split(line_break)[3][finding.span.column - 1 :] == "# noqa: LRC101"
