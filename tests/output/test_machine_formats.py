"""``json``, ``sarif`` and ``github``: what tools and CI read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_lrcheck import __version__
from pytest_lrcheck.catalog import load_catalog
from pytest_lrcheck.lint.findings import Finding, Span
from pytest_lrcheck.lint.registry import rule_names
from pytest_lrcheck.output import render
from pytest_lrcheck.output.statistics import render_statistics


def test_json_has_the_documented_keys(script: list[Finding]):
    records = json.loads(render(script, "json"))
    assert [(r["code"], r["line"], r["column"]) for r in records] == [
        ("LRC101", 3, 85),
        ("LRC301", 4, 61),
    ]
    first = records[0]
    assert set(first) >= {"path", "line", "column", "end_line", "end_column", "code", "name",
                          "severity", "message", "fixable", "cell", "fix"}  # fmt: skip
    assert first["fixable"] is True and first["fix"]["safety"] == "unsafe"
    assert first["path"] == "train.py" and first["cell"] is None


def test_json_names_notebook_cells(notebook: list[Finding]):
    records = json.loads(render(notebook, "json"))
    assert [(r["cell"], r["line"], r["code"]) for r in records] == [
        (3, 1, "LRC101"),
        (3, 2, "LRC301"),
    ]


def sarif(findings: list[Finding]) -> dict:
    return json.loads(render(findings, "sarif"))


def test_sarif_run_describes_the_tool_and_every_rule(script: list[Finding]):
    log = sarif(script)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "lrcheck" and driver["version"] == __version__
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(rules) == set(rule_names())
    documented = rules["LRC101"]
    doc = load_catalog()["LRC101"]
    assert documented["name"] == "categorical-crossentropy-without-softmax"
    assert documented["shortDescription"]["text"] == doc.summary
    assert "## Why is this bad?" in documented["help"]["markdown"]
    assert documented["defaultConfiguration"]["level"] == "error"


def test_sarif_results_point_at_the_span(script: list[Finding]):
    log = sarif(script)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    first = log["runs"][0]["results"][0]
    assert first["ruleId"] == "LRC101" and rules[first["ruleIndex"]]["id"] == "LRC101"
    assert first["level"] == "error" and first["message"]["text"] == script[0].message
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "train.py"
    assert location["region"] == {"startLine": 3, "startColumn": 85, "endLine": 3, "endColumn": 94}


def test_sarif_for_a_notebook_points_into_the_json_file(notebook: list[Finding]):
    result = sarif(notebook)["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    file_lines = Path("explore.ipynb").read_text().splitlines()
    line = file_lines[region["startLine"] - 1]
    # The region covers "sigmoid" inside the JSON string of the cell's source line.
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == '\\"sigmoid\\"'
    assert result["message"]["text"].startswith("cell 3, line 1: ")
    assert result["properties"] == {"cell": 3}


def test_sarif_uses_file_uris_for_absolute_paths(tmp_path: Path):
    finding = Finding(str(tmp_path / "my model.py"), Span(1, 1, 1, 2), "LRC101", "n", "m")
    uri = sarif([finding])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"] == (tmp_path / "my model.py").as_uri()


def test_github_annotations(script: list[Finding]):
    lines = render(script, "github").splitlines()
    assert lines[0] == (
        "::error title=lrcheck (LRC101),file=train.py,line=3,col=85,endLine=3,endColumn=94::"
        f"train.py:3:85: LRC101 {script[0].message}"
    )
    assert lines[1].startswith("::error title=lrcheck (LRC301),file=train.py,line=4,col=61,")


def test_github_escapes_what_the_command_syntax_reserves():
    finding = Finding("a,b:c%.py", Span(1, 1, 1, 2), "LRC201", "n", "50% wrong\nsecond", "warning")
    (line,) = render([finding], "github").splitlines()
    assert line.startswith("::warning title=lrcheck (LRC201),file=a%2Cb%3Ac%25.py,line=1,")
    assert line.endswith("::a,b:c%25.py:1:1: LRC201 50%25 wrong%0Asecond")


def test_github_annotation_for_a_notebook_uses_the_file_line(notebook: list[Finding]):
    line = render(notebook, "github").splitlines()[0]
    text = Path("explore.ipynb").read_text().splitlines()
    number = int(line.split(",line=")[1].split(",")[0])
    assert "keras.layers.Dense(3, activation" in text[number - 1]
    assert "::explore.ipynb:cell 3:1:85: LRC101 " in line


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_statistics_count_by_code(script: list[Finding], fmt: str):
    findings = [*script, script[0]]
    out = render_statistics(findings, fmt)
    if fmt == "json":
        assert json.loads(out) == [
            {"code": "LRC101", "name": script[0].name, "count": 2, "fixable": 2, "safe_fixes": 0},
            {"code": "LRC301", "name": script[1].name, "count": 1, "fixable": 0, "safe_fixes": 0},
        ]
    else:
        assert out.splitlines() == [
            f"2  LRC101      {script[0].name}",
            f"1  LRC301      {script[1].name}",
        ]


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_a_notebook_is_mapped_once_however_many_findings_it_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
):
    from pytest_lrcheck.lint import notebook_map
    from pytest_lrcheck.lint.api import lint_file

    monkeypatch.chdir(tmp_path)
    cell = "from tensorflow import keras\n" + "".join(
        f"o{i} = keras.optimizers.Adam(learning_rate=5.0)\n" for i in range(200)
    )
    document = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [],
                           "execution_count": None, "source": cell.splitlines(True)}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}  # fmt: skip
    Path("big.ipynb").write_text(json.dumps(document, indent=1))
    findings = lint_file("big.ipynb")
    assert len(findings) == 200
    calls = []
    real = notebook_map.map_notebook
    monkeypatch.setattr(notebook_map, "map_notebook", lambda text: calls.append(1) or real(text))
    output = render(findings, fmt)
    assert len(calls) == 1
    if fmt == "github":  # the last finding is on the cell's last line, file line 201 + 8
        assert output.splitlines()[-1].startswith(
            "::error title=lrcheck (LRC301),file=big.ipynb,line=209,"
        )
