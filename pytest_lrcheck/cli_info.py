"""``lrcheck --explain CODE`` and ``lrcheck --list-rules``, as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from pytest_lrcheck.cli import UsageError
from pytest_lrcheck.config import Config


def explain(code: str, fmt: str = "text") -> str:
    from pytest_lrcheck.catalog import get_doc
    from pytest_lrcheck.lint.registry import all_rules

    doc = get_doc(code)
    if doc is None:
        raise UsageError(f"unknown rule code {code!r} (see --list-rules)")
    if fmt != "json":
        return doc.text
    rule = all_rules().get(doc.code)
    record = {
        "code": doc.code,
        "name": doc.name,
        "kind": _kind(doc.code),
        "summary": doc.summary,
        "severity": rule.severity if rule else None,
        "fix": rule.fix_safety if rule else "none",
        "sections": dict(doc.sections),
        "document": doc.text,
    }
    return json.dumps(record, indent=2, ensure_ascii=False)


def _kind(code: str) -> str:
    return "runtime" if code.startswith("LRC5") else "static"


def list_rules(config: Config, fmt: str = "text") -> str:
    """Every code with its name, kind, fix safety and whether ``config`` enables it."""
    from pytest_lrcheck.catalog import load_catalog
    from pytest_lrcheck.lint.registry import all_rules, rule_names

    catalog = load_catalog()
    rules = all_rules()
    names = rule_names()
    records: list[dict[str, Any]] = []
    for code in sorted({*names, *catalog}):
        rule = rules.get(code)
        name = names.get(code) or catalog[code].name
        kind = _kind(code)
        records.append(
            {
                "code": code,
                "name": name,
                "kind": kind,
                "fix": rule.fix_safety if rule else "none",
                # Runtime symptoms are reported by the pytest plugin, not selected here.
                "enabled": config.is_enabled(code) if kind == "static" else None,
            }
        )
    if fmt == "json":
        return json.dumps(records, indent=2)
    width = max(len(r["name"]) for r in records)
    lines = [f"{'code':<7} {'name':<{width}}  {'kind':<8} {'fix':<7} enabled"]
    for r in records:
        enabled = {True: "yes", False: "no", None: "-"}[r["enabled"]]
        fix = r["fix"] if r["fix"] != "none" else "-"
        lines.append(f"{r['code']:<7} {r['name']:<{width}}  {r['kind']:<8} {fix:<7} {enabled}")
    return "\n".join(lines)
