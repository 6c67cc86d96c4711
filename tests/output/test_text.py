"""``text`` and ``concise``: what a person reads in a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_lrcheck.lint.findings import Finding, Fix, Span
from pytest_lrcheck.output import render
from tests.output.conftest import SCRIPT


def test_text_shows_the_line_and_a_caret_under_the_span(script: list[Finding]):
    out = render(script, "text")
    assert out.splitlines()[:4] == [
        f"train.py:3:85: LRC101 {script[0].message}",
        "  |",
        "3 | " + SCRIPT.splitlines()[2],
        "  |" + " " * 85 + "^" * 9,
    ]  # fmt: skip
    assert "\n\ntrain.py:4:61: LRC301 " in out
    assert "\033[" not in out


def test_concise_is_one_line_per_finding(script: list[Finding]):
    assert render(script, "concise") == (
        f"train.py:3:85: LRC101 {script[0].message}\ntrain.py:4:61: LRC301 {script[1].message}\n"
    )


def test_notebook_excerpt_comes_from_the_cell(notebook: list[Finding]):
    out = render(notebook, "text")
    lines = out.splitlines()
    assert lines[0].startswith("explore.ipynb:cell 3:1:85: LRC101 ")
    assert lines[2].startswith("1 | model = keras.Sequential(")
    assert lines[3] == "  |" + " " * 85 + "^" * 9


def finding(span: Span, path: str = "f.py", fix: Fix | None = None) -> Finding:
    return Finding(path, span, "LRC101", "name", "what is wrong; what to do", fix=fix)


def test_tabs_and_wide_characters_keep_the_caret_aligned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    Path("f.py").write_text("import keras\n\tlabel = '中文'; act = 'sigmoid'\n")
    lines = render([finding(Span(2, 22, 2, 31))], "text").splitlines()
    assert lines[2] == "2 | \tlabel = '中文'; act = 'sigmoid'"
    # 20 characters between the tab and the quote, two of them wide: 22 cells.
    assert lines[3] == "  | \t" + " " * 22 + "^" * 9


def test_a_span_over_several_lines_underlines_to_the_end_of_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    Path("f.py").write_text("x = f(\n    1,\n)\n")
    lines = render([finding(Span(1, 5, 3, 2))], "text").splitlines()
    assert lines[2:] == ["1 | x = f(", "  |     ^^"]


def test_no_excerpt_when_the_file_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    assert render([finding(Span(1, 1, 1, 2), path="gone.py")], "text") == (
        "gone.py:1:1: LRC101 what is wrong; what to do\n"
    )
    assert render([finding(Span(1, 1, 1, 2), path="<string>")], "text").count("\n") == 1


def test_safe_fixes_are_marked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    safe = Fix("rename", "safe", Span(1, 1, 1, 2), "Name")
    unsafe = Fix("rename", "unsafe", Span(1, 1, 1, 2), "Name")
    out = render(
        [finding(Span(1, 1, 1, 2), fix=safe), finding(Span(2, 1, 2, 2), fix=unsafe)], "concise"
    )
    assert out.splitlines() == [
        "f.py:1:1: LRC101 [*] what is wrong; what to do",
        "f.py:2:1: LRC101 what is wrong; what to do",
    ]


def test_colour_only_when_asked(script: list[Finding]):
    plain = render(script, "text")
    coloured = render(script, "text", color=True)
    assert "\033[" not in plain and "\033[31m" in coloured
    assert coloured.replace("\033[", "").count("LRC101") == plain.count("LRC101")


def test_unknown_format_is_a_clear_error(script: list[Finding]):
    with pytest.raises(ValueError, match="unknown output format 'xml'; choose from text, concise"):
        render(script, "xml")
