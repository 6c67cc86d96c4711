"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Every static rule is described in ``tool.driver.rules`` with its catalog text (summary, full
description and the whole document as markdown help), so the dashboard can explain a finding
without lrcheck installed.  Notebook findings point at the line of the ``.ipynb`` file that holds
the cell's source line, which is what GitHub shows.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pytest_lrcheck import __version__
from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.output.sanitize import json_safe
from pytest_lrcheck.output.sources import SourceLines

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/pytest-lrcheck/"


def render_sarif(
    findings: Sequence[Finding],
    sources: SourceLines | None = None,
    properties: dict[str, Any] | None = None,
) -> str:
    """The SARIF log; ``properties`` (``--statistics``' counts) go on the run."""
    sources = sources if sources is not None else SourceLines()
    rules = rule_descriptors()
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = [_result(f, index, sources) for f in findings]
    log: dict[str, Any] = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lrcheck",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    if properties:
        log["runs"][0]["properties"] = properties
    return json_safe(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def rule_descriptors() -> list[dict[str, Any]]:
    from pytest_lrcheck.catalog import document_url, load_catalog
    from pytest_lrcheck.lint.registry import all_rules, rule_names

    catalog = load_catalog()
    rules = all_rules()
    descriptors = []
    for code, name in rule_names().items():
        rule = rules.get(code)
        doc = catalog.get(code)
        level = "error" if rule is None or rule.severity == "error" else "warning"
        descriptor: dict[str, Any] = {
            "id": code,
            "name": name,
            "defaultConfiguration": {"level": level},
            "properties": {"fix": rule.fix_safety if rule else "none"},
        }
        if doc is not None:
            what = " ".join(doc.sections["What it does"].split())
            descriptor["shortDescription"] = {"text": doc.summary}
            descriptor["fullDescription"] = {"text": what}
            body = doc.text.split("\n", 1)[1].strip() if "\n" in doc.text else doc.text
            descriptor["help"] = {"text": what, "markdown": body}
            descriptor["helpUri"] = document_url(code)
        descriptors.append(descriptor)
    return descriptors


def _uri(path: str) -> str:
    if os.path.isabs(path):
        return Path(path).as_uri()
    # A name that is not UTF-8 is percent-encoded byte for byte, as the file system has it.
    return quote(Path(path).as_posix(), errors="surrogateescape")


def _result(finding: Finding, index: dict[str, int], sources: SourceLines) -> dict[str, Any]:
    span = finding.span
    region: dict[str, int] = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }
    message = finding.message
    if finding.cell is not None:
        message = f"cell {finding.cell}, line {span.line}: {message}"
        region = notebook_region(finding, sources)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": "error" if finding.severity == "error" else "warning",
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.path)},
                    "region": region,
                }
            }
        ],
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.cell is not None:
        result["properties"] = {"cell": finding.cell}
    return result


def notebook_region(finding: Finding, sources: SourceLines) -> dict[str, int]:
    """The finding's place in the notebook file; line 1 when the layout is not nbformat's."""
    from pytest_lrcheck.lint.notebook_map import file_position

    assert finding.cell is not None
    span = finding.span
    line_text = sources.line(finding.path, finding.cell, span.line) or ""
    positions = sources.positions(finding.path)
    start = file_position(positions, finding.cell, span.line, span.column, line_text)
    if start is None:
        return {"startLine": 1}
    end_column = span.end_column if span.end_line == span.line else len(line_text) + 1
    end = file_position(positions, finding.cell, span.line, end_column, line_text)
    region = {"startLine": start[0], "startColumn": start[1]}
    if end is not None:
        region.update(endLine=end[0], endColumn=end[1])
    return region
