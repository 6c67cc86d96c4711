"""Writing cell sources back into the notebook's JSON text: the rest of the file is untouched."""

from __future__ import annotations

import json

import pytest

from pytest_lrcheck.lint.notebook_write import SpliceError, splice_sources


def text_of(*sources: object, **layout: object) -> str:
    cells = [{"cell_type": "code", "source": s, "outputs": []} for s in sources]
    return json.dumps({"cells": cells, "metadata": {"n": 1}}, **layout)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["a\n", "b\n", "c"], "a\nB\nc"),  # one item changes
        (["a\n", "b\n", "c"], "a\nb\nx\ny\nc"),  # items are added
        (["a\n", "b\n", "c"], "a\nc"),  # one is removed
        (["a\n", "b\n"], ""),  # all are removed
        ([], "a\nb"),  # an empty list fills
        (["a"], "a\nb"),  # a single item grows
        (["a\n", "b\n"], "z\na\nb\n"),  # added in front
    ],
)
@pytest.mark.parametrize("indent", [None, 1, "\t"])
def test_list_sources_keep_their_items_and_layout(
    before: list[str], after: str, indent: int | str | None
):
    other = ["untouched\n", "x"]
    text = text_of(other, before, indent=indent)
    written = splice_sources(text, {2: after})
    document = json.loads(written)
    assert "".join(document["cells"][1]["source"]) == after
    assert written.startswith(text[: text.index('"a') if '"a' in text else 0])
    assert document["cells"][0] == json.loads(text)["cells"][0]
    # Unchanged items are spelled as they were: the written file holds each of them.
    for item in before:
        if item in document["cells"][1]["source"]:
            assert json.dumps(item) in written


def test_string_sources_stay_strings_and_escapes_stay_ascii():
    text = text_of("caf\u00e9 = 1\n", ensure_ascii=True)
    written = splice_sources(text, {1: "caf\u00e9 = 2\n"})
    assert written == text.replace("1\\n", "2\\n") and written.isascii()


def test_a_cell_without_a_source_cannot_be_written():
    text = json.dumps({"cells": [{"cell_type": "code"}]})
    with pytest.raises(SpliceError, match="source was not found"):
        splice_sources(text, {1: "x = 1\n"})
