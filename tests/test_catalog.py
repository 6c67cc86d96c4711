"""The catalog format: strict, with errors that name the file and the problem."""

from __future__ import annotations

import pytest

from pytest_lrcheck.catalog import CatalogError, catalog_dir, load_catalog, parse_document

GOOD = """\
# LRC999 some-rule

## What it does
Flags things. More text.

## Why is this bad?
Because.

## Example
```python
x = 1  # error: LRC999
y = 2  # error: LRC998, LRC999
```

## Use instead
```python
x = 2
```

## Fix safety
There is no automatic fix.

## When it stays silent
- Always.

## References
- Nowhere.
"""


def test_a_well_formed_document_parses():
    doc = parse_document(GOOD, "LRC999-some-rule.md")
    assert (doc.code, doc.name, doc.summary) == ("LRC999", "some-rule", "Flags things.")
    (example,) = doc.examples
    assert example.marked_lines("LRC999") == (1, 2)
    assert example.marked_lines("LRC998") == (2,)
    assert example.without_marks() == "x = 1\ny = 2\n"
    assert example.first_line == 11
    assert doc.good_examples[0].code == "x = 2\n"


@pytest.mark.parametrize(
    ("text", "filename", "problem"),
    [
        (GOOD, "LRC999-other-name.md", "file name must be 'LRC999-some-rule.md'"),
        (GOOD.replace("# LRC999 some-rule", "# LRC999 Some Rule"), "x.md", "title must be"),
        (GOOD.replace("## Why is this bad?", "## Why"), "LRC999-some-rule.md", "unknown section"),
        (GOOD.replace("## References\n- Nowhere.\n", ""), "LRC999-some-rule.md", "References"),
        (
            GOOD.replace("## Fix safety", "## Example"),
            "LRC999-some-rule.md",
            "appears twice",
        ),
        (GOOD + "```python\nx\n", "LRC999-some-rule.md", "unclosed code block"),
        (
            GOOD.replace("```python\nx = 2\n```", "no code here"),
            "LRC999-some-rule.md",
            "'Use instead' needs a ```python block",
        ),
        ("", "LRC999-some-rule.md", "empty document"),
    ],
)
def test_malformed_documents_are_rejected_with_the_reason(text, filename, problem):
    with pytest.raises(CatalogError, match=r"^" + filename.replace(".", r"\.")) as raised:
        parse_document(text, filename)
    assert problem in str(raised.value)


def test_sections_out_of_order_are_rejected():
    swapped = GOOD.replace("## What it does\nFlags things. More text.\n\n", "").replace(
        "## References", "## What it does\nFlags things.\n\n## References"
    )
    with pytest.raises(CatalogError, match="order"):
        parse_document(swapped, "LRC999-some-rule.md")


def test_the_source_checkout_catalog_loads():
    catalog = load_catalog()
    assert "LRC101" in catalog and catalog["LRC101"].filename.startswith("LRC101-")
    assert catalog_dir().is_dir()
