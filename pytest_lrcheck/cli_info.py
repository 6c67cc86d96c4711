"""``lrcheck --explain RULE``, ``--list-rules`` and ``--show-settings``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pytest_lrcheck.catalog import RuleDoc
from pytest_lrcheck.cli import UsageError
from pytest_lrcheck.config import Config


def explain(code: str, fmt: str = "text") -> str:
    from pytest_lrcheck.catalog import get_doc
    from pytest_lrcheck.lint.registry import all_rules

    doc = get_doc(code) or _by_name(code)
    if doc is None:
        raise UsageError(f"unknown rule code {code!r}{_suggest(code)} (see --list-rules)")
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


def _by_name(name: str) -> RuleDoc | None:
    """The document of the rule called ``name`` (``unused-noqa``, or ``unused_noqa``)."""
    from pytest_lrcheck.catalog import load_catalog

    wanted = name.strip().lower().replace("_", "-")
    return next((doc for doc in load_catalog().values() if doc.name == wanted), None)


def _suggest(name: str) -> str:
    import difflib

    from pytest_lrcheck.catalog import load_catalog

    names = [doc.name for doc in load_catalog().values()]
    close = difflib.get_close_matches(name.lower().replace("_", "-"), names, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


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


def show_settings(config: Config, args: argparse.Namespace) -> str:
    """The settings in effect once the configuration file and the command line are read."""
    from pytest_lrcheck.lint.registry import rule_names

    where = str(config.source) if config.source is not None else "(none: the defaults)"
    enabled = [code for code in rule_names() if config.is_enabled(code)]
    rows: list[tuple[str, object]] = [
        ("configuration file", where),
        ("root", config.base()),
        ("select", list(config.select)),
        ("extend-select", list(config.extend_select)),
        ("ignore", list(config.ignore)),
        ("per-file-ignores", {glob: list(codes) for glob, codes in config.per_file_ignores}),
        ("exclude", list(config.exclude)),
        ("extend-exclude", list(config.extend_exclude)),
        ("force-exclude", args.force_exclude),
        ("respect-gitignore", args.respect_gitignore),
        (
            "cache-dir",
            "(none)" if args.no_cache else args.cache_dir or config.effective_cache_dir(),
        ),
        ("settings", {code: dict(values) for code, values in config.settings.items()}),
        ("enabled rules", enabled),
    ]
    width = max(len(key) for key, _ in rows)
    lines = []
    for key, value in rows:
        shown = json.dumps(value) if isinstance(value, (list, dict, bool)) else str(value)
        lines.append(f"{key:<{width}} = {shown}")
    return "\n".join(lines)
