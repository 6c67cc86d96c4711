"""Fixing a whole file: rounds until nothing changes, encodings kept, nothing broken written."""

from __future__ import annotations

import json

import pytest

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint import autofix
from pytest_lrcheck.lint.autofix import fix_data
from pytest_lrcheck.lint.engine import make_rules
from pytest_lrcheck.lint.fixer import FixOutcome
from tests.reports import REPORT_1

RULES = make_rules()

REPORT = REPORT_1


def test_unsafe_fixes_repair_the_first_report():
    fixed = fix_data(REPORT.encode(), "report.py", RULES, Config(), unsafe=True)
    assert sorted(f.code for f in fixed.applied) == ["LRC101", "LRC201"]
    assert fixed.result.findings == ()
    text = fixed.fixed.decode()
    assert 'Dense(10, activation="softmax")' in text
    assert "mnist.load_data()\nx_train = x_train / 255.0\nx_test = x_test / 255.0\n" in text
    again = fix_data(fixed.fixed, "report.py", RULES, Config(), unsafe=True)
    assert not again.changed and again.applied == ()


def test_safe_fixes_only_leave_unsafe_ones_alone():
    fixed = fix_data(REPORT.encode(), "report.py", RULES, Config(), unsafe=False)
    assert not fixed.changed
    assert sorted(f.code for f in fixed.result.findings) == ["LRC101", "LRC201"]


def test_ignored_codes_are_not_fixed():
    fixed = fix_data(REPORT.encode(), "r.py", RULES, Config(ignore=("LRC101",)), unsafe=True)
    assert [f.code for f in fixed.applied] == ["LRC201"]
    assert b'activation="sigmoid"' in fixed.fixed


@pytest.mark.parametrize(
    ("bom", "head", "encoding"),
    [(b"\xef\xbb\xbf", "", "utf-8"), (b"", "# -*- coding: latin-1 -*-\n# café\n", "latin-1")],
    ids=["bom", "latin-1"],
)
def test_the_files_encoding_and_line_endings_are_kept(bom: bytes, head: str, encoding: str):
    data = bom + (head + REPORT).replace("\n", "\r\n").encode(encoding)
    fixed = fix_data(data, "report.py", RULES, Config(), unsafe=True)
    assert fixed.changed
    assert fixed.fixed.startswith(bom + head.replace("\n", "\r\n").encode(encoding))
    assert b"x_train = x_train / 255.0\r\n" in fixed.fixed
    assert b"\n" not in fixed.fixed.replace(b"\r\n", b"")


def test_fixed_code_that_fails_the_final_check_is_not_kept(monkeypatch: pytest.MonkeyPatch):
    real = autofix.apply_fixes

    def breaking(source: str, findings: list, *, unsafe: bool = False) -> FixOutcome:
        outcome = real(source, findings, unsafe=unsafe)
        # A rewrite that yields code the checker cannot parse.
        return FixOutcome(outcome.source + "def (:\n", outcome.applied, outcome.skipped)

    monkeypatch.setattr(autofix, "apply_fixes", breaking)
    fixed = fix_data(REPORT.encode(), "report.py", RULES, Config(), unsafe=True)
    assert not fixed.changed and fixed.fixed == REPORT.encode()
    assert fixed.problems == (
        "report.py: the fixed code could not be checked again; nothing was written",
    )
    assert sorted(f.code for f in fixed.result.findings) == ["LRC101", "LRC201"]


def test_diff_shows_each_change():
    fixed = fix_data(REPORT.encode(), "report.py", RULES, Config(), unsafe=True)
    diff = fixed.diff()
    assert diff.startswith("--- report.py\n+++ report.py\n")
    assert '-model.add(Dense(10, activation="sigmoid"))\n' in diff
    assert '+model.add(Dense(10, activation="softmax"))\n' in diff
    assert "+x_train = x_train / 255.0\n" in diff


