"""A JSON list of findings, one object each (stable keys, for tools)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.output.sanitize import json_safe


def render_json(findings: Sequence[Finding]) -> str:
    return (
        json_safe(json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False)) + "\n"
    )
