"""``lrcheck --fix / --unsafe-fixes / --diff``: fix the files whose findings carry fixes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.engine import FileResult, make_rules
from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.output.text import printable


@dataclass(frozen=True)
class FixReport:
    results: tuple[FileResult, ...]  # what is left, file by file
    applied: tuple[Finding, ...]
    files_changed: int
    diff: str
    problems: tuple[str, ...]

    def would_fix_summary(self, remaining: Sequence[Finding] = ()) -> str:
        """What ``--diff`` would fix, and, as ruff says it, how many unsafe fixes are hidden."""
        count = len(self.applied)
        hidden = sum(1 for f in remaining if f.fix is not None and f.fix.safety == "unsafe")
        more = ""
        if hidden:
            fixes = "fix" if hidden == 1 else "fixes"
            more = f"{hidden} hidden {fixes} can be enabled with the --unsafe-fixes option"
        if not count:
            return f"No fixes available ({more})." if more else "No fixes available."
        noun = "finding" if count == 1 else "findings"
        text = f"Would fix {count} {noun} in {self.files_changed} file(s)"
        return f"{text} ({more})." if more else f"{text}."

    def fixed_summary(self) -> str:
        """``--fix-only``'s one line."""
        count = len(self.applied)
        if not count:
            return "No fixes applied.\n"
        noun = "finding" if count == 1 else "findings"
        return f"Fixed {count} {noun} in {self.files_changed} file(s).\n"

    def show_fixes(self) -> str:
        """``--show-fixes``: the applied fixes counted by file and code, as ruff lists them."""
        if not self.applied:
            return ""
        by_file: dict[str, Counter[tuple[str, str]]] = {}
        for finding in self.applied:
            by_file.setdefault(finding.path, Counter())[(finding.code, finding.name)] += 1
        noun = "finding" if len(self.applied) == 1 else "findings"
        lines = [f"Fixed {len(self.applied)} {noun}:"]
        for path, counts in by_file.items():
            lines.append(f"- {printable(path)}:")
            lines.extend(
                f"    {count} \u00d7 {code} ({name})"
                for (code, name), count in sorted(counts.items())
            )
        return "\n".join(lines) + "\n"


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
