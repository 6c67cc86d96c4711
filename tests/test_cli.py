"""The ``lrcheck`` command as a user sees it: output, exit status, configuration, cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pytest_lrcheck.cli import main

DATA = Path(__file__).resolve().parent / "data"

BAD = """\
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=5.0), loss="categorical_crossentropy")
"""
GOOD = BAD.replace('"sigmoid"', '"softmax"').replace("5.0", "0.001")


class Run:
    def __init__(self, status: int, out: str, err: str) -> None:
        self.status, self.out, self.err = status, out, err

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


@pytest.fixture
def lrcheck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run the command in-process in a fresh directory; returns status, stdout and stderr."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def invoke(*args: str) -> Run:
        status = main(list(args))
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return invoke


def write(path: str, text: str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def test_clean_tree(lrcheck):
    write("src/good.py", GOOD)
    run = lrcheck("src")
    assert (run.status, run.out, run.err) == (0, "All checks passed!\n", "")


def test_findings_exit_1_with_excerpts_and_a_summary(lrcheck):
    write("src/bad.py", BAD)
    write("src/good.py", GOOD)
    run = lrcheck("src")
    assert run.status == 1 and run.err == ""
    assert run.lines[0].startswith("src/bad.py:3:85: LRC101 categorical_crossentropy expects")
    assert run.lines[2].startswith("3 | model = keras.Sequential(")
    assert run.lines[3].endswith("^^^^^^^^^")
    assert any(
        line.startswith("src/bad.py:4:61: LRC301 Adam learning rate 5") for line in run.lines
    )
    assert run.lines[-2:] == [
        "Found 2 findings in 2 checked file(s).",
        "1 more fixable with --unsafe-fixes (they change what the code does).",
    ]


def test_exit_zero_quiet_and_statistics(lrcheck):
    write("bad.py", BAD)
    assert lrcheck("--exit-zero", "bad.py").status == 0
    quiet = lrcheck("-q", "--output-format", "concise", "bad.py")
    assert quiet.status == 1 and len(quiet.lines) == 2 and "Found" not in quiet.out
    write("good.py", GOOD)
    assert lrcheck("--quiet", "good.py").out == ""
    stats = lrcheck("--statistics", "bad.py")
    assert stats.lines == [
        "1  LRC101      categorical-crossentropy-without-softmax",
        "1  LRC301      learning-rate-too-high",
    ]
    as_json = json.loads(lrcheck("--statistics", "--output-format", "json", "bad.py").out)
    assert [(row["code"], row["count"]) for row in as_json] == [("LRC101", 1), ("LRC301", 1)]


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["--select", "LRC1"], ["LRC101"]),
        (["--ignore", "LRC101"], ["LRC301"]),
        (["--select", "LRC101", "--extend-select", "lrc301"], ["LRC101", "LRC301"]),
        (["--select", "ALL", "--ignore", "LRC1,LRC3"], []),
    ],
)
def test_rule_selection_on_the_command_line(lrcheck, args: list[str], codes: list[str]):
    write("bad.py", BAD)
    records = json.loads(lrcheck(*args, "--output-format", "json", "bad.py").out)
    assert [r["code"] for r in records] == codes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "LRC9"], "unknown rule code or prefix 'LRC9' in --select"),
        (["--ignore", "E501"], "unknown rule code or prefix 'E501' in --ignore"),
        (["missing.py"], "no such file or directory: missing.py"),
        (["--explain", "LRC999"], "unknown rule code 'LRC999'"),
        (["--config", "nope.toml", "."], "config file not found: nope.toml"),
    ],
)
def test_usage_errors_exit_2_with_one_line(lrcheck, args: list[str], message: str):
    run = lrcheck(*args)
    assert run.status == 2 and run.out == ""
    assert run.err == f"lrcheck: error: {message}" + (
        " (see --list-rules)\n" if "code" in message else "\n"
    )


def test_bad_argument_is_a_usage_error(lrcheck, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exited:
        main(["--output-format", "xml"])
    assert exited.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_configuration_from_pyproject(lrcheck):
    write(
        "pyproject.toml",
        '[tool.lrcheck]\nignore = ["LRC301"]\n\n'
        '[tool.lrcheck.per-file-ignores]\n"legacy/*" = ["LRC101"]\n',
    )
    write("src/bad.py", BAD)
    write("legacy/old.py", BAD)
    run = lrcheck("--output-format", "concise", ".")
    flagged = [line.split(": ")[0] for line in run.lines if ": LRC" in line]
    assert flagged == ["src/bad.py:3:85"]  # LRC301 ignored, legacy/ ignores LRC101
    assert "LRC101" in run.out and "LRC301" not in run.out


def test_configuration_mistake_names_the_key(lrcheck):
    write("pyproject.toml", '[tool.lrcheck]\nselekt = ["LRC1"]\n')
    write("bad.py", BAD)
    run = lrcheck("bad.py")
    assert run.status == 2
    assert run.err.startswith("lrcheck: error: ")
    assert (
        "pyproject.toml: [tool.lrcheck]: unknown key 'selekt' (did you mean 'select'?)" in run.err
    )


def test_explicit_config_file(lrcheck):
    write("ci/lrcheck.toml", 'select = ["LRC3"]\n')
    write("bad.py", BAD)
    records = json.loads(
        lrcheck("--config", "ci/lrcheck.toml", "--output-format", "json", "bad.py").out
    )
    assert [r["code"] for r in records] == ["LRC301"]


def test_explain_prints_the_document_as_text_or_json(lrcheck):
    text = lrcheck("--explain", "lrc101")
    assert text.status == 0
    assert text.lines[0] == "# LRC101 categorical-crossentropy-without-softmax"
    assert "## Fix safety" in text.out
    record = json.loads(lrcheck("--explain", "LRC201", "--output-format", "json").out)
    assert record["code"] == "LRC201" and record["fix"] == "unsafe" and record["kind"] == "static"
    assert record["sections"]["Fix safety"].startswith("The fix is **unsafe**")


def test_list_rules_shows_fixability_and_what_the_config_enables(lrcheck):
    write("pyproject.toml", '[tool.lrcheck]\nignore = ["LRC301"]\n')
    run = lrcheck("--list-rules")
    assert run.status == 0
    assert run.lines[0].split() == ["code", "name", "kind", "fix", "enabled"]
    rows = {line.split()[0]: line.split() for line in run.lines[1:]}
    assert rows["LRC101"][1:] == [
        "categorical-crossentropy-without-softmax",
        "static",
        "unsafe",
        "yes",
    ]
    assert rows["LRC301"][1:] == ["learning-rate-too-high", "static", "-", "no"]
    records = json.loads(lrcheck("--list-rules", "--select", "LRC2", "--output-format", "json").out)
    enabled = {r["code"]: r["enabled"] for r in records}
    assert enabled["LRC201"] is True and enabled["LRC101"] is False and enabled["LRC000"] is True


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_machine_formats_print_no_summary(lrcheck, fmt: str):
    write("bad.py", BAD)
    run = lrcheck("--output-format", fmt, "bad.py")
    assert run.status == 1 and "Found" not in run.out and run.err == ""
    if fmt in ("json", "sarif"):
        json.loads(run.out)


def test_unreadable_file_is_one_finding_and_the_run_goes_on(lrcheck):
    write("broken.py", "import keras\nprint 'hello'\n")
    write("notebook.ipynb", '{"cells": [ keras')
    write("bad.py", BAD)
    run = lrcheck("--output-format", "concise", ".")
    codes = [line.split(": ")[1].split()[0] for line in run.lines if ": LRC" in line]
    assert codes == ["LRC101", "LRC301", "LRC000", "LRC000"]
    assert "broken.py:2:1: LRC000 cannot parse: Missing parentheses" in run.out
    assert "notebook.ipynb:1:1: LRC000 not valid JSON" in run.out


def test_internal_error_exits_2_and_other_files_still_report(lrcheck, monkeypatch):
    from pytest_lrcheck.lint.rules import lrc301_learning_rate_too_high as module

    def broken(self, facts):
        raise RuntimeError("boom")
        yield

    monkeypatch.setattr(module.LearningRateTooHigh, "check", broken)
    write("bad.py", BAD)
    run = lrcheck("--no-cache", "bad.py")
    assert run.status == 2
    assert "bad.py:3:85: LRC101" in run.out
    assert "lrcheck: internal error: bad.py: LRC301 failed: RuntimeError: boom" in run.err


def test_colour_follows_force_color_and_no_color(lrcheck, monkeypatch):
    write("bad.py", BAD)
    assert "\033[" not in lrcheck("bad.py").out  # not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\033[31m" in lrcheck("bad.py").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in lrcheck("bad.py").out


def test_notebook_of_the_first_report_names_cells(lrcheck):
    shutil.copy(DATA / "report1_mnist_sigmoid.ipynb", "report.ipynb")
    run = lrcheck("--output-format", "concise", "report.ipynb")
    assert run.status == 1
    assert [
        line.split(": ")[0] + ": " + line.split(": ")[1].split()[0] for line in run.lines[:2]
    ] == [
        "report.ipynb:cell 5:4:32: LRC101",
        "report.ipynb:cell 6:1:21: LRC201",
    ]
    assert "mnist.load_data() (cell 3, line 1)" in run.lines[1]


def test_cache_lives_next_to_the_config_and_can_be_bypassed(lrcheck, tmp_path: Path):
    write("pyproject.toml", "[tool.lrcheck]\n")
    write("src/bad.py", BAD)
    cold = lrcheck("src")
    cache = tmp_path / ".lrcheck_cache"
    assert (cache / "CACHEDIR.TAG").is_file() and (cache / ".gitignore").read_text().endswith("*\n")
    warm = lrcheck("src")
    assert (warm.status, warm.out) == (cold.status, cold.out)
    shutil.rmtree(cache)
    assert lrcheck("--no-cache", "src").out == cold.out
    assert not cache.exists()
    lrcheck("--cache-dir", "elsewhere", "src")
    assert Path("elsewhere/CACHEDIR.TAG").is_file() and not cache.exists()


def test_force_exclude_applies_exclusions_to_named_files(lrcheck):
    write("pyproject.toml", '[tool.lrcheck]\nextend-exclude = ["generated"]\n')
    write("generated/model.py", BAD)
    assert lrcheck("generated/model.py").status == 1
    forced = lrcheck("--force-exclude", "generated/model.py")
    assert (forced.status, forced.out) == (0, "All checks passed!\n")
    assert (
        lrcheck("--extend-exclude", "model.py", "--force-exclude", "generated/model.py").status == 0
    )


def test_parallel_run_prints_the_same(lrcheck):
    for number in range(12):
        write(f"pkg/m{number:02d}.py", BAD if number % 3 else GOOD)
    serial = lrcheck("--no-cache", "-j", "1", "pkg")
    parallel = lrcheck("--no-cache", "-j", "3", "pkg")
    assert parallel.out == serial.out and serial.status == 1


def test_checking_never_imports_tensorflow_keras_or_libcst(tmp_path: Path):
    import subprocess
    import sys

    shutil.copy(DATA / "report1_mnist_sigmoid.ipynb", tmp_path / "report.ipynb")
    write(str(tmp_path / "bad.py"), BAD)
    probe = (
        "import sys\n"
        "from pytest_lrcheck.cli import main\n"
        "status = main(['--output-format', 'sarif', '-j', '2', '.'])\n"
        "heavy = sorted(m for m in ('tensorflow', 'keras', 'libcst') if m in sys.modules)\n"
        "print('HEAVY', heavy, status, file=sys.stderr)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert completed.stderr.strip().splitlines()[-1] == "HEAVY [] 1"
    results = json.loads(completed.stdout)["runs"][0]["results"]
    found = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"])
        for r in results
    }
    assert found >= {("bad.py", "LRC101"), ("report.ipynb", "LRC101"), ("report.ipynb", "LRC201")}


def test_no_all_checks_passed_beside_an_internal_error(lrcheck, monkeypatch: pytest.MonkeyPatch):
    from pytest_lrcheck.lint import runner

    def crash(data: bytes, display: str, rules: object, **options: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(runner, "check_bytes", crash)
    write("train.py", GOOD)
    run = lrcheck("--no-cache", "train.py")
    assert run.status == 2
    assert "All checks passed!" not in run.out
    assert run.out == "No findings, but 1 of 1 file(s) could not be checked.\n"
    assert run.err == "lrcheck: internal error: train.py: RuntimeError: boom\n"


@pytest.mark.parametrize("selection", ["", ",", " , "])
def test_an_empty_select_is_a_usage_error_not_every_rule_off(lrcheck, selection: str):
    write("train.py", BAD)
    run = lrcheck("--select", selection, "train.py")
    assert run.status == 2 and "--select needs at least one rule code or prefix" in run.err


def test_output_that_cannot_be_written_is_a_plain_error(
    lrcheck, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    import io
    import sys

    class FullDisk(io.StringIO):
        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    write("train.py", BAD)
    monkeypatch.setattr(sys, "stdout", FullDisk())
    assert main(["--no-cache", "train.py"]) == 2
    monkeypatch.setattr(sys, "stdout", None)  # started with stdout closed
    assert main(["--no-cache", "train.py"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "lrcheck: error: cannot write the output: No space left on device\n"
        "lrcheck: error: cannot write the output: standard output is closed\n"
    )


def test_a_line_break_in_a_file_name_does_not_split_the_diff_header(lrcheck):
    write("new\nline.py", BAD)
    run = lrcheck("--no-cache", "--diff", "--unsafe-fixes", "new\nline.py")
    assert run.out.startswith("--- new\ufffdline.py\n+++ new\ufffdline.py\n")


def test_file_names_and_file_content_reach_the_terminal_sanitised(lrcheck):
    name = "x\x1b[2J\u202e.py"
    write(name, BAD + "# \x1b[31mPWNED\n")
    for args in (("--diff", "--unsafe-fixes"), ("--output-format", "github"), ()):
        run = lrcheck("--no-cache", *args, name)
        assert "\x1b" not in run.out + run.err and "\u202e" not in run.out + run.err
        assert "x\ufffd[2J\ufffd.py" in run.out


def test_imports_of_the_project_are_followed_unless_told_not_to(lrcheck):
    write(
        "model.py",
        "from tensorflow import keras\n\ndef build():\n"
        "    return keras.Sequential([keras.layers.Dense(10, activation='sigmoid')])\n",
    )
    write("train.py", "from model import build\nbuild().compile(loss='categorical_crossentropy')\n")
    run = lrcheck("--no-cache", "train.py")
    assert run.status == 1
    assert "model.py:4:64: LRC101" in run.out and "(reached from train.py:2)" in run.out
    alone = lrcheck("--no-cache", "--no-follow-imports", "train.py")
    assert alone.status == 0 and "LRC101" not in alone.out


def test_the_configuration_can_turn_following_imports_off(lrcheck):
    write(
        "model.py",
        "from tensorflow import keras\n\ndef build():\n"
        "    return keras.Sequential([keras.layers.Dense(10, activation='sigmoid')])\n",
    )
    write("train.py", "from model import build\nbuild().compile(loss='categorical_crossentropy')\n")
    write("pyproject.toml", "[tool.lrcheck]\nfollow-imports = false\n")
    alone = lrcheck("--no-cache", "train.py")
    assert alone.status == 0 and "LRC101" not in alone.out
    write("pyproject.toml", "[tool.lrcheck]\nfollow-imports = true\n")
    assert "(reached from train.py:2)" in lrcheck("--no-cache", "train.py").out


def test_add_noqa_puts_a_finding_on_an_imported_module_in_that_module(lrcheck):
    model = write(
        "model.py",
        "from tensorflow import keras\n\ndef build():\n"
        "    return keras.Sequential([keras.layers.Dense(10, activation='sigmoid')])\n",
    )
    train = write(
        "train.py", "from model import build\nbuild().compile(loss='categorical_crossentropy')\n"
    )
    before = train.read_text(encoding="utf-8")
    run = lrcheck("--no-cache", "--add-noqa", "train.py")
    assert run.status == 0 and "Added 1 noqa directive to 1 file(s)." in run.err
    assert train.read_text(encoding="utf-8") == before
    assert "activation='sigmoid')])  # noqa: LRC101\n" in model.read_text(encoding="utf-8")
    assert lrcheck("--no-cache", "train.py").status == 0
