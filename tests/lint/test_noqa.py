"""``# noqa`` on a flagged line and ``# lrcheck: noqa`` for a whole file."""

from __future__ import annotations

import pytest

from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.noqa import parse_suppressions

# LRC101 on line 6 (the sigmoid), LRC301 on line 9 (the learning rate).
PROGRAM = """\
from tensorflow import keras
from tensorflow.keras.optimizers import Adam
model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(3, activation="sigmoid"),{noqa6}
    ]
)
model.compile(optimizer=Adam(learning_rate=5.0), loss="categorical_crossentropy"){noqa9}
"""


def found(noqa6: str = "", noqa9: str = "", head: str = "") -> list[tuple[str, int]]:
    source = head + PROGRAM.format(noqa6=noqa6, noqa9=noqa9)
    # What these comments hide; whether they are unused (LRC001) is test_noqa_unused.py's.
    findings = [f for f in lint_source(source) if f.code != "LRC001"]
    return [(f.code, f.line - head.count("\n")) for f in findings]


def test_without_comments_both_findings_are_reported():
    assert found() == [("LRC101", 6), ("LRC301", 9)]


@pytest.mark.parametrize(
    "comment",
    ["  # noqa", "  # noqa: LRC101", "  #noqa:LRC101", "  # NOQA: lrc101",
     "  # noqa: E501, LRC101", "  # noqa: LRC301,LRC101", "  # type: ignore  # noqa: LRC101",
     "  # noqa: LRC101 sigmoid is wanted"],
)  # fmt: skip
def test_line_comment_hides_the_finding_on_its_line(comment: str):
    assert found(noqa6=comment) == [("LRC301", 9)]


@pytest.mark.parametrize("comment", ["  # noqa: LRC301", "  # noqa: E501", "  # noqa: LRC10"])
def test_line_comment_for_other_codes_hides_nothing(comment: str):
    # Codes are matched exactly, as ruff does: a prefix does not suppress.
    assert found(noqa6=comment) == [("LRC101", 6), ("LRC301", 9)]


def test_noqa_on_another_line_does_not_count():
    assert found(noqa9="  # noqa: LRC101") == [("LRC101", 6), ("LRC301", 9)]


def test_noqa_inside_a_string_is_not_a_comment():
    source = PROGRAM.format(noqa6="", noqa9="").replace(
        'activation="sigmoid"),', 'activation="sigmoid", name="out  # noqa"),'
    )
    assert [f.code for f in lint_source(source)] == ["LRC101", "LRC301"]


def test_noqa_on_any_line_of_a_multiline_finding():
    source = """\
from tensorflow import keras

opt = keras.optimizers.Adam(
    learning_rate=(
        5.0  # noqa: LRC301
    )
)
"""
    assert lint_source(source) == []


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("# lrcheck: noqa\n", []),
        ("# lrcheck: noqa: LRC301\n", [("LRC101", 6)]),
        ("#lrcheck:noqa:LRC101,LRC301\n", []),
        ('"""Docstring."""\n# LRCHECK: NOQA: LRC101\n', [("LRC301", 9)]),
    ],
)
def test_file_level_comment(head: str, expected: list[tuple[str, int]]):
    assert found(head=head) == expected


def test_file_level_comment_must_be_on_its_own_line():
    # Trailing a line of code it acts on that line only.
    source = PROGRAM.format(noqa6="  # lrcheck: noqa", noqa9="")
    assert [(f.code, f.line) for f in lint_source(source)] == [("LRC301", 9)]


def test_file_level_comment_hides_a_parse_error():
    assert [f.code for f in lint_source("import keras\nprint 'x'\n")] == ["LRC000"]
    assert lint_source("# lrcheck: noqa\nimport keras\nprint 'x'\n") == []
    assert [f.code for f in lint_source("# lrcheck: noqa: LRC101\nimport keras\nprint 'x'\n")] == [
        "LRC000"
    ]


def test_parse_suppressions_reads_codes_and_blankets():
    parsed = parse_suppressions(
        "x = 1  # noqa\ny = 2  # noqa: LRC101, LRC201\n# lrcheck: noqa: LRC3\n"
    )
    assert parsed.lines == {1: None, 2: frozenset({"LRC101", "LRC201"})}
    assert parsed.file_codes == (frozenset({"LRC3"}),)


def test_text_without_noqa_is_not_tokenized():
    assert parse_suppressions("def f(:\n  broken").lines == {}