def test_notebook_is_fixed_cell_by_cell_with_outputs_untouched():
    cells = REPORT.split("\n\n")
    raw = [
        {"cell_type": "code", "execution_count": n, "metadata": {"tags": ["t"]},
         "outputs": [{"output_type": "stream", "name": "stdout", "text": [f"out {n}\n"]}],
         "source": ("%matplotlib inline\n" if n == 1 else "") + cell}
        for n, cell in enumerate(cells, start=1)
    ]  # fmt: skip
    document = {"cells": raw, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    data = json.dumps(document, indent=1).encode()
    fixed = fix_data(data, "report.ipynb", RULES, Config(), unsafe=True)
    assert sorted(f.code for f in fixed.applied) == ["LRC101", "LRC201"]
    after = json.loads(fixed.fixed)
    assert [c["outputs"] for c in after["cells"]] == [c["outputs"] for c in raw]
    assert [c["execution_count"] for c in after["cells"]] == [1, 2, 3]
    assert after["cells"][0]["source"].startswith("%matplotlib inline\n")
    assert "x_test = x_test / 255.0" in after["cells"][1]["source"]
    assert [label for label, _, _ in fixed.changes] == [
        "report.ipynb:cell 2",
        "report.ipynb:cell 3",
    ]
    assert not fix_data(fixed.fixed, "report.ipynb", RULES, Config(), unsafe=True).changed


def test_a_notebook_that_cannot_be_read_back_is_not_written(monkeypatch: pytest.MonkeyPatch):
    from pytest_lrcheck.lint import notebook

    monkeypatch.setattr(notebook, "dump_notebook", lambda nb: b'{"cells": "broken"}')
    raw = [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
            "source": REPORT}]  # fmt: skip
    data = json.dumps({"cells": raw, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()
    fixed = fix_data(data, "r.ipynb", RULES, Config(), unsafe=True)
    assert not fixed.changed and fixed.applied == ()
    assert fixed.problems == (
        "r.ipynb: the fixed notebook could not be read back; nothing was written",
    )
    assert sorted(f.code for f in fixed.result.findings) == ["LRC101", "LRC201"]


# --- notebooks: nothing but the fixed bytes changes ----------------------------------------------
HEAD = "from tensorflow import keras\n"
SIGMOID = (
    "model = keras.Sequential([keras.Input(shape=(4,)), "
    "keras.layers.Dense(3, activation='sigmoid')])\n"
    "model.compile(optimizer='adam', loss='categorical_crossentropy')\n"
)


def notebook_text(source: object, **layout: object) -> str:
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": []}
    document = {"cells": [{**cell, "source": source}], "metadata": {}, "nbformat": 4}
    return json.dumps(document, **layout)  # type: ignore[arg-type]


def fixed_notebook(text: str) -> bytes:
    data = text.encode()
    fixed = fix_data(data, "nb.ipynb", RULES, Config(), unsafe=True)
    assert fixed.problems == ()
    return fixed.fixed


@pytest.mark.parametrize("separator", ["\u2028", "\x0c", "\x85", "\x0b"])
@pytest.mark.parametrize("as_list", [False, True])
def test_a_magic_line_with_a_separator_inside_survives_the_fix(separator: str, as_list: bool):
    source = f"%matplotlib inline{separator}import numpy as np\n{HEAD}{SIGMOID}"
    text = notebook_text(source.splitlines(keepends=True) if as_list else source)
    written = json.loads(fixed_notebook(text))["cells"][0]["source"]
    joined = "".join(written) if as_list else written
    assert joined == source.replace("'sigmoid'", "'softmax'")


@pytest.mark.parametrize("number", [0, 5])
def test_code_that_looks_like_a_magic_placeholder_stays_code(number: int):
    source = f"%matplotlib inline\n{HEAD}pass  # lrcheck-magic:{number}\n{SIGMOID}"
    written = json.loads(fixed_notebook(notebook_text(source)))["cells"][0]["source"]
    assert written == source.replace("'sigmoid'", "'softmax'")


@pytest.mark.parametrize(
    "text",
    [
        # Numbers Python reads as inf, duplicate keys: strict JSON that must stay as it is.
        notebook_text(HEAD + SIGMOID, indent=1).replace(
            '"metadata": {}, "nbformat"',
            '"metadata": {"tolerance": 1e400, "dup": 1, "dup": 2}, "nbformat"',
        ),
        notebook_text((HEAD + SIGMOID).splitlines(keepends=True), indent="\t"),
        notebook_text((HEAD + SIGMOID).splitlines(keepends=True), indent=1).replace("\n", "\r"),
        notebook_text(HEAD + SIGMOID, separators=(",", ":")),
        "\ufeff" + notebook_text((HEAD + SIGMOID).splitlines(keepends=True), indent=2),
        # Three CRLF lines in a file of LF lines.
        notebook_text((HEAD + SIGMOID).splitlines(keepends=True), indent=1).replace(
            "\n", "\r\n", 3
        ),
    ],
)
def test_a_notebook_fix_changes_only_the_fixed_bytes(text: str):
    assert text.count("'sigmoid'") == 1
    assert fixed_notebook(text) == text.replace("'sigmoid'", "'softmax'").encode()


def test_an_indented_cell_is_checked_as_ipython_runs_it_without_a_fix():
    source = (
        "    from tensorflow import keras\n    opt = keras.optimizers.Adam(learning_rate=5.0)\n"
    )
    result = fix_data(notebook_text(source).encode(), "nb.ipynb", RULES, Config(), unsafe=True)
    [finding] = result.result.findings
    assert (finding.code, finding.cell, finding.span.line, finding.span.column) == (
        "LRC301",
        1,
        2,
        47,
    )
    assert finding.fix is None and not result.changed


def test_the_diff_shows_python_lines_not_pieces_of_them():
    source = 'note = "a\u2028b\x0cc"\n' + HEAD + SIGMOID
    fixed = fix_data(source.encode(), "t.py", RULES, Config(), unsafe=True)
    changed = [line for line in fixed.diff().splitlines() if line[:1] in "+-"]
    assert changed == [
        "--- t.py",
        "+++ t.py",
        "-" + SIGMOID.splitlines()[0],
        "+" + SIGMOID.splitlines()[0].replace("'sigmoid'", "'softmax'"),
    ]
