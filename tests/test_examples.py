"""The bundled examples: `lrcheck examples/` reports exactly what the programs' comments announce.

Every flagged line of an example ends in ``# lrcheck: LRC101 expected`` (several codes when
several findings start on that line); every ``*_fixed.py`` program must be silent.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pytest_lrcheck.cli import main
from pytest_lrcheck.lint.registry import all_rules

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MARK = re.compile(r"#\s*lrcheck:\s*(?P<codes>(?:LRC\d{3}[\s,]*)+)expected\s*$")
TEXT_LINE = re.compile(r"^(?P<path>.+?\.py):(?P<line>\d+):(?P<column>\d+): (?P<code>LRC\d{3})\b")

Expected = dict[str, Counter[tuple[int, str]]]


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.py"))


def marked(path: Path) -> Counter[tuple[int, str]]:
    """(line, code) of every finding the file's comments announce, with multiplicity."""
    found: Counter[tuple[int, str]] = Counter()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = MARK.search(line)
        if match:
            found.update((number, code) for code in re.findall(r"LRC\d{3}", match["codes"]))
    return found


def expected_findings() -> Expected:
    """What the examples announce, for the rules that exist (a separate test names the others)."""
    registered = set(all_rules())
    return {
        path.name: Counter({key: n for key, n in marked(path).items() if key[1] in registered})
        for path in example_files()
    }


def parse_text(output: str) -> Expected:
    found: Expected = {path.name: Counter() for path in example_files()}
    for line in output.splitlines():
        match = TEXT_LINE.match(line)
        if match:
            found.setdefault(Path(match["path"]).name, Counter())[
                (int(match["line"]), match["code"])
            ] += 1
    return found


def differences(expected: Expected, actual: Expected) -> str:
    lines = []
    for name in sorted(set(expected) | set(actual)):
        want, got = expected.get(name, Counter()), actual.get(name, Counter())
        for line, code in sorted((want - got).elements()):
            lines.append(f"{name}:{line}: {code} announced but not reported")
        for line, code in sorted((got - want).elements()):
            lines.append(f"{name}:{line}: {code} reported but not announced")
    return "\n".join(lines)


def test_examples_come_in_bad_and_fixed_pairs():
    names = {path.name for path in example_files()}
    fixed = {name for name in names if name.endswith("_fixed.py")}
    bad = names - fixed
    assert len(bad) >= 10
    assert {name.removesuffix(".py") + "_fixed.py" for name in bad} == fixed
    for name in sorted(bad):
        assert marked(EXAMPLES / name), f"{name} announces no finding"
    for name in sorted(fixed):
        assert not marked(EXAMPLES / name), f"{name} is a repair and must announce nothing"


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("report1_mnist_sigmoid.py", ["LRC101", "LRC201"]),
        ("report2_signs_learning_rate.py", ["LRC301"]),
    ],
)
def test_each_report_announces_exactly_its_diagnosis(name: str, codes: list[str]):
    assert sorted(code for _, code in marked(EXAMPLES / name).elements()) == codes


def test_the_examples_show_every_rule_of_the_catalog():
    shown = {code for path in example_files() for _, code in marked(path)}
    catalog = {f"LRC10{n}" for n in range(1, 10)} | {"LRC201", "LRC202", "LRC203"}
    catalog |= {"LRC301", "LRC302", "LRC401", "LRC402", "LRC403", "LRC404"}
    assert sorted(catalog - shown) == []


def test_every_announced_code_is_a_registered_rule():
    announced = {code for path in example_files() for _, code in marked(path)}
    missing = sorted(announced - set(all_rules()))
    assert not missing, f"the examples announce codes no rule module defines yet: {missing}"


def test_readme_table_lists_every_example_with_its_codes():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([\w.]+\.py)` \| ([^|]+) \|", readme, flags=re.MULTILINE))
    bad = [path for path in example_files() if not path.name.endswith("_fixed.py")]
    assert set(rows) == {path.name for path in bad}
    for path in bad:
        announced = {code for _, code in marked(path)}
        assert set(re.findall(r"LRC\d{3}", rows[path.name])) == announced, path.name


def test_cli_reports_exactly_the_announced_findings(capsys: pytest.CaptureFixture[str]):
    status = main(["--no-cache", str(EXAMPLES)])
    out, err = capsys.readouterr()
    assert err == ""
    expected = expected_findings()
    assert status == (1 if any(expected.values()) else 0)
    assert parse_text(out) == expected, differences(expected, parse_text(out)) + "\n" + out
    files = len(example_files())
    total = sum(sum(c.values()) for c in expected.values())
    noun = "finding" if total == 1 else "findings"
    assert f"Found {total} {noun} in {files} checked file(s)." in out


def test_cli_json_output_agrees_with_the_announcements(capsys: pytest.CaptureFixture[str]):
    main(["--no-cache", "--output-format", "json", str(EXAMPLES)])
    records = json.loads(capsys.readouterr().out)
    found: Expected = {path.name: Counter() for path in example_files()}
    for record in records:
        found[Path(record["path"]).name][(record["line"], record["code"])] += 1
        assert record["message"] and "\n" not in record["message"]
    assert found == expected_findings(), differences(expected_findings(), found)


def test_fixed_programs_are_silent(capsys: pytest.CaptureFixture[str]):
    fixed = [str(path) for path in example_files() if path.name.endswith("_fixed.py")]
    assert main(["--no-cache", *fixed]) == 0
    assert capsys.readouterr().out == "All checks passed!\n"


def _console_script() -> str:
    name = "lrcheck.exe" if os.name == "nt" else "lrcheck"
    script = Path(sys.executable).with_name(name)
    found = str(script) if script.is_file() else shutil.which("lrcheck")
    if found is None:
        pytest.skip("the lrcheck console script is not installed in this environment")
    return found


def test_console_script_reports_exactly_the_announced_findings():
    completed = subprocess.run(
        [_console_script(), "--no-cache", "examples"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    expected = expected_findings()
    assert completed.returncode == 1, completed.stderr
    assert completed.stderr == ""
    found = parse_text(completed.stdout)
    assert found == expected, differences(expected, found)
    # Paths are shown as given on the command line, relative to where lrcheck runs.
    flagged = [line for line in completed.stdout.splitlines() if TEXT_LINE.match(line)]
    assert flagged and all(line.startswith("examples/") for line in flagged)
