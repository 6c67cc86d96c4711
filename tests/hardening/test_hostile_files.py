"""The hostile corpus: every file gets its one clear result, the run goes on, nothing crashes.

Through the engine (one `FileResult` per file), and through the ``lrcheck`` command in every
output format, with the cache, with worker processes and with fixes: exit status 1 (findings),
no traceback, no internal error, and no hostile file changed by ``--unsafe-fixes``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pytest_lrcheck.cli import main
from pytest_lrcheck.config import Config
from pytest_lrcheck.lint import runner
from pytest_lrcheck.lint.api import collect_files
from pytest_lrcheck.lint.engine import FileResult
from pytest_lrcheck.lint.runner import run
from tests.hardening.hostile_corpus import BIG_FILE, Case, build, can_deny_reading, generated_module

Invoke = tuple[int, str, str]
BAD_LR_FILE = "import keras\nopt = keras.optimizers.Adam(learning_rate=5.0)\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    root = tmp_path_factory.mktemp("hostile")
    return root, build(root, big=False)


def expected_findings(case: Case, last_line: int = 0) -> list[tuple[str, int | None, int]]:
    return [(code, cell, line if line > 0 else last_line) for code, cell, line in case.codes]


def assert_outcome(case: Case, result: FileResult, last_line: int = 0) -> None:
    assert result.internal_errors == (), result.internal_errors
    if case.outcome == "skipped":
        assert result.findings == ()
        assert result.skipped is not None and case.expect in result.skipped
        return
    if case.outcome == "lrc000":
        (finding,) = result.findings
        assert finding.code == "LRC000" and finding.cell is None
        assert case.expect in finding.message
        return
    assert result.skipped is None
    unreadable = [f for f in result.findings if f.code == "LRC000"]
    if case.lrc000_cell is None:
        assert unreadable == []
    else:
        (finding,) = unreadable
        assert finding.cell == case.lrc000_cell and case.expect in finding.message
    found = [(f.code, f.cell, f.span.line) for f in result.findings if f.code != "LRC000"]
    assert found == expected_findings(case, last_line)


def test_every_hostile_file_gets_its_one_result(corpus: tuple[Path, list[Case]]):
    root, cases = corpus
    outcome = run(collect_files([root]), Config(), jobs=1)
    by_name = {Path(result.path).name: result for result in outcome.results}
    assert len(cases) >= 40
    for case in cases:
        assert case.name in by_name, f"{case.name} was not checked"
        assert_outcome(case, by_name[case.name])
    # The directory link back to its parent is not followed: each file appears once.
    assert len(outcome.results) == len(by_name) == len(cases)


@pytest.fixture
def lrcheck(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.delenv("FORCE_COLOR", raising=False)

    def invoke(*args: str) -> Invoke:
        status = main(list(args))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return invoke


def records_by_file(output: str) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for record in json.loads(output):
        found.setdefault(Path(record["path"]).name, []).append(record)
    return found


def assert_command_output(cases: list[Case], status: int, out: str, err: str) -> None:
    assert status == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    records = records_by_file(out)
    for case in cases:
        got = records.get(case.name, [])
        if case.outcome == "skipped":
            assert got == [], case.name
        elif case.outcome == "lrc000":
            assert [r["code"] for r in got] == ["LRC000"], case.name
            assert case.expect in got[0]["message"]
        else:
            findings = [(r["code"], r["cell"], r["line"]) for r in got if r["code"] != "LRC000"]
            assert findings == expected_findings(case), case.name


def test_the_command_checks_the_corpus_and_exits_1(lrcheck, corpus):
    root, cases = corpus
    assert_command_output(cases, *lrcheck("--no-cache", "--output-format", "json", str(root)))


def test_a_5_mb_generated_module_is_checked_to_its_last_line(lrcheck, tmp_path: Path):
    path = tmp_path / BIG_FILE
    path.write_text(generated_module(), encoding="utf-8")
    assert path.stat().st_size >= 5 * 1024 * 1024
    status, out, err = lrcheck("--no-cache", "--output-format", "json", str(path))
    last_line = len(path.read_text(encoding="utf-8").splitlines())
    assert (status, err) == (1, "")
    assert [(r["code"], r["line"]) for r in json.loads(out)] == [("LRC301", last_line)]


@pytest.mark.parametrize("fmt", ["text", "concise", "sarif", "github"])
def test_every_output_format_gets_through_the_corpus(lrcheck, corpus, fmt: str):
    root, cases = corpus
    status, out, err = lrcheck("--no-cache", "--output-format", fmt, str(root))
    assert status == 1 and err == ""
    if fmt == "sarif":
        assert len(json.loads(out)["runs"][0]["results"]) >= len(cases) - 3
    lrc000 = [c for c in cases if c.outcome == "lrc000" or c.lrc000_cell is not None]
    for case in lrc000:
        assert case.name in out
    # Escape sequences in a file never reach the terminal raw, nor do lone surrogates.
    assert "\x1b" not in out
    assert not any(0xD800 <= ord(character) <= 0xDFFF for character in out)


def test_cache_and_worker_processes_give_the_same_results(lrcheck, corpus, tmp_path: Path):
    root, cases = corpus
    cache = str(tmp_path / "cache")
    first = lrcheck("--cache-dir", cache, "-j", "1", "--output-format", "json", str(root))
    assert_command_output(cases, *first)
    again = lrcheck("--cache-dir", cache, "-j", "1", "--output-format", "json", str(root))
    parallel = lrcheck("--no-cache", "-j", "2", "--output-format", "json", str(root))
    assert again == first
    assert parallel == first


def test_fixing_the_corpus_changes_only_what_it_can_fix(lrcheck, corpus, tmp_path: Path):
    root, cases = corpus
    copy = tmp_path / "copy"
    copy.mkdir()
    readable = [c for c in cases if (root / c.name).is_file() and os.access(root / c.name, os.R_OK)]
    for case in readable:
        (copy / case.name).write_bytes((root / case.name).read_bytes())
    status, out, err = lrcheck("--no-cache", "--unsafe-fixes", "--output-format", "json", str(copy))
    assert status == 1 and "Traceback" not in err and "internal error" not in err
    left = records_by_file(out)
    for case in readable:
        data = (copy / case.name).read_bytes()
        fixable = any(code == "LRC101" for code, _, _ in case.codes)
        if not fixable:
            assert data == (root / case.name).read_bytes(), f"{case.name} changed"
            continue
        # The fixable cell was fixed; a broken cell next to it was kept as it was.
        before, after = json.loads((root / case.name).read_bytes()), json.loads(data)
        changed = [
            n
            for n, (a, b) in enumerate(zip(before["cells"], after["cells"], strict=True), 1)
            if a != b
        ]
        assert changed == [case.codes[0][1]], case.name
        assert [r["code"] for r in left.get(case.name, [])] == (
            ["LRC000"] if case.lrc000_cell else []
        )
    assert sorted(p.name for p in copy.iterdir()) == sorted(c.name for c in readable)


def test_paths_named_on_the_command_line_get_one_result_each(lrcheck, corpus):
    root, cases = corpus
    special = [c.name for c in cases if not (root / c.name).is_file()]
    named = [str(root / name) for name in special] + [str(root / "bom.py"), str(root / "sub")]
    status, out, err = lrcheck("--no-cache", "--output-format", "json", *named)
    assert status == 1 and err == ""
    records = records_by_file(out)
    assert {name: [r["code"] for r in records[name]] for name in special} == {
        name: ["LRC000"] for name in special
    }
    assert [r["code"] for r in records["bom.py"]] == ["LRC301"]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null on this platform")
def test_a_device_named_on_the_command_line_is_not_read(lrcheck):
    status, out, err = lrcheck("--no-cache", "--output-format", "concise", "/dev/null")
    assert status == 1 and err == ""
    assert out.startswith("/dev/null:1:1: LRC000 cannot read the file: a character device")


def test_unreadable_file_is_one_lrc000_and_the_run_goes_on(lrcheck, tmp_path, monkeypatch):
    # chmod 000 does not stop root; denying the read where it happens does, for any user.
    (tmp_path / "secret.py").write_text("import keras\n", encoding="utf-8")
    bad_lr = "keras.optimizers.Adam(learning_rate=9.0)"
    (tmp_path / "bad.py").write_text(f"import keras\n{bad_lr}\n", encoding="utf-8")
    real = runner.read_source

    def deny(path: str | Path) -> bytes:
        if Path(path).name == "secret.py":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(runner, "read_source", deny)
    status, out, err = lrcheck("--no-cache", "--output-format", "concise", str(tmp_path))
    assert (status, err) == (1, "")
    assert out.splitlines()[:2] == [
        f"{tmp_path / 'bad.py'}:2:{bad_lr.index('9.0') + 1}: LRC301 Adam learning rate 9 is "
        "9,000x its default (0.001) and above 0.1, where training diverges or freezes at chance "
        "level; start from 0.001",
        f"{tmp_path / 'secret.py'}:1:1: LRC000 cannot read the file: Permission denied",
    ]


@pytest.mark.parametrize(
    ("files", "args", "status"),
    [
        ({"empty.py": "", "notes.ipynb": ""}, [], 0),
        ({"bad.py": "print 'keras'\n"}, [], 1),
        ({"bad.py": "print 'keras'\n"}, ["--exit-zero"], 0),
        ({"bad.py": "print 'keras'\n"}, ["--select", "LRC999"], 2),
    ],
)
def test_exit_status_stays_0_1_2(lrcheck, tmp_path, files, args, status):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = lrcheck("--no-cache", *args, str(tmp_path))
    assert result[0] == status
    assert "Traceback" not in result[2]


@pytest.mark.skipif(not can_deny_reading(), reason="root (or Windows) reads a file of mode 000")
def test_a_file_without_read_permission_is_one_lrc000(lrcheck, tmp_path: Path):
    (tmp_path / "locked.py").write_text("import keras\n", encoding="utf-8")
    (tmp_path / "locked.py").chmod(0)
    try:
        status, out, err = lrcheck("--no-cache", "--output-format", "concise", str(tmp_path))
    finally:
        (tmp_path / "locked.py").chmod(0o600)
    assert (status, err) == (1, "")
    assert out.startswith(f"{tmp_path / 'locked.py'}:1:1: LRC000 cannot read the file: Permission")


def test_a_directory_the_walk_cannot_list_is_reported_not_lost(lrcheck, tmp_path, monkeypatch):
    from pytest_lrcheck.lint import discovery

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.py").write_text("import keras\n", encoding="utf-8")
    (tmp_path / "bad.py").write_text(BAD_LR_FILE, encoding="utf-8")
    real_walk = os.walk

    def walk(top: str, onerror=None, **kwargs: object):
        # As os.walk does for a directory it may not list (root may list any).
        for directory, dirnames, filenames in real_walk(top, onerror=onerror, **kwargs):
            if "locked" in dirnames:
                dirnames.remove("locked")
                assert onerror is not None
                onerror(PermissionError(13, "Permission denied", os.path.join(directory, "locked")))
            yield directory, dirnames, filenames

    real_read = runner.read_source

    def read(path: str | Path) -> bytes:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(discovery.os, "walk", walk)
    monkeypatch.setattr(runner, "read_source", read)
    status, out, err = lrcheck("--no-cache", "--output-format", "concise", str(tmp_path))
    assert (status, err) == (1, "")
    assert f"{tmp_path / 'locked'}:1:1: LRC000 cannot read the file: Permission denied" in out
    assert f"{tmp_path / 'bad.py'}:2:" in out


@pytest.mark.skipif(
    not can_deny_reading(), reason="root (or Windows) lists a directory of mode 000"
)
def test_a_directory_without_permissions_is_one_lrc000(lrcheck, tmp_path: Path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.py").write_text("import keras\n", encoding="utf-8")
    (tmp_path / "locked").chmod(0)
    try:
        status, out, err = lrcheck("--no-cache", "--output-format", "concise", str(tmp_path))
    finally:
        (tmp_path / "locked").chmod(0o700)
    assert (status, err) == (1, "")
    assert out.startswith(f"{tmp_path / 'locked'}:1:1: LRC000 cannot read the file: Permission")
