"""Per-file results cache: a re-run over an unchanged tree costs little more than reading it.

One JSON entry per file, named by a hash of the file's absolute path and a *salt*: the tool's
version, the Python version (the parser's), the enabled rules with their settings and a stamp of
lrcheck's own analysis modules (so an editable install never serves results of older code).  The
entry holds the sha256 of the file's bytes; a changed file misses and its entry is overwritten.
Entries are read by any process but written only by the one that owns the `Cache` (the main
process), atomically.  A corrupt or unreadable entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pytest_lrcheck import __version__
from pytest_lrcheck.lint.engine import FileResult
from pytest_lrcheck.lint.findings import Finding, Fix, Span
from pytest_lrcheck.lint.rule import Rule
from pytest_lrcheck.lint.source import read_source
from pytest_lrcheck.lint.writer import WriteError, write_atomic

FORMAT = 1
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by lrcheck.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


class Cache:
    def __init__(self, directory: Path, rules: Sequence[Rule]) -> None:
        self.directory = directory
        self.entries = directory / f"v{FORMAT}"
        self.salt = salt(rules)
        self._pending: dict[Path, str] = {}
        self.hits = 0
        self.misses = 0

    def entry_path(self, path: Path) -> Path:
        # fsencode: a file name that is not UTF-8 hashes as the bytes the file system holds.
        name = os.fsencode(os.path.abspath(path))
        key = hashlib.sha256(f"{self.salt}\0".encode() + name).hexdigest()
        return self.entries / f"{key}.json"

    def get(self, path: Path, digest: str, display: str) -> FileResult | None:
        try:
            entry = json.loads(read_source(self.entry_path(path)))
            result = None
            if entry.get("sha256") == digest:
                result = _decode_result(entry, display)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            result = None  # missing or corrupt: compute afresh
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def put(self, path: Path, digest: str, result: FileResult) -> None:
        if result.internal_errors:
            return  # a crash is not a result worth keeping
        entry = {"sha256": digest, **_encode_result(result)}
        self._pending[self.entry_path(path)] = json.dumps(entry, separators=(",", ":"))

    def flush(self) -> str | None:
        """Write what `put` collected; a problem is returned as a warning, never raised."""
        if not self._pending:
            return None
        try:
            self._prepare()
            for entry_path, text in self._pending.items():
                # No fsync: an entry lost in a crash is only a miss next time.
                write_atomic(entry_path, text.encode("utf-8"), durable=False)
        except (OSError, WriteError) as error:
            return f"cannot write the cache in {self.directory}: {error} (use --no-cache)"
        finally:
            self._pending.clear()
        return None

    def _prepare(self) -> None:
        self.entries.mkdir(parents=True, exist_ok=True)
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(_TAG, encoding="utf-8")
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by lrcheck.\n*\n", encoding="utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def salt(rules: Sequence[Rule]) -> str:
    rule_part = [(rule.code, sorted(rule.settings.items())) for rule in rules]
    parts = [__version__, f"{sys.version_info[0]}.{sys.version_info[1]}", str(FORMAT)]
    parts.append(json.dumps(rule_part, sort_keys=True, default=repr))
    parts.append(_code_stamp())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _code_stamp() -> str:
    # Sizes and modification times of the analysis code (the linter and the Keras vocabulary
    # it reads): a few dozen stat calls per run.
    package = Path(__file__).resolve().parent.parent
    stamps = []
    for file in sorted(
        [*(package / "lint").rglob("*.py"), *(package / "keras_vocab").rglob("*.py")]
    ):
        try:
            info = file.stat()
        except OSError:
            continue
        stamps.append(f"{file.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


# --- (de)serialisation ---------------------------------------------------------------------------
def _encode_result(result: FileResult) -> dict[str, Any]:
    return {"skipped": result.skipped, "findings": [_encode(f) for f in result.findings]}


def _decode_result(entry: dict[str, Any], display: str) -> FileResult:
    findings = tuple(_decode(item, display) for item in entry["findings"])
    skipped = entry.get("skipped")
    return FileResult(display, findings, skipped=skipped if isinstance(skipped, str) else None)


def _encode(finding: Finding) -> dict[str, Any]:
    fix = finding.fix
    return {
        "span": _span(finding.span),
        "code": finding.code,
        "name": finding.name,
        "message": finding.message,
        "severity": finding.severity,
        "cell": finding.cell,
        "extra": [list(pair) for pair in finding.extra],
        "fix": None
        if fix is None
        else {
            "description": fix.description,
            "safety": fix.safety,
            "target": _span(fix.target),
            "node_type": fix.node_type,
            "params": [list(pair) for pair in fix.params],
            "cell": fix.cell,
        },
    }


def _span(span: Span) -> list[int]:
    return [span.line, span.column, span.end_line, span.end_column]


def _decode(item: dict[str, Any], display: str) -> Finding:
    raw_fix = item["fix"]
    fix = None
    if raw_fix is not None:
        fix = Fix(
            description=raw_fix["description"],
            safety=raw_fix["safety"],
            target=Span(*raw_fix["target"]),
            node_type=raw_fix["node_type"],
            params=_pairs(raw_fix["params"]),
            cell=raw_fix["cell"],
        )
    return Finding(
        path=display,
        span=Span(*item["span"]),
        code=item["code"],
        name=item["name"],
        message=item["message"],
        severity=item["severity"],
        fix=fix,
        cell=item["cell"],
        extra=_pairs(item["extra"]),
    )


def _pairs(items: list[list[Any]]) -> tuple[tuple[str, Any], ...]:
    return tuple((str(key), _tuples(value)) for key, value in items)


def _tuples(value: Any) -> Any:
    # JSON has no tuples; fix parameters are tuples of plain values.
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value
