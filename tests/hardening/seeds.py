"""The Keras programs the fuzzers start from: the bundled examples, every code block of the rule
documents and the expert-code corpus.  Together they reach every rule and every fix."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pytest_lrcheck.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]


@cache
def seed_sources() -> tuple[str, ...]:
    sources: list[str] = []
    for folder in (ROOT / "examples", ROOT / "tests" / "lint" / "corpus"):
        sources.extend(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.py")))
    for doc in load_catalog().values():
        for blocks in doc.blocks.values():
            sources.extend(block.without_marks() for block in blocks if block.language == "python")
    return tuple(sources)
