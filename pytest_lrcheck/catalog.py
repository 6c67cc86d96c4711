"""The rule catalog: one Markdown document per static rule and per runtime symptom.

The documents live in ``rules/`` at the top of the repository and ship inside the wheel as
``pytest_lrcheck/_catalog``.  This module is the one place that knows their format, which is
strict so that the examples in them can run as tests:

    # LRC101 categorical-crossentropy-without-softmax
    ## What it does
    ## Why is this bad?
    ## Example              python code blocks; flagged lines end in ``# error: LRC101``
    ## Use instead          python code blocks that no rule flags
    ## Fix                  (fixable rules) python code blocks: the Example after ``--fix``
    ## Fix safety
    ## When it stays silent
    ## References

Optional extra sections: ``Keras versions`` (where Keras 2 and Keras 3 differ) and
``Thresholds`` (why a runtime threshold sits where it does).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

REQUIRED_SECTIONS: tuple[str, ...] = (
    "What it does",
    "Why is this bad?",
    "Example",
    "Use instead",
    "Fix safety",
    "When it stays silent",
    "References",
)
OPTIONAL_SECTIONS: tuple[str, ...] = ("Fix", "Keras versions", "Thresholds")
SECTION_ORDER: tuple[str, ...] = (
    "What it does",
    "Why is this bad?",
    "Keras versions",
    "Example",
    "Use instead",
    "Fix",
    "Fix safety",
    "Thresholds",
    "When it stays silent",
    "References",
)

_TITLE = re.compile(r"^# (LRC\d{3}) ([a-z0-9]+(?:-[a-z0-9]+)*)\s*$")
_FILENAME = re.compile(r"^(LRC\d{3})-([a-z0-9-]+)\.md$")
_FENCE = re.compile(r"^```(\w*)\s*$")
_MARK = re.compile(r"#\s*error:\s*((?:LRC\d{3}\s*,?\s*)+)\s*$")


class CatalogError(ValueError):
    """A rule document does not follow the catalog format."""


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block of a document; ``first_line`` is its first code line in the file."""

    language: str
    code: str
    first_line: int

    def marked_lines(self, code: str | None = None) -> tuple[int, ...]:
        """1-based lines (within the block) that end in ``# error: LRCxxx`` (for ``code``)."""
        lines = []
        for number, line in enumerate(self.code.splitlines(), start=1):
            match = _MARK.search(line)
            if match is None:
                continue
            codes = {c.strip() for c in match.group(1).replace(",", " ").split()}
            if code is None or code in codes:
                lines.append(number)
        return tuple(lines)

    def without_marks(self) -> str:
        """The code as a user would write it: the ``# error:`` marks removed."""
        out = [_MARK.sub("", line).rstrip() for line in self.code.splitlines()]
        return "\n".join(out) + "\n"


@dataclass(frozen=True)
class RuleDoc:
    code: str
    name: str
    filename: str
    text: str
    sections: Mapping[str, str]
    blocks: Mapping[str, tuple[CodeBlock, ...]]

    @property
    def examples(self) -> tuple[CodeBlock, ...]:
        return self.blocks.get("Example", ())

    @property
    def good_examples(self) -> tuple[CodeBlock, ...]:
        return self.blocks.get("Use instead", ())

    @property
    def fixed_examples(self) -> tuple[CodeBlock, ...]:
        return self.blocks.get("Fix", ())

    @property
    def summary(self) -> str:
        """The first sentence of *What it does*."""
        body = " ".join(self.sections["What it does"].split())
        end = body.find(". ")
        return body if end < 0 else body[: end + 1]


def parse_document(text: str, filename: str) -> RuleDoc:
    """Parse one catalog document, raising `CatalogError` naming the file and the problem."""
    lines = text.splitlines()
    if not lines:
        raise CatalogError(f"{filename}: empty document")
    title = _TITLE.match(lines[0])
    if title is None:
        raise CatalogError(f"{filename}:1: title must be '# LRCxxx kebab-case-name'")
    code, name = title.groups()
    file_match = _FILENAME.match(filename)
    if file_match is None or file_match.groups() != (code, name):
        raise CatalogError(f"{filename}: file name must be '{code}-{name}.md'")

    sections: dict[str, list[str]] = {}
    blocks: dict[str, list[CodeBlock]] = {}
    current: str | None = None
    fence: tuple[str, int, list[str]] | None = None
    for number, line in enumerate(lines[1:], start=2):
        if fence is not None:
            if line.strip() == "```":
                language, first, body = fence
                block = CodeBlock(language, "\n".join(body) + "\n", first)
                blocks.setdefault(current or "", []).append(block)
                fence = None
            else:
                fence[2].append(line)
            if current is not None:
                sections[current].append(line)
            continue
        if line.startswith("## "):
            current = line[3:].strip()
            if current not in SECTION_ORDER:
                raise CatalogError(f"{filename}:{number}: unknown section {current!r}")
            if current in sections:
                raise CatalogError(f"{filename}:{number}: section {current!r} appears twice")
            sections[current] = []
            continue
        if line.startswith("# "):
            raise CatalogError(f"{filename}:{number}: only one '# ' title per document")
        opening = _FENCE.match(line)
        if opening is not None:
            fence = (opening.group(1), number + 1, [])
        if current is None:
            if line.strip():
                raise CatalogError(f"{filename}:{number}: text before the first section")
            continue
        sections[current].append(line)
    if fence is not None:
        raise CatalogError(f"{filename}: unclosed code block starting at line {fence[1] - 1}")

    missing = [s for s in REQUIRED_SECTIONS if s not in sections]
    if missing:
        raise CatalogError(f"{filename}: missing section(s): {', '.join(missing)}")
    order = [s for s in SECTION_ORDER if s in sections]
    if list(sections) != order:
        raise CatalogError(f"{filename}: sections must come in the order {', '.join(order)}")
    for section in ("Example", "Use instead"):
        if not any(b.language == "python" for b in blocks.get(section, [])):
            raise CatalogError(f"{filename}: section {section!r} needs a ```python block")
    return RuleDoc(
        code=code,
        name=name,
        filename=filename,
        text=text,
        sections=MappingProxyType({k: "\n".join(v).strip() for k, v in sections.items()}),
        blocks=MappingProxyType(
            {k: tuple(b for b in v if b.language == "python") for k, v in blocks.items()}
        ),
    )


def catalog_dir() -> Path:
    """Where the documents are: inside the installed package, else the source checkout."""
    shipped = resources.files("pytest_lrcheck") / "_catalog"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parent.parent / "rules"


@cache
def load_catalog() -> Mapping[str, RuleDoc]:
    """All documents by code.  Raises `CatalogError` on the first malformed one."""
    directory = catalog_dir()
    docs: dict[str, RuleDoc] = {}
    for path in sorted(directory.glob("LRC*.md")):
        doc = parse_document(path.read_text(encoding="utf-8"), path.name)
        if doc.code in docs:
            raise CatalogError(f"{path.name}: {doc.code} is also {docs[doc.code].filename}")
        docs[doc.code] = doc
    return MappingProxyType(docs)


def get_doc(code: str) -> RuleDoc | None:
    return load_catalog().get(code.upper())


def document_url(code: str) -> str | None:
    """Where the document of ``code`` can be read: the file shipped with the package, as a
    ``file:`` URL (the project publishes no documentation site to point at)."""
    doc = get_doc(code)
    if doc is None:
        return None
    return (catalog_dir() / doc.filename).resolve().as_uri()
