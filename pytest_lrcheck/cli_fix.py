"""``lrcheck --fix / --unsafe-fixes / --diff``: fix the files whose findings carry fixes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.engine import FileResult, make_rules
from pytest_lrcheck.lint.findings import Finding


@dataclass(frozen=True)
class FixReport:
    results: tuple[FileResult, ...]  # what is left, file by file
    applied: tuple[Finding, ...]
    files_changed: int
    diff: str
    problems: tuple[str, ...]

    def would_fix_summary(self) -> str:
        count = len(self.applied)
        if not count:
            return "No fixes available."
        noun = "finding" if count == 1 else "findings"
        return f"Would fix {count} {noun} in {self.files_changed} file(s)."


def apply(results: Sequence[FileResult], config: Config, *, unsafe: bool, write: bool) -> FixReport:
    """Fix each file that has a wanted fix; write it (atomically) unless ``write`` is False."""
    from pytest_lrcheck.lint.autofix import fix_data, has_wanted_fix
    from pytest_lrcheck.lint.source import read_source
    from pytest_lrcheck.lint.writer import WriteError, write_fixed

    rules = make_rules(config)
    out: list[FileResult] = []
    applied: list[Finding] = []
    diffs: list[str] = []
    problems: list[str] = []
    changed = 0
    for result in results:
        if not has_wanted_fix(result, unsafe=unsafe):
            out.append(result)
            continue
        path = Path(result.path)
        try:
            data = read_source(path)
        except OSError as error:
            problems.append(f"cannot read {result.path} to fix it: {error.strerror}")
            out.append(result)
            continue
        try:
            fixed = fix_data(data, result.path, rules, config, unsafe=unsafe)
        except Exception as error:  # a bug while fixing one file must not stop the others
            crash = f"{result.path}: fixing failed: {type(error).__name__}: {error}"
            out.append(replace(result, internal_errors=(*result.internal_errors, crash)))
            continue
        problems.extend(fixed.problems)
        if not fixed.changed:
            out.append(fixed.result)
            continue
        if write:
            try:
                write_fixed(path, fixed.fixed, expected=data)
            except WriteError as error:
                problems.append(str(error))
                out.append(result)
                continue
        changed += 1
        applied.extend(fixed.applied)
        diffs.append(fixed.diff())
        # With --diff nothing is written, so what remains is what the file still says.
        out.append(fixed.result if write else result)
    return FixReport(tuple(out), tuple(applied), changed, "".join(diffs), tuple(problems))
