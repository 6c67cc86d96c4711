"""Notebooks: cells checked as one program in order, IPython syntax skipped, findings per cell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pytest_lrcheck.lint.api import lint_file
from pytest_lrcheck.lint.engine import make_rules
from pytest_lrcheck.lint.notebook import (
    check_notebook_bytes,
    dump_notebook,
    read_notebook,
    restore_magics,
    to_python,
    with_cell_code,
)

RULES = make_rules()


def notebook(*cells: str | tuple[str, str], **metadata: Any) -> dict[str, Any]:
    """A v4 notebook; a plain string is a code cell, ("markdown", text) another kind."""
    raw = []
    for number, cell in enumerate(cells, start=1):
        kind, text = ("code", cell) if isinstance(cell, str) else cell
        entry: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": _lines(text)}
        if kind == "code":
            entry.update(execution_count=number, outputs=[])
        raw.append(entry)
    return {"cells": raw, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def check(document: dict[str, Any] | bytes) -> list[tuple[int | None, str, int, int]]:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    result = check_notebook_bytes(data, "nb.ipynb", RULES)
    return [(f.cell, f.code, f.span.line, f.span.column) for f in result.findings]


IMPORTS = "import tensorflow as tf\nfrom tensorflow import keras\n"
LOAD = "(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()\n"
MODEL = (
    "model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),\n"
    "                          keras.layers.Dense(10, activation='sigmoid')])\n"
    "model.compile(optimizer='sgd', loss='categorical_crossentropy')\n"
)
FIT = "model.fit(x_train, keras.utils.to_categorical(y_train), epochs=1)\n"


def test_names_flow_from_cell_to_cell_and_cells_count_markdown_too():
    doc = notebook(("markdown", "# MNIST\n"), IMPORTS, LOAD, ("markdown", "Model"), MODEL, FIT)
    assert check(doc) == [(5, "LRC101", 2, 61), (6, "LRC201", 1, 11)]


def test_document_order_not_execution_counts():
    doc = notebook(IMPORTS, LOAD, "x_train = x_train / 255.0\n", MODEL, FIT)
    # Re-running the scaling cell after fit() gives it the highest count; the notebook as
    # written (and as "Run All" runs it) scales before fitting, so LRC201 stays silent.
    doc["cells"][2]["execution_count"] = 99
    assert check(doc) == [(4, "LRC101", 2, 61)]


def test_magics_and_shell_escapes_are_skipped():
    first = "%matplotlib inline\n!pip install tensorflow\n%load_ext autoreload\n" + IMPORTS
    second = "files = !ls data\nkeras.Sequential?\n??keras.Model\n" + LOAD
    looped = "for i in range(2):\n    !echo {i}\n    %time print(i)\n" + MODEL
    doc = notebook(first, second, looped, "%%time\n" + FIT, "%%bash\necho 'model.fit(1)'\n")
    assert check(doc) == [(3, "LRC101", 5, 61), (4, "LRC201", 2, 11)]


def test_continued_shell_escape_is_one_magic():
    code, magics = to_python("!pip install \\\n    keras\nimport keras\n")
    assert code == "pass  # lrcheck-magic:0\npass  # lrcheck-magic:1\nimport keras\n"
    assert restore_magics(code, magics) == "!pip install \\\n    keras\nimport keras\n"


def test_cell_magic_with_a_foreign_language_hides_the_cell():
    assert to_python("%%bash\nls\n") == (None, ())
    assert to_python("%%writefile train.py\nimport keras\n") == (None, ())
    code, magics = to_python("%%timeit -n 1\nx = 1\n")
    assert code == "pass  # lrcheck-magic:0\nx = 1\n" and magics == ("%%timeit -n 1",)


def test_valid_python_is_left_alone_even_with_percent_signs():
    source = "x = 10 % 3\ntext = '''\n!not a shell escape\n'''\n"
    assert to_python(source) == (source, ())


def test_a_broken_cell_is_reported_and_the_others_still_checked():
    doc = notebook(IMPORTS, LOAD, "def broken(:\n    pass\n", MODEL, FIT)
    findings = check(doc)
    assert findings[0][:3] == (3, "LRC000", 1)
    assert findings[1:] == [(4, "LRC101", 2, 61), (5, "LRC201", 1, 11)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"cells": [ keras', "not valid JSON: Expecting value (line 1 column 13)"),
        (b'["keras"]', "not a Jupyter notebook (no 'cells' list)"),
        (b'{"cells": [], "nbformat": 3, "worksheets": "keras"}', "nbformat 3 notebooks"),
        (b'{"cells": ["keras"]}', "cell 1 is not a JSON object"),
        (b'\xff{"cells": "keras"}', "not valid UTF-8"),
    ],
)
def test_unreadable_notebooks_give_one_lrc000(data: bytes, message: str):
    (finding,) = check_notebook_bytes(data, "nb.ipynb", RULES).findings
    assert finding.code == "LRC000"
    assert message in finding.message
    assert finding.message.endswith("the notebook was not checked")


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ({"source": 7}, "'source' is not text"),
        ({"source": ["x = 1\n", None]}, "'source' is not text"),
        ({}, "no 'source'"),
    ],
)
def test_a_cell_without_readable_source_is_one_lrc000_and_the_others_are_checked(
    source: dict[str, Any], problem: str
):
    doc = notebook(IMPORTS, LOAD, MODEL, FIT)
    broken = {"cell_type": "code", "metadata": {}, "outputs": [], **source}
    doc["cells"].insert(1, broken)
    findings = check_notebook_bytes(json.dumps(doc).encode(), "nb.ipynb", RULES).findings
    assert [(f.cell, f.code) for f in findings] == [(2, "LRC000"), (4, "LRC101"), (5, "LRC201")]
    assert findings[0].message == (
        f"cell 2 has {problem} (it must be a string or a list of strings); the cell was not checked"
    )


def test_notebooks_of_other_languages_are_skipped():
    doc = notebook(IMPORTS, LOAD, MODEL, FIT, language_info={"name": "R"})
    result = check_notebook_bytes(json.dumps(doc).encode(), "nb.ipynb", RULES)
    assert result.findings == () and result.skipped == "not a Python notebook"


def test_source_may_be_a_single_string():
    doc = notebook(IMPORTS, LOAD, MODEL, FIT)
    for cell in doc["cells"]:
        cell["source"] = "".join(cell["source"])
    assert check(doc) == [(3, "LRC101", 2, 61), (4, "LRC201", 1, 11)]


def test_noqa_in_a_cell_and_file_level_noqa_in_any_cell():
    hidden = MODEL.replace("'sigmoid')])", "'sigmoid')])  # noqa: LRC101")
    assert check(notebook(IMPORTS, LOAD, hidden, FIT)) == [(4, "LRC201", 1, 11)]
    doc = notebook(IMPORTS, LOAD, MODEL, "# lrcheck: noqa: LRC201\n" + FIT)
    assert check(doc) == [(3, "LRC101", 2, 61)]


def test_fix_targets_name_their_own_cell():
    result = check_notebook_bytes(
        json.dumps(notebook(IMPORTS, LOAD, MODEL, FIT)).encode(), "nb", RULES
    )
    by_code = {f.code: f for f in result.findings}
    fix = by_code["LRC201"].fix
    assert fix is not None and fix.cell == 2 and fix.target.line == 1  # the load_data() line
    assert by_code["LRC201"].cell == 4


def test_messages_cite_evidence_as_cell_lines():
    result = check_notebook_bytes(
        json.dumps(notebook(IMPORTS, LOAD, MODEL, FIT)).encode(), "nb", RULES
    )
    (lrc201,) = [f for f in result.findings if f.code == "LRC201"]
    assert "mnist.load_data() (cell 2, line 1)" in lrc201.message
    assert "line 3" not in lrc201.message  # the line of the combined program


def nbformat_text(document: dict[str, Any]) -> str:
    # The layout Jupyter writes: one-space indent, sorted keys, a final newline.
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def test_rewriting_a_cell_changes_only_that_cell_and_keeps_outputs():
    doc = notebook(IMPORTS, LOAD, MODEL, FIT)
    doc["cells"][3]["outputs"] = [{"name": "stdout", "output_type": "stream", "text": ["é 1/1\n"]}]
    text = nbformat_text(doc)
    parsed = read_notebook(text.encode())
    assert dump_notebook(parsed) == text.encode()  # nothing changed: byte-identical
    changed = with_cell_code(parsed, 3, MODEL.replace("sigmoid", "softmax"))
    after = dump_notebook(changed).decode()
    before_lines, after_lines = text.splitlines(), after.splitlines()
    assert len(before_lines) == len(after_lines)
    differing = [(a, b) for a, b in zip(before_lines, after_lines, strict=True) if a != b]
    assert differing == [(
        '    "                          keras.layers.Dense(10, activation=\'sigmoid\')])\\n",',
        '    "                          keras.layers.Dense(10, activation=\'softmax\')])\\n",',
    )]  # fmt: skip
    assert json.loads(after)["cells"][3]["outputs"] == doc["cells"][3]["outputs"]


def test_rewritten_cell_keeps_its_magics(tmp_path: Path):
    doc = notebook(IMPORTS, "%time " + "x = 1\n!ls\n" + LOAD)
    parsed = read_notebook(json.dumps(doc).encode())
    cell = parsed.cells[1]
    assert cell.code is not None and cell.magics == ("%time x = 1", "!ls")
    fixed = with_cell_code(parsed, 2, cell.code + "y = 2\n")
    assert fixed.cells[1].source == "%time x = 1\n!ls\n" + LOAD + "y = 2\n"


def test_lint_file_reads_notebooks(tmp_path: Path):
    path = tmp_path / "explore.ipynb"
    path.write_text(json.dumps(notebook(IMPORTS, LOAD, MODEL, FIT)))
    assert [(f.path, f.cell, f.code) for f in lint_file(path)] == [
        (str(path), 3, "LRC101"),
        (str(path), 4, "LRC201"),
    ]


def test_windows_line_endings_of_the_file_are_kept():
    doc = notebook(IMPORTS, LOAD, MODEL, FIT)
    text = nbformat_text(doc).replace("\n", "\r\n")
    changed = with_cell_code(read_notebook(text.encode()), 3, MODEL.replace("sigmoid", "softmax"))
    written = dump_notebook(changed)
    assert written.count(b"\r\n") == text.count("\r\n")
    assert b"\n" not in written.replace(b"\r\n", b"")


def test_keras_spelled_in_pieces_is_still_found():
    doc = notebook(IMPORTS + "opt = keras.optimizers.Adam(learning_rate=5.0)\n")
    doc["cells"][0]["source"] = list("".join(doc["cells"][0]["source"]))
    assert [f[1] for f in check(doc)] == ["LRC301"]


def test_a_utf16_notebook_is_one_lrc000_not_silence():
    data = json.dumps(notebook(IMPORTS)).encode("utf-16")
    assert [f[1] for f in check(data)] == ["LRC000"]
    # Without Keras anywhere, a notebook is skipped, broken or not.
    for quiet in (json.dumps(notebook("x = 1\n")).encode(), b'{"cells": [ broken'):
        assert check_notebook_bytes(quiet, "nb.ipynb", RULES).skipped is not None


def test_a_real_nbformat_3_notebook_is_told_to_upgrade():
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "code", "input": "import keras\n", "language": "python", "outputs": []}
    ]}]}  # fmt: skip
    (finding,) = check_notebook_bytes(json.dumps(v3).encode(), "nb.ipynb", RULES).findings
    assert "nbformat 3 notebooks are not supported; upgrade with" in finding.message


def test_indentation_is_removed_as_ipython_removes_it():
    from pytest_lrcheck.lint.notebook import dedent_cell

    assert dedent_cell("  a = 1\n  b = 2\n") == ("  ", "a = 1\nb = 2\n")
    # Lines without the first line's indentation keep theirs; a parsable cell is left alone.
    assert dedent_cell("\tif x:\n\t  y\nz\n") == ("\t", "if x:\n  y\nz\n")
    assert dedent_cell("x = 1\n  # note\n") == ("", "x = 1\n  # note\n")


def test_lines_split_only_where_python_ends_them():
    code, magics = to_python("%matplotlib inline\u2028import os\x0cx = 1\nimport keras\n")
    assert code == "pass  # lrcheck-magic:0\nimport keras\n"
    assert (
        restore_magics(code, magics) == "%matplotlib inline\u2028import os\x0cx = 1\nimport keras\n"
    )
