"""The linter's work for the server: buffers checked and fixed as the command would the file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.server.jobs import (
    CellText,
    check_cells,
    check_script,
    fix_all_cells,
    fix_all_script,
    fix_one,
    script_bytes,
)
from tests.server.conftest import SCRIPT


def _codes(findings: Iterable[Finding]) -> list[str]:
    return sorted(f.code for f in findings)


def test_a_buffer_is_checked_from_its_text_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "train.py"
    path.write_text("print('saved version')\n")
    checked = check_script(SCRIPT, str(path))
    assert _codes(checked.findings) == ["LRC101", "LRC302"]
    assert all(f.path == str(path) for f in checked.findings)


def test_ignore_and_per_file_ignores_apply_to_the_buffers_path(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.lrcheck]\nignore = ["LRC302"]\n'
        '[tool.lrcheck.per-file-ignores]\n"scratch/*" = ["LRC101"]\n'
    )
    (tmp_path / "scratch").mkdir()
    assert _codes(check_script(SCRIPT, str(tmp_path / "train.py")).findings) == ["LRC101"]
    assert _codes(check_script(SCRIPT, str(tmp_path / "scratch" / "try.py")).findings) == []


def test_an_excluded_path_is_not_checked(tmp_path: Path) -> None:
    (tmp_path / "lrcheck.toml").write_text('extend-exclude = ["vendored"]\n')
    checked = check_script(SCRIPT, str(tmp_path / "vendored" / "lib" / "train.py"))
    assert checked.findings == () and checked.skipped == "excluded by the configuration"


def test_a_broken_configuration_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "lrcheck.toml").write_text('ignore = ["LRC9999"]\n')
    checked = check_script(SCRIPT, str(tmp_path / "train.py"))
    assert checked.findings == ()
    assert checked.config_error is not None and "LRC9999" in checked.config_error
    assert "lrcheck.toml" in checked.config_error


def test_a_buffer_without_keras_is_skipped_like_the_file() -> None:
    checked = check_script("def broken(:\n", None)
    assert checked.findings == () and checked.skipped is not None


def test_a_syntax_error_is_one_lrc000() -> None:
    checked = check_script(SCRIPT + "model.fit(x,\n", None)
    assert _codes(checked.findings) == ["LRC000"]
    assert checked.findings[0].span.line == 6  # the unclosed parenthesis


@pytest.mark.parametrize(
    "text",
    [
        "import keras\x00\x01\x02\xff\n" * 50,
        "import keras\nx = '\ud800'\n",
    ],
    ids=["binary", "lone-surrogate"],
)
def test_text_that_is_not_python_source_is_one_lrc000(text: str) -> None:
    checked = check_script(text, None)
    assert _codes(checked.findings) == ["LRC000"]
    assert checked.internal_errors == ()


def test_a_declared_encoding_is_honoured() -> None:
    text = "# -*- coding: latin-1 -*-\n# é\n" + SCRIPT
    assert script_bytes(text) == text.encode("latin-1")
    assert _codes(check_script(text, None).findings) == ["LRC101", "LRC302"]


def test_text_its_declared_encoding_cannot_hold_is_checked_as_text() -> None:
    # The editor decides how to save it; what the user sees is what is checked.
    text = "# -*- coding: ascii -*-\n# é\n" + SCRIPT
    assert script_bytes(text) is None
    assert _codes(check_script(text, None).findings) == ["LRC101", "LRC302"]


def test_a_notebooks_cells_are_checked_as_one_program(tmp_path: Path) -> None:
    cells: tuple[CellText, ...] = (
        ("markdown", "# Training"),
        ("code", "import keras\nfrom keras import layers\n%matplotlib inline\n"),
        ("code", SCRIPT.split("\n", 2)[2]),
    )
    checked = check_cells(cells, str(tmp_path / "nb.ipynb"))
    assert _codes(checked.findings) == ["LRC101", "LRC302"]
    assert {f.cell for f in checked.findings} == {3}
    assert {f.span.line for f in checked.findings} == {2, 3}


def test_one_fix_and_every_safe_fix() -> None:
    checked = check_script(SCRIPT, None)
    unsafe = next(f for f in checked.findings if f.code == "LRC101")
    fixed = fix_one(SCRIPT, unsafe)
    assert fixed.texts == {0: SCRIPT.replace('"sigmoid"', '"softmax"')}
    everything = fix_all_script(SCRIPT, None)
    # Only the safe fix: the unsafe one changes what the program does.
    assert everything.texts == {0: SCRIPT.replace("SGD(lr=", "SGD(learning_rate=")}


def test_a_notebook_fix_keeps_the_cells_magics() -> None:
    source = "%matplotlib inline\n" + SCRIPT
    checked = check_cells((("code", source),), None)
    finding = next(f for f in checked.findings if f.code == "LRC302")
    fixed = fix_one(source, finding)
    assert fixed.texts == {1: source.replace("SGD(lr=", "SGD(learning_rate=")}
    assert fix_all_cells((("markdown", "# t"), ("code", source)), None).texts == {
        2: source.replace("SGD(lr=", "SGD(learning_rate=")
    }


def test_a_fix_that_cannot_be_made_says_why() -> None:
    checked = check_script(SCRIPT, None)
    finding = next(f for f in checked.findings if f.code == "LRC302")
    fixed = fix_one("import keras\n", finding)
    assert fixed.texts == {} and fixed.problems
