"""The fields ruff's JSON and SARIF carry, in lrcheck's: document URL, noqa line, fix edits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

from pytest_lrcheck.catalog import document_url
from pytest_lrcheck.lint.api import lint_file
from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.lint.fixer import apply_fixes
from pytest_lrcheck.output import render


def _document(url: str) -> str:
    parsed = urlparse(url)
    assert parsed.scheme == "file"
    return Path(url2pathname(parsed.path)).read_text(encoding="utf-8")


def test_json_url_is_the_rule_document(script: list[Finding]):
    records = json.loads(render(script, "json"))
    assert [r["url"] == document_url(r["code"]) for r in records] == [True, True]
    assert _document(records[0]["url"]).startswith("# LRC101 categorical-crossentropy-without-")


def test_json_carries_ruff_locations(script: list[Finding]):
    first = json.loads(render(script, "json"))[0]
    assert first["filename"] == "train.py"
    assert first["location"] == {"row": 3, "column": 85}
    assert first["end_location"] == {"row": first["end_line"], "column": first["end_column"]}


def test_noqa_row_is_where_a_comment_can_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    # Line 3 ends inside a string: no comment can go there, and the finding has no other line.
    Path("train.py").write_text(
        "from tensorflow import keras\n"
        "model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3)])\n"
        'model.compile(loss="mse", optimizer=keras.optimizers.SGD(lr=0.01), metrics=["""\n'
        'mae"""])\n'
    )
    [record] = json.loads(render(lint_file("train.py"), "json"))
    assert record["code"] == "LRC302" and record["line"] == 3
    assert record["noqa_row"] is None
    # A finding over several lines takes the comment on the first that can end in one.
    Path("other.py").write_text(
        'from tensorflow import keras\nopt = keras.optimizers.SGD(lr="""\n0.01""")\n'
    )
    [record] = json.loads(render(lint_file("other.py"), "json"))
    assert record["line"] == 2 and record["noqa_row"] == 3


def _apply(text: str, edit: dict[str, Any]) -> str:
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(position: dict[str, int]) -> int:
        return offsets[position["row"] - 1] + position["column"] - 1

    start, end = offset(edit["location"]), offset(edit["end_location"])
    return text[:start] + edit["content"] + text[end:]


def test_fix_edits_say_what_the_fix_replaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    Path("train.py").write_text(
        "from tensorflow import keras\n\noptimizer = keras.optimizers.SGD(lr=0.01)\n"
    )
    [record] = json.loads(render(lint_file("train.py"), "json"))
    fix = record["fix"]
    assert fix["applicability"] == "safe" and fix["message"] == "Rename lr= to learning_rate="
    assert fix["edits"] == [
        {
            "content": "learning_rate=0.01",
            "location": {"row": 3, "column": 34},
            "end_location": {"row": 3, "column": 41},
        }
    ]


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.py"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_each_edit_does_what_the_fix_does(example: Path, monkeypatch: pytest.MonkeyPatch):
    # Edits come from one pass over the file, or from applying a fix alone when it is more
    # than one node (statements inserted); either way, applying the edit is applying the fix.
    monkeypatch.chdir(example.parent)
    findings = lint_file(example.name)
    text = example.read_text(encoding="utf-8")
    for finding, record in zip(findings, json.loads(render(findings, "json")), strict=True):
        if finding.fix is None:
            continue
        fixed = apply_fixes(text, [finding], unsafe=True)
        edits = record["fix"]["edits"]
        if not fixed.changed:
            assert edits == []
            continue
        [edit] = edits
        assert _apply(text, edit) == fixed.source, (finding.code, edit)


def test_unsafe_fix_edits_are_listed_too(script: list[Finding]):
    first = json.loads(render(script, "json"))[0]
    assert first["fix"]["applicability"] == "unsafe"
    [edit] = first["fix"]["edits"]
    assert edit["content"] == '"softmax"'
    assert edit["location"] == {"row": 3, "column": 85}


def test_sarif_rules_carry_a_help_uri(script: list[Finding]):
    rules = json.loads(render(script, "sarif"))["runs"][0]["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["LRC101"]["helpUri"] == document_url("LRC101")
    assert _document(by_id["LRC001"]["helpUri"]).startswith("# LRC001 unused-noqa")


def test_unused_noqa_edits_do_what_its_fix_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "from tensorflow import keras\n"
        "x = 1  # noqa: LRC101\n"
        "y = 2  # noqa: E501, LRC301\n"
        "opt = keras.optimizers.SGD(\n"
        "    lr=0.01,  # noqa: LRC201\n"
        ")\n"
    )
    Path("train.py").write_text(text)
    findings = lint_file("train.py")
    assert [f.code for f in findings] == ["LRC001", "LRC001", "LRC302", "LRC001"]
    for finding, record in zip(findings, json.loads(render(findings, "json")), strict=True):
        [edit] = record["fix"]["edits"]
        assert _apply(text, edit) == apply_fixes(text, [finding], unsafe=True).source
