"""The options a ruff user reaches for, with ruff's names and meaning."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from pytest_lrcheck import __version__
from pytest_lrcheck.cli import main
from tests.test_cli import BAD, GOOD, Run, write

# One safe fix (LRC302 renames lr=) and one finding without a fix (LRC301).
OLD_OPTIMIZER = """\
from tensorflow import keras

optimizer = keras.optimizers.SGD(lr=0.01)
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=5.0), loss="mse")
"""


@pytest.fixture
def lrcheck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run the command in-process in a fresh directory, with ``stdin`` as standard input."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)

    def invoke(*args: str, stdin: str | None = None) -> Run:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        status = main(["--no-cache", *args])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return invoke


def codes(run: Run) -> list[str]:
    return [record["code"] for record in json.loads(run.out)]


# --- rule selection -------------------------------------------------------------------------------
def test_select_on_the_command_line_overrides_the_configured_ignore(lrcheck):
    write("pyproject.toml", '[tool.lrcheck]\nignore = ["LRC101", "LRC301"]\n')
    write("bad.py", BAD)
    assert codes(lrcheck("--output-format", "json", "bad.py")) == []
    assert codes(lrcheck("--select", "LRC101", "--output-format", "json", "bad.py")) == ["LRC101"]
    # The command line's own --ignore still applies on top of its --select.
    selected = lrcheck("--select", "LRC1,LRC3", "--ignore", "LRC301", "--output-format", "json")
    assert codes(selected) == ["LRC101"]


# --- information ----------------------------------------------------------------------------------
def test_short_version_and_exit_zero(lrcheck, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exited:
        main(["-V"])
    assert exited.value.code == 0 and capsys.readouterr().out == f"lrcheck {__version__}\n"
    write("bad.py", BAD)
    assert lrcheck("bad.py").status == 1
    assert lrcheck("-e", "bad.py").status == 0


@pytest.mark.parametrize("name", ["unused-noqa", "unused_noqa", "UNUSED-NOQA", "LRC001"])
def test_explain_takes_a_rule_name_as_well_as_a_code(lrcheck, name: str):
    run = lrcheck("--explain", name)
    assert run.status == 0 and run.lines[0] == "# LRC001 unused-noqa"


def test_explain_of_a_misspelt_name_suggests_the_rule(lrcheck):
    run = lrcheck("--explain", "unused-noqas")
    assert run.status == 2
    assert run.err == (
        "lrcheck: error: unknown rule code 'unused-noqas' (did you mean 'unused-noqa'?) "
        "(see --list-rules)\n"
    )


def test_show_files_lists_what_would_be_checked_and_checks_nothing(lrcheck):
    write("src/a.py", BAD)
    write("src/b.ipynb", "{}")
    write("src/notes.txt", "")
    write("build/c.py", BAD)
    run = lrcheck("--show-files", ".")
    assert (run.status, run.lines) == (0, ["src/a.py", "src/b.ipynb"])


def test_show_settings_shows_the_command_line_on_top_of_the_file(lrcheck):
    write("pyproject.toml", '[tool.lrcheck]\nignore = ["LRC301"]\nextend-exclude = ["legacy"]\n')
    run = lrcheck("--show-settings", "--select", "LRC1")
    assert run.status == 0
    settings = {key.strip(): value for key, value in (line.split(" = ", 1) for line in run.lines)}
    assert settings["configuration file"].endswith("pyproject.toml")
    assert json.loads(settings["select"]) == ["LRC1"]
    assert json.loads(settings["ignore"]) == []  # replaced by the command line's --select
    assert json.loads(settings["extend-exclude"]) == ["legacy"]
    assert json.loads(settings["respect-gitignore"]) is True
    enabled = json.loads(settings["enabled rules"])
    assert "LRC101" in enabled and "LRC000" in enabled and "LRC201" not in enabled


# --- output ---------------------------------------------------------------------------------------
def test_output_file_takes_the_report(lrcheck):
    write("bad.py", BAD)
    run = lrcheck("--output-format", "json", "--output-file", "out/report.json", "bad.py")
    assert (run.status, run.out) == (1, "")
    records = json.loads(Path("out/report.json").read_text(encoding="utf-8"))
    assert [r["code"] for r in records] == ["LRC101", "LRC301"]
    text = lrcheck("-o", "report.txt", "bad.py")
    assert text.out == "" and "Found 2 findings" in Path("report.txt").read_text()
    assert "\033[" not in Path("report.txt").read_text()


def test_an_output_file_that_cannot_be_written_is_a_clear_error(lrcheck):
    write("bad.py", BAD)
    write("taken", "a file, not a directory")
    run = lrcheck("--output-file", "taken/report.txt", "bad.py")
    assert run.status == 2
    assert run.err.startswith("lrcheck: error: cannot write the output file taken/report.txt: ")
    assert "Traceback" not in run.err


def test_statistics_in_sarif_keep_the_results_and_add_the_counts(lrcheck):
    write("bad.py", BAD)
    log = json.loads(lrcheck("--statistics", "--output-format", "sarif", "bad.py").out)
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["LRC101", "LRC301"]
    assert [(row["code"], row["count"]) for row in run["properties"]["statistics"]] == [
        ("LRC101", 1),
        ("LRC301", 1),
    ]


def test_statistics_for_github_are_notices(lrcheck):
    write("bad.py", BAD)
    run = lrcheck("--statistics", "--output-format", "github", "bad.py")
    assert run.lines == [
        "::notice title=lrcheck statistics::1 LRC101 categorical-crossentropy-without-softmax",
        "::notice title=lrcheck statistics::1 LRC301 learning-rate-too-high",
    ]
    concise = lrcheck("--statistics", "--output-format", "concise", "bad.py")
    assert concise.lines[0].split() == ["1", "LRC101", "categorical-crossentropy-without-softmax"]


# --- fixes ----------------------------------------------------------------------------------------
def test_diff_without_safe_fixes_says_how_to_get_the_unsafe_ones(lrcheck):
    write("bad.py", BAD)
    run = lrcheck("--diff", "bad.py")
    assert (run.status, run.out) == (0, "")
    assert run.err == (
        "No fixes available (1 hidden fix can be enabled with the --unsafe-fixes option).\n"
    )


def test_fix_only_fixes_and_neither_reports_nor_fails_on_the_rest(lrcheck):
    write("train.py", OLD_OPTIMIZER)
    run = lrcheck("--fix-only", "train.py")
    assert (run.status, run.out) == (0, "Fixed 1 finding in 1 file(s).\n")
    assert "SGD(learning_rate=0.01)" in Path("train.py").read_text()
    assert lrcheck("--fix-only", "train.py").out == "No fixes applied.\n"
    write("train.py", OLD_OPTIMIZER)
    assert lrcheck("--fix-only", "--exit-non-zero-on-fix", "train.py").status == 1


def test_show_fixes_lists_what_was_fixed(lrcheck):
    write("train.py", OLD_OPTIMIZER)
    run = lrcheck("--fix", "--show-fixes", "train.py")
    assert run.status == 1  # LRC301 is left
    assert run.out.endswith(
        "Fixed 1 finding:\n- train.py:\n    1 \u00d7 LRC302 (removed-optimizer-argument)\n"
    )


def test_add_noqa_silences_every_finding_where_it_is(lrcheck):
    write("bad.py", BAD)
    write("pyproject.toml", "[tool.lrcheck]\n")
    run = lrcheck("--add-noqa", ".")
    assert run.status == 0 and run.err == "Added 2 noqa directives to 1 file(s).\n"
    lines = Path("bad.py").read_text().splitlines()
    assert lines[2].endswith('"sigmoid")])  # noqa: LRC101')
    assert lines[3].endswith('loss="categorical_crossentropy")  # noqa: LRC301')
    assert lrcheck(".").out == "All checks passed!\n"
    assert lrcheck("--add-noqa", ".").err == "Added 0 noqa directives to 0 file(s).\n"


def test_add_noqa_in_a_notebook_cell(lrcheck):
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": BAD.splitlines(keepends=True)}  # fmt: skip
    document = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    write("explore.ipynb", json.dumps(document, indent=1) + "\n")
    assert lrcheck("--add-noqa", "explore.ipynb").status == 0
    source = "".join(json.loads(Path("explore.ipynb").read_text())["cells"][0]["source"])
    assert source.count("# noqa: LRC") == 2
    assert lrcheck("explore.ipynb").out == "All checks passed!\n"


# --- standard input -------------------------------------------------------------------------------
def test_stdin_is_checked_under_its_file_name(lrcheck):
    run = lrcheck("-", stdin=BAD)
    assert run.status == 1 and run.lines[0].startswith("-:3:85: LRC101 ")
    assert run.lines[2].startswith("3 | model = keras.Sequential(")  # the excerpt is from stdin
    named = lrcheck("--stdin-filename", "src/train.py", "--output-format", "concise", stdin=BAD)
    assert named.lines[0].startswith("src/train.py:3:85: LRC101 ")
    assert lrcheck("-", stdin=GOOD).out == "All checks passed!\n"


def test_stdin_follows_the_configuration_for_its_name(lrcheck):
    write(
        "pyproject.toml",
        '[tool.lrcheck]\nextend-exclude = ["legacy"]\n'
        '[tool.lrcheck.per-file-ignores]\n"tests/*" = ["LRC301"]\n',
    )
    args = ("--output-format", "json", "--stdin-filename")
    assert codes(lrcheck(*args, "tests/test_x.py", "-", stdin=BAD)) == ["LRC101"]
    # Excluded names are checked unless --force-exclude, as in ruff (editors pass it).
    assert codes(lrcheck(*args, "legacy/old.py", "-", stdin=BAD)) == ["LRC101", "LRC301"]
    excluded = lrcheck("--force-exclude", *args, "legacy/old.py", "-", stdin=BAD)
    assert (excluded.status, excluded.out) == (0, "[]\n")


def test_stdin_fix_prints_the_fixed_source_and_the_rest_on_stderr(lrcheck):
    run = lrcheck("--fix", "--stdin-filename", "train.py", stdin=OLD_OPTIMIZER)
    assert run.status == 1
    assert run.out == OLD_OPTIMIZER.replace("lr=", "learning_rate=")
    assert "train.py:5:61: LRC301 " in run.err and "1 fixed, 1 remaining" in run.err
    assert not Path("train.py").exists()  # nothing is written
    only = lrcheck("--fix-only", "-", stdin=OLD_OPTIMIZER)
    assert (only.status, only.out, only.err) == (0, run.out, "")
    diff = lrcheck("--diff", "--stdin-filename", "train.py", stdin=OLD_OPTIMIZER)
    assert diff.status == 1 and diff.out.startswith("--- train.py\n+++ train.py\n")


def test_stdin_fix_excerpts_come_from_the_fixed_source(lrcheck):
    # One line, two findings: the fix renames lr=, the rate is still too high.
    run = lrcheck("--fix", "-", stdin="import keras\n\nopt = keras.optimizers.SGD(lr=50.0)\n")
    assert run.out.endswith("SGD(learning_rate=50.0)\n")
    assert "-:3:42: LRC301 " in run.err
    assert "3 | opt = keras.optimizers.SGD(learning_rate=50.0)" in run.err


def test_stdin_gets_its_source_back_when_fixing_fails(lrcheck, monkeypatch: pytest.MonkeyPatch):
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr("pytest_lrcheck.lint.autofix.fix_data", broken)
    run = lrcheck("--fix", "-", stdin=OLD_OPTIMIZER)
    assert (run.status, run.out) == (2, OLD_OPTIMIZER)
    assert run.err == "lrcheck: internal error: -: fixing failed: RuntimeError('a bug')\n"


def test_stdin_with_other_paths_or_add_noqa_is_a_usage_error(lrcheck):
    write("good.py", GOOD)
    mixed = lrcheck("-", "good.py", stdin=GOOD)
    assert mixed.status == 2 and "cannot be combined" in mixed.err
    noqa = lrcheck("--add-noqa", "-", stdin=GOOD)
    assert noqa.status == 2 and "--add-noqa" in noqa.err


# --- .gitignore -----------------------------------------------------------------------------------
def test_gitignored_files_are_skipped_unless_told_otherwise(lrcheck):
    subprocess.run(["git", "init", "-q"], check=True)
    write(".gitignore", "generated/\n*_scratch.py\n")
    write("src/train.py", BAD)
    write("src/try_scratch.py", BAD)
    write("generated/model.py", BAD)
    assert lrcheck("--show-files", ".").lines == ["src/train.py"]
    everything = lrcheck("--show-files", "--no-respect-gitignore", ".").lines
    assert everything == ["generated/model.py", "src/train.py", "src/try_scratch.py"]
    # A file named on the command line is checked, unless --force-exclude (as in ruff).
    assert lrcheck("--show-files", "src/try_scratch.py").lines == ["src/try_scratch.py"]
    assert lrcheck("--show-files", "--force-exclude", "generated/model.py").lines == []


def test_without_a_repository_gitignore_means_nothing(lrcheck):
    write(".gitignore", "*.py\n")
    write("train.py", BAD)
    assert lrcheck("--show-files", ".").lines == ["train.py"]
