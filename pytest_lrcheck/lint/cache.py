"""Per-file results cache: a re-run over an unchanged tree costs little more than reading it.

One JSON entry per file, named by a hash of the file's absolute path and a *salt*: the tool's
version, the Python version (the parser's), the enabled rules with their settings and a stamp of
lrcheck's own analysis modules (so an editable install never serves results of older code).  The
entry holds the sha256 of the file's bytes; a changed file misses and its entry is overwritten.
Entries are read by any process but written only by the one that owns the `Cache` (the main
process), atomically.  A corrupt, unreadable or ill-typed entry is a miss, never an error, and
is rewritten.  The cache directory may be shared (``--cache-dir scratch/lrcheck``), so nothing
in it is trusted: a symlink planted at an entry's name is replaced, never followed, and one
planted at the entries' folder or a marker file's name is not written through.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pytest_lrcheck import __version__
from pytest_lrcheck.lint.engine import FileResult
from pytest_lrcheck.lint.findings import Finding, Fix, Span
from pytest_lrcheck.lint.rule import Rule
from pytest_lrcheck.lint.source import read_source
from pytest_lrcheck.lint.writer import WriteError, create_marker, write_private

FORMAT = 2  # 2: the project modules a result depends on
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by lrcheck.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


class Cache:
    def __init__(self, directory: Path, rules: Sequence[Rule], follow_imports: bool = True) -> None:
        self.directory = directory
        self.entries = directory / f"v{FORMAT}"
        # Results with and without the project's modules differ: each has its own entries.
        self.salt = salt(rules) + ("" if follow_imports else "-alone")
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
            entry_path = self.entry_path(path)
            if entry_path.is_symlink():
                raise ValueError("a planted link, not an entry")
            entry = json.loads(read_source(entry_path))
            result = None
            if entry.get("sha256") == digest and _unchanged(entry.get("depends", [])):
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
                write_private(entry_path, text.encode("utf-8"))
        except (OSError, WriteError) as error:
            return f"cannot write the cache in {self.directory}: {error} (use --no-cache)"
        finally:
            self._pending.clear()
        return None

    def _prepare(self) -> None:
        self.entries.mkdir(parents=True, exist_ok=True)
        if self.entries.is_symlink():
            raise WriteError(f"{self.entries} is a symlink; not writing through it")
        create_marker(self.directory / "CACHEDIR.TAG", _TAG.encode())
        create_marker(self.directory / ".gitignore", b"# Created by lrcheck.\n*\n")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unchanged(depends: object) -> bool:
    """Whether the project modules a result was computed with still hold the same bytes."""
    for pair in _typed(depends, list):
        path, sha = _typed(pair, list)
        try:
            if digest(read_source(_typed(path, str))) != sha:
                return False
        except OSError:
            return False  # gone: the import now finds something else, or nothing
    return True


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
    return {
        "skipped": result.skipped,
        "findings": [_encode(f, result.path) for f in result.findings],
        "depends": [list(pair) for pair in result.depends],
    }


def _decode_result(entry: dict[str, Any], display: str) -> FileResult:
    findings = tuple(_decode(item, display) for item in _typed(entry["findings"], list))
    skipped = entry.get("skipped")
    depends = tuple((str(p), str(s)) for p, s in entry.get("depends", []))
    return FileResult(
        display, findings, skipped=skipped if isinstance(skipped, str) else None, depends=depends
    )


def _encode(finding: Finding, path: str) -> dict[str, Any]:
    fix = finding.fix
    return {
        # A finding on an imported module's line: its path (as shown for the checked file).
        # Kept relative to the checked file, which may be shown from another folder next time.
        "path": None
        if finding.path == path
        else os.path.relpath(finding.path, os.path.dirname(path) or "."),
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


# Every field is checked for its type: an entry edited by hand or by another tool must be a
# miss, not a crash later in a formatter that trusts a Finding's types.
def _decode(raw: object, display: str) -> Finding:
    item: dict[str, Any] = _typed(raw, dict)
    raw_fix = item["fix"]
    fix = None
    if raw_fix is not None:
        raw_fix = _typed(raw_fix, dict)
        fix = Fix(
            description=_typed(raw_fix["description"], str),
            safety=_one_of(raw_fix["safety"], ("safe", "unsafe")),
            target=_decode_span(raw_fix["target"]),
            node_type=_typed(raw_fix["node_type"], str),
            params=_pairs(raw_fix["params"]),
            cell=_cell(raw_fix["cell"]),
        )
    elsewhere = item.get("path")
    return Finding(
        path=display
        if elsewhere is None
        else os.path.normpath(os.path.join(os.path.dirname(display), _typed(elsewhere, str))),
        span=_decode_span(item["span"]),
        code=_code(item["code"]),
        name=_typed(item["name"], str),
        message=_typed(item["message"], str),
        severity=_one_of(item["severity"], ("error", "warning")),
        fix=fix,
        cell=_cell(item["cell"]),
        extra=_pairs(item["extra"]),
    )


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def _one_of(value: object, choices: tuple[str, ...]) -> Any:
    if value not in choices:
        raise ValueError(f"expected one of {choices}")
    return value


def _decode_span(value: object) -> Span:
    numbers = _typed(value, list)
    if len(numbers) != 4 or any(_typed(n, int) < 1 for n in numbers):
        raise ValueError("a span is four positive integers")
    return Span(*numbers)


def _code(value: object) -> str:
    code: str = _typed(value, str)
    if not re.fullmatch(r"LRC[0-9]{3}", code):
        raise ValueError(f"not a rule code: {code!r}")
    return code


def _cell(value: object) -> int | None:
    if value is None:
        return None
    number: int = _typed(value, int)
    if number < 1:
        raise ValueError("cell numbers start at 1")
    return number


def _pairs(items: object) -> tuple[tuple[str, Any], ...]:
    pairs = []
    for pair in _typed(items, list):
        if not isinstance(pair, list) or len(pair) != 2:
            raise ValueError("expected [key, value] pairs")
        pairs.append((_typed(pair[0], str), _tuples(pair[1])))
    return tuple(pairs)


def _tuples(value: Any) -> Any:
    # JSON has no tuples; fix parameters are tuples of plain values.
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value
