"""Every example in the catalog is a test, and the catalog agrees with the rule registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pytest_lrcheck.catalog import CodeBlock, RuleDoc, load_catalog
from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.fixer import apply_fixes
from pytest_lrcheck.lint.registry import all_rules, rule_names

CATALOG = load_catalog()
STATIC = {code: doc for code, doc in CATALOG.items() if not code.startswith("LRC5")}
RULES_DIR = Path(__file__).resolve().parents[2] / "pytest_lrcheck" / "lint" / "rules"


def _blocks(section: str, docs: dict[str, RuleDoc]) -> list[tuple[str, int, CodeBlock]]:
    return [
        (code, index, block)
        for code, doc in docs.items()
        for index, block in enumerate(doc.blocks.get(section, ()))
    ]


def _id(value: object) -> str:
    return "" if not isinstance(value, (str, int)) else str(value)


def _marks(block: CodeBlock) -> set[tuple[int, str]]:
    marks = set()
    for number, line in enumerate(block.code.splitlines(), start=1):
        match = re.search(r"#\s*error:\s*(.+)$", line)
        if match:
            marks.update((number, code) for code in re.findall(r"LRC\d{3}", match.group(1)))
    return marks


@pytest.mark.parametrize(("code", "index", "block"), _blocks("Example", STATIC), ids=_id)
def test_bad_example_fires_exactly_at_marked_lines(code: str, index: int, block: CodeBlock):
    findings = lint_source(block.without_marks(), f"{code}-example-{index}.py")
    found = {(f.span.line, f.code) for f in findings}
    assert block.marked_lines(code), f"{code} example {index} marks no line for {code}"
    assert found == _marks(block), "\n".join(
        f"{f.span.line}: {f.code} {f.message}" for f in findings
    )


@pytest.mark.parametrize(("code", "index", "block"), _blocks("Use instead", CATALOG), ids=_id)
def test_good_example_is_silent_under_every_rule(code: str, index: int, block: CodeBlock):
    findings = lint_source(block.code, f"{code}-good-{index}.py")
    assert not [f for f in findings if not f.code.startswith("LRC5")], findings


@pytest.mark.parametrize(("code", "index", "block"), _blocks("Fix", STATIC), ids=_id)
def test_fix_of_bad_example_is_the_documented_fix(code: str, index: int, block: CodeBlock):
    bad = STATIC[code].examples[index].without_marks()
    outcome = apply_fixes(bad, lint_source(bad), unsafe=True)
    assert outcome.source == block.code
    again = apply_fixes(outcome.source, lint_source(outcome.source), unsafe=True)
    assert not again.changed, "a second fix must change nothing"


@pytest.mark.parametrize("code", sorted(STATIC), ids=str)
def test_document_agrees_with_rule_module(code: str):
    doc = STATIC[code]
    assert code in rule_names(), f"rules/{doc.filename} documents a rule that does not exist"
    assert rule_names()[code] == doc.name
    if code == "LRC000":
        return
    rule = all_rules()[code]
    module = f"{code.lower()}_{doc.name.replace('-', '_')}.py"
    assert (RULES_DIR / module).is_file(), f"the rule must live in lint/rules/{module}"
    assert sys_module_file(rule) == module
    safety = doc.sections["Fix safety"].lower()
    if rule.fix_safety == "none":
        assert "Fix" not in doc.sections, "a rule without fixes documents no Fix section"
        assert "no automatic fix" in safety
    else:
        assert doc.fixed_examples, "a fixable rule shows its fix"
        assert f"**{rule.fix_safety}**" in safety, f"Fix safety must say **{rule.fix_safety}**"


def sys_module_file(rule: type) -> str:
    import sys

    return Path(sys.modules[rule.__module__].__file__ or "").name


def test_every_rule_has_a_document():
    missing = sorted(set(rule_names()) - set(STATIC))
    assert not missing, f"rules without a document in rules/: {missing}"


def test_every_good_example_in_the_catalog_is_checked():
    # A guard against a parser change that would silently drop examples.
    assert all(doc.good_examples for doc in CATALOG.values())
    assert sum(len(doc.examples) for doc in STATIC.values()) >= len(STATIC)
