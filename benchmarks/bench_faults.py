"""How many of the labelled faults in ``benchmarks/faults/`` lrcheck finds, and its false alarms.

The benchmark holds small buggy Keras programs (``buggy/``: scripts, notebooks and multi-file
projects) and their repaired twins (``fixed/``, same paths); ``manifest.toml`` labels every
fault with its file, the line a finding should point at, the expected code and how the program
is organised around it (``benchmarks/faults/README.md``).  lrcheck runs through its installed
API in three modes, each over both trees:

- file-alone: ``check_file(..., follow_imports=False)`` on every file, its imports of the
  project's own modules not read (``lrcheck --no-follow-imports FILE``): the baseline;
- single-file: ``check_file`` on every file, as ``lrcheck FILE``, an editor or pre-commit sees
  it: the project modules it imports are read with it (whole-project analysis);
- directory: ``lint_results`` over the tree, as ``lrcheck DIR`` and ``pytest --lrcheck`` run.

The comparison at the end prints what whole-project analysis costs (single-file against
file-alone, the same files checked, each with or without the modules it imports) and finds.

A fault is found when a finding with its code points at one of its lines.  Every finding on a
repaired twin is a false alarm; a finding on a buggy program that no label accounts for is
listed as unlabelled (a false alarm, or a label to add).  Codes of rules that do not exist yet
(``NEW-...``) count as missed until ``[codes]`` in the manifest, or ``--code NEW-x=LRCxyz``,
names the rule that implements them.  Times are the best of ``--repeat`` runs.

    python benchmarks/bench_faults.py [--mode all] [--missed] [--code NEW-x=LRCxyz] [--json F]

It measures and exits 0 whatever the figures; 2 when the manifest disagrees with the files.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pytest_lrcheck.lint.api import check_file, collect_files, lint_results, make_rules
from pytest_lrcheck.lint.engine import FileResult
from pytest_lrcheck.lint.project import forget
from pytest_lrcheck.lint.registry import all_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_ROOT = Path(__file__).resolve().parent / "faults"
FORMS = ("script", "notebook", "project")
STYLES = ("keras3", "tf.keras", "keras2", "tf1")
Place = tuple[str, int | None, int]  # file under buggy/, notebook cell (1-based) or None, line


class ManifestError(Exception):
    """The manifest disagrees with itself or with the files; the message says where."""


@dataclass(frozen=True)
class Program:
    path: str  # a file, or the directory of a multi-file project, under buggy/ and fixed/
    form: str
    style: str

    def owns(self, file: str) -> bool:
        return file == self.path or file.startswith(self.path + "/")


@dataclass(frozen=True)
class Fault:
    program: Program
    place: Place
    code: str
    organisation: str
    also: tuple[Place, ...] = ()  # other lines a finding may point at

    def places(self) -> tuple[Place, ...]:
        return (self.place, *self.also)

    def __str__(self) -> str:
        return f"buggy/{where(self.place)}: {self.code} [{self.organisation}]"


@dataclass(frozen=True)
class Manifest:
    programs: tuple[Program, ...]
    faults: tuple[Fault, ...]
    codes: dict[str, str]  # placeholder -> the rule that implements it ("" while none does)

    def rule_for(self, code: str) -> str:
        return self.codes.get(code) or code

    def summary(self) -> str:
        forms = ", ".join(f"{sum(p.form == f for p in self.programs)} {f}s" for f in FORMS)
        return (
            f"{len(self.programs)} buggy programs ({forms}) with {len(self.faults)} labelled "
            f"faults, and {len(self.programs)} repaired twins"
        )


def where(place: Place) -> str:
    file, cell, line = place
    return f"{file}:cell {cell}:{line}" if cell is not None else f"{file}:{line}"


def _lines(path: Path, cell: int | None) -> list[str]:
    if cell is None:
        return path.read_text(encoding="utf-8").splitlines()
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    source = cells[cell - 1]["source"] if 1 <= cell <= len(cells) else ""
    return ("".join(source) if isinstance(source, list) else source).splitlines()


def _place(root: Path, program: Program, entry: dict[str, Any], label: str) -> Place:
    file, cell, line, evidence = (entry.get(k) for k in ("file", "cell", "line", "evidence"))
    if not isinstance(file, str) or not program.owns(file) or not (root / "buggy" / file).is_file():
        raise ManifestError(f"{label}: {file!r} is not a file of buggy/{program.path}")
    if not (
        isinstance(line, int)
        and isinstance(evidence, str)
        and (cell is None or isinstance(cell, int))
    ):
        raise ManifestError(f"{label}: needs a line number (and cell) with its evidence text")
    lines = _lines(root / "buggy" / file, cell)
    if not 1 <= line <= len(lines) or evidence not in lines[line - 1]:
        raise ManifestError(f"{label}: buggy/{where((file, cell, line))} lacks {evidence!r}")
    return (file, cell, line)


def _program(root: Path, table: dict[str, Any]) -> Program:
    path, form, style, about = (table.get(k) for k in ("path", "form", "style", "about"))
    if not (isinstance(path, str) and form in FORMS and style in STYLES and about):
        raise ManifestError(f"program {path!r}: needs path, about, form {FORMS}, style {STYLES}")
    if not table.get("fault"):
        raise ManifestError(f"program {path!r}: a buggy program needs a labelled fault")
    return Program(path, str(form), str(style))


def _files(tree: Path) -> set[str]:
    return {
        p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.suffix in (".py", ".ipynb")
    }


def load_manifest(root: Path, overrides: dict[str, str]) -> Manifest:
    try:
        data = tomllib.loads((root / "manifest.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ManifestError(f"cannot read {root / 'manifest.toml'}: {error}") from None
    codes = {str(k): str(v) for k, v in {**data.get("codes", {}), **overrides}.items()}
    rules = all_rules()
    for placeholder, code in codes.items():
        if placeholder in rules:
            raise ManifestError(f"[codes] {placeholder}: a rule's code, not a placeholder")
        if code and code not in rules:
            raise ManifestError(f"[codes] {placeholder} = {code!r}: no rule has that code")
    programs, faults = [], []
    for table in data.get("program", []):
        program = _program(root, table)
        programs.append(program)
        for number, entry in enumerate(table["fault"], start=1):
            label = f"{program.path}, fault {number}"
            code, organisation = entry.get("code"), entry.get("organisation")
            if (code not in rules and code not in codes) or not organisation:
                raise ManifestError(f"{label}: needs a rule or placeholder code, an organisation")
            also = tuple(_place(root, program, other, label) for other in entry.get("also", []))
            place = _place(root, program, entry, label)
            faults.append(Fault(program, place, str(code), str(organisation), also))
    buggy, fixed = _files(root / "buggy"), _files(root / "fixed")
    odd = sorted((buggy ^ fixed) | {f for f in buggy if not any(p.owns(f) for p in programs)})
    if odd:
        raise ManifestError(f"files not in both trees or in no program: {', '.join(odd[:5])}")
    return Manifest(tuple(programs), tuple(faults), codes)


@dataclass(frozen=True)
class Seen:
    """One finding, located in the tree (``buggy/`` or ``fixed/``) it was found in."""

    place: Place
    code: str
    message: str


@dataclass(frozen=True)
class TreeRun:
    findings: tuple[Seen, ...]
    skipped: tuple[tuple[str, str], ...]  # (file, why) for the files that were not analysed
    internal_errors: tuple[str, ...]
    files: int
    seconds: float


@dataclass(frozen=True)
class Score:
    mode: str
    found: tuple[bool, ...]  # one per fault, in manifest order
    elsewhere: tuple[bool, ...]  # missed, but its code was reported elsewhere in the program
    correct: int  # findings on buggy programs at a labelled place (repeats included)
    unlabelled: tuple[Seen, ...]
    false_alarms: tuple[Seen, ...]  # findings on repaired twins
    runs: tuple[TreeRun, TreeRun]  # buggy/, fixed/

    @property
    def seconds(self) -> float:
        return sum(run.seconds for run in self.runs)


Runner = Callable[[Path], list[FileResult]]


def run_single(root: Path) -> list[FileResult]:
    rules = make_rules()
    return [check_file(path, rules) for path in collect_files([root])]


def run_alone(root: Path) -> list[FileResult]:
    rules = make_rules()
    return [check_file(path, rules, follow_imports=False) for path in collect_files([root])]


def run_directory(root: Path) -> list[FileResult]:
    return lint_results([root], jobs=1)


def _relative(path: str, tree: Path) -> str:
    return Path(path).resolve().relative_to(tree.resolve()).as_posix()


def run_tree(runner: Runner, tree: Path, repeat: int) -> TreeRun:
    times = []
    for _ in range(repeat):
        forget()  # each timed run reads and parses the imported modules afresh, as a command does
        start = time.perf_counter()
        results = runner(tree)
        times.append(time.perf_counter() - start)
    findings: list[Seen] = []
    skipped: list[tuple[str, str]] = []
    errors: list[str] = []
    for result in results:
        file = _relative(result.path, tree)
        if result.skipped is not None:
            skipped.append((file, result.skipped))
        errors.extend(result.internal_errors)
        findings.extend(
            Seen((_relative(f.path, tree), f.cell, f.span.line), f.code, f.message)
            for f in result.findings
        )
    return TreeRun(tuple(findings), tuple(skipped), tuple(errors), len(results), min(times))


def score(mode: str, manifest: Manifest, buggy: TreeRun, fixed: TreeRun) -> Score:
    unused = list(buggy.findings)
    found = []
    for fault in manifest.faults:
        code, places = manifest.rule_for(fault.code), fault.places()
        match = next((s for s in unused if s.code == code and s.place in places), None)
        if match is not None:
            unused.remove(match)  # two faults on one line need two findings
        found.append(match is not None)
    accepted = {(manifest.rule_for(f.code), p) for f in manifest.faults for p in f.places()}
    unlabelled = tuple(s for s in buggy.findings if (s.code, s.place) not in accepted)
    elsewhere = tuple(
        not hit
        and any(
            s.code == manifest.rule_for(f.code) and f.program.owns(s.place[0])
            for s in buggy.findings
        )
        for f, hit in zip(manifest.faults, found, strict=True)
    )
    correct = len(buggy.findings) - len(unlabelled)
    return Score(mode, tuple(found), elsewhere, correct, unlabelled, fixed.findings, (buggy, fixed))


def ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def breakdown(title: str, manifest: Manifest, score: Score, key: Callable[[Fault], str]) -> None:
    rows: dict[str, list[int]] = {}
    for fault, hit, near in zip(manifest.faults, score.found, score.elsewhere, strict=True):
        row = rows.setdefault(key(fault), [0, 0, 0])
        row[0], row[1], row[2] = row[0] + hit, row[1] + 1, row[2] + near
    print(f"recall by {title}:")
    for name, (hits, total, nearby) in sorted(rows.items()):
        note = f"  ({nearby} more reported at another line)" if nearby else ""
        print(f"  {name:<28}{hits:>4}/{total:<4}{100 * hits / total:>5.0f}%{note}")


def report(manifest: Manifest, score: Score, show_missed: bool) -> None:
    files = sum(run.files for run in score.runs)
    print(f"\n== {score.mode} mode: {files} files, {score.seconds:.2f} s")
    exists = [i for i, f in enumerate(manifest.faults) if manifest.rule_for(f.code) in all_rules()]
    print(f"faults found: {ratio(sum(score.found), len(manifest.faults))}")
    print(f"  for rules that exist: {ratio(sum(score.found[i] for i in exists), len(exists))}")
    wrong = len(score.unlabelled) + len(score.false_alarms)
    print(
        f"precision: {ratio(score.correct, score.correct + wrong)} of the findings are labelled "
        f"faults; false alarms on repaired twins: {len(score.false_alarms)}, unlabelled "
        f"findings on buggy programs: {len(score.unlabelled)}"
    )
    breakdown(
        "code", manifest, score, lambda f: f"{f.code} {manifest.codes.get(f.code, '')}".rstrip()
    )
    breakdown("organisation", manifest, score, lambda f: f.organisation)
    breakdown("form", manifest, score, lambda f: f.program.form)
    breakdown("style", manifest, score, lambda f: f.program.style)
    for title, seen in (
        ("on repaired twins", score.false_alarms),
        ("unlabelled", score.unlabelled),
    ):
        for s in seen:
            print(f"{title}: {'fixed' if seen is score.false_alarms else 'buggy'}/"
                  f"{where(s.place)}: {s.code} {s.message}")  # fmt: skip
    reasons: dict[str, list[str]] = {}
    for tree, run in zip(("buggy", "fixed"), score.runs, strict=True):
        for file, why in run.skipped:
            reasons.setdefault(why, []).append(f"{tree}/{file}")
        for error in run.internal_errors:
            print(f"internal error in {tree}/: {error}")
    for why, skipped in reasons.items():
        print(f"not analysed ({why}): {len(skipped)} files: {', '.join(skipped)}")
    if show_missed:
        print("missed faults:")
        for fault, hit in zip(manifest.faults, score.found, strict=True):
            if not hit:
                print(f"  {fault}")


def compare(manifest: Manifest, scores: Sequence[Score]) -> None:
    by_mode = {s.mode: s for s in scores}
    print(f"\n== {', '.join(by_mode)} mode")
    print("time: " + ", ".join(f"{s.mode} {s.seconds:.2f} s" for s in scores))
    alone, single = by_mode.get("file-alone"), by_mode.get("single-file")
    if alone is not None and single is not None:
        print(
            f"whole-project analysis costs {single.seconds / alone.seconds:.2f}x the time of "
            f"checking each file alone ({single.seconds - alone.seconds:+.2f} s over "
            f"{sum(r.files for r in single.runs)} files) and finds "
            f"{sum(single.found) - sum(alone.found):+d} faults"
        )
    for one, other in itertools.permutations(scores, 2):
        only = [f for f, a, b in zip(manifest.faults, one.found, other.found, strict=True) if a > b]
        print(f"found in {one.mode} mode, not in {other.mode} mode: {len(only)}")
        for fault in only:
            print(f"  {fault}")


def as_json(manifest: Manifest, scores: Sequence[Score]) -> dict[str, Any]:
    faults = [
        {"place": where(f.place), "code": f.code, "organisation": f.organisation,
         "found": {s.mode: s.found[i] for s in scores}}
        for i, f in enumerate(manifest.faults)
    ]  # fmt: skip
    modes = {
        s.mode: {
            "found": sum(s.found),
            "correct_findings": s.correct,
            "false_alarms": [asdict(x) for x in s.false_alarms],
            "unlabelled": [asdict(x) for x in s.unlabelled],
            "seconds": s.seconds,
        }
        for s in scores
    }
    return {"faults": faults, "modes": modes}


def parse_codes(pairs: Iterable[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        placeholder, sep, code = pair.partition("=")
        if not (sep and placeholder and code):
            raise ManifestError(f"--code {pair!r}: expected PLACEHOLDER=CODE")
        mapping[placeholder] = code
    return mapping


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="[benchmarks/faults]")
    parser.add_argument(
        "--mode", choices=("file-alone", "single", "directory", "all"), default="all"
    )
    parser.add_argument(
        "--code",
        action="append",
        default=[],
        metavar="PLACEHOLDER=CODE",
        help="the rule that implements a placeholder code (repeatable)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs to time, best kept [3]")
    parser.add_argument("--missed", action="store_true", help="list every missed fault")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results as JSON")
    args = parser.parse_args(argv)  # fmt: skip
    try:
        manifest = load_manifest(args.root, parse_codes(args.code))
    except ManifestError as error:
        print(f"bench_faults: {error}", file=sys.stderr)
        return 2
    print(manifest.summary())
    modes: dict[str, Runner] = {
        "file-alone": run_alone,
        "single-file": run_single,
        "directory": run_directory,
    }
    if args.mode != "all":
        modes = {name: run for name, run in modes.items() if name.startswith(args.mode)}
    run_single(args.root / "fixed")  # imports and first-use costs are not either mode's
    scores = []
    for mode, runner in modes.items():
        buggy, fixed = (run_tree(runner, args.root / t, args.repeat) for t in ("buggy", "fixed"))
        scores.append(score(mode, manifest, buggy, fixed))
        report(manifest, scores[-1], args.missed)
    if len(scores) > 1:
        compare(manifest, scores)
    if args.json:
        args.json.write_text(json.dumps(as_json(manifest, scores), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
