"""Notebooks made from mutated programs, and what must hold for any notebook.

A program is cut into cells at random line boundaries (a cut inside a statement gives a cell
that does not parse), with markdown and raw cells between them, IPython lines (``%magic``,
``!shell``, ``x = !cmd``, ``obj?``), cell magics, sources stored as a string or a list of lines,
outputs, and the file written compactly or indented, with LF or CRLF line endings.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from pytest_lrcheck.lint.autofix import fix_data
from pytest_lrcheck.lint.notebook import check_notebook_bytes
from pytest_lrcheck.lint.source import split_lines
from tests.hardening.mutations import Draw, mutated_programs
from tests.hardening.properties import CONFIG, RULES, assert_span_inside

_IPYTHON_LINES = ("%matplotlib inline", "!pip install keras", "files = !ls", "model?", "%time 1")
_CELL_MAGICS = ("%%time\n", "%%capture\n", "%%bash\n", "%%writefile out.py\n")
_OUTPUTS = [{"output_type": "stream", "name": "stdout", "text": ["Epoch 1/10\n"]}]


@st.composite
def notebooks(draw: Draw) -> bytes:
    source = draw(mutated_programs(max_mutations=2))
    lines = source.splitlines(keepends=True)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(lines)), max_size=6))))
    pieces = [lines[a:b] for a, b in zip([0, *cuts], [*cuts, len(lines)], strict=True)]
    cells: list[dict[str, Any]] = []
    for piece in pieces:
        if draw(st.integers(0, 4)) == 0:
            kind = draw(st.sampled_from(["markdown", "raw"]))
            cells.append({"cell_type": kind, "metadata": {}, "source": ["Some *text*\n"]})
        piece = list(piece)
        if piece and draw(st.integers(0, 3)) == 0:
            piece.insert(draw(st.integers(0, len(piece))), draw(st.sampled_from(_IPYTHON_LINES)))
            piece = [line if line.endswith("\n") else line + "\n" for line in piece]
        if draw(st.integers(0, 7)) == 0:
            piece.insert(0, draw(st.sampled_from(_CELL_MAGICS)))
        text = "".join(piece)
        if text.endswith("\n") and draw(st.booleans()):
            text = text[:-1]  # Jupyter stores a cell without its final line break
        stored: str | list[str] = text
        if draw(st.booleans()):
            stored = text.splitlines(keepends=True)
        cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "source": stored}
        cell["outputs"] = _OUTPUTS if draw(st.booleans()) else []
        cells.append(cell)
    document = {
        "cells": cells,
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(document, indent=draw(st.sampled_from([None, 1, 2])), ensure_ascii=False)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return (text + "\n").encode("utf-8")


def _cell_lines(document: dict[str, Any]) -> dict[int, list[str]]:
    out = {}
    for number, cell in enumerate(document["cells"], start=1):
        if cell["cell_type"] == "code":
            source = cell["source"]
            out[number] = split_lines(source if isinstance(source, str) else "".join(source))
    return out


def check_notebook_properties(data: bytes) -> None:
    """Checking never fails and points inside the right cells; fixing keeps everything but
    the fixed cells' sources, gives code that parses, and a second fix changes nothing."""
    document = json.loads(data)
    code_cells = _cell_lines(document)
    result = check_notebook_bytes(data, "fuzzed.ipynb", RULES)
    assert result.internal_errors == (), result.internal_errors
    for finding in result.findings:
        assert finding.cell in code_cells, f"{finding.code} in cell {finding.cell}"
        assert_span_inside(finding.span, code_cells[finding.cell], f"{finding.code} span")
        if finding.fix is not None:
            assert finding.fix.cell in code_cells
            assert_span_inside(finding.fix.target, code_cells[finding.fix.cell], "fix target")
    fixed = fix_data(data, "fuzzed.ipynb", RULES, CONFIG, unsafe=True)
    if not fixed.changed:
        return
    after = json.loads(fixed.fixed)
    touched = {f.fix.cell for f in fixed.applied if f.fix is not None}
    assert len(after["cells"]) == len(document["cells"])
    for number, (old, new) in enumerate(
        zip(document["cells"], after["cells"], strict=True), start=1
    ):
        if number not in touched:
            assert new == old, f"cell {number} changed without a fix in it"
        else:
            assert {k: v for k, v in new.items() if k != "source"} == {
                k: v for k, v in old.items() if k != "source"
            }, f"cell {number}: more than its source changed"
            assert type(new["source"]) is type(old["source"])
    assert {k: v for k, v in after.items() if k != "cells"} == {
        k: v for k, v in document.items() if k != "cells"
    }
    assert (b"\r\n" in fixed.fixed) == (b"\r\n" in data)
    again = fix_data(fixed.fixed, "fuzzed.ipynb", RULES, CONFIG, unsafe=True)
    assert not again.changed, f"a second fix changed the notebook again: {again.diff()}"
