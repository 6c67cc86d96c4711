"""``--fix``, ``--unsafe-fixes`` and ``--diff`` as a user runs them."""

from __future__ import annotations

import ast
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from pytest_lrcheck.cli import main
from pytest_lrcheck.lint import engine, fixer, registry
from pytest_lrcheck.lint.rule import FixRequest, Report, Rule
from tests.reports import REPORT_1

DATA = Path(__file__).resolve().parent / "data"

REPORT = REPORT_1


class LiteralSeven(Rule):
    """A rule with a safe fix, for testing: the integer 7 becomes 7.0."""

    code = "LRC998"
    name = "literal-seven"
    severity = "warning"
    fix_safety = "safe"

    def check(self, facts: Any) -> Iterator[Report]:
        for node in ast.walk(facts.tree):
            if isinstance(node, ast.Constant) and type(node.value) is int and node.value == 7:
                yield Report(node, "write 7.0", FixRequest("Write 7.0", node, "Integer", "safe"))

    def rewrite(self, node: Any, fix: Any) -> Any:
        import libcst as cst

        return cst.Float("7.0")


@pytest.fixture(autouse=True)
def with_a_safe_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = MappingProxyType({**registry.all_rules(), "LRC998": LiteralSeven})
    for module in (registry, engine, fixer):
        monkeypatch.setattr(module, "all_rules", lambda: rules)


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)

    def invoke(*args: str) -> tuple[int, str, str]:
        status = main(["--no-cache", *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return invoke


def test_fix_applies_safe_fixes_only(run):
    Path("report.py").write_text(REPORT)
    status, out, _ = run("report.py")
    assert "report.py:20:80: LRC998 [*] write 7.0" in out
    assert "[*] 1 fixable with --fix." in out
    status, out, err = run("--fix", "report.py")
    assert status == 1 and err == ""
    text = Path("report.py").read_text()
    assert "epochs=7.0)" in text and '"sigmoid"' in text and "/ 255.0" not in text
    assert out.endswith("Found 3 findings in 1 checked file(s) (1 fixed, 2 remaining).\n")
    assert "LRC101" in out and "LRC201" in out and "LRC998" not in out


def test_unsafe_fixes_repair_the_first_report_and_a_second_run_is_a_no_op(run):
    path = Path("report.py")
    path.write_text(REPORT)
    status, out, _ = run("--unsafe-fixes", "report.py")
    assert (status, out) == (0, "Found 3 findings in 1 checked file(s) (3 fixed, 0 remaining).\n")
    fixed = path.read_bytes()
    assert b'activation="softmax"' in fixed and b"x_test = x_test / 255.0\n" in fixed
    assert run("report.py")[:2] == (0, "All checks passed!\n")
    stamp = path.stat().st_mtime_ns
    assert run("--unsafe-fixes", "report.py")[:2] == (0, "All checks passed!\n")
    assert path.read_bytes() == fixed and path.stat().st_mtime_ns == stamp


def test_diff_shows_the_fixes_and_writes_nothing(run):
    Path("report.py").write_text(REPORT)
    status, out, err = run("--diff", "report.py")
    assert status == 1 and err == (
        "Would fix 1 finding in 1 file(s) "
        "(2 hidden fixes can be enabled with the --unsafe-fixes option).\n"
    )
    assert out.startswith("--- report.py\n+++ report.py\n")
    assert (
        "-history = model.fit(x_train, y_train, validation_data=(x_test, y_test), epochs=7)\n"
        in out
    )
    assert (
        "+history = model.fit(x_train, y_train, validation_data=(x_test, y_test), epochs=7.0)\n"
        in out
    )
    status, out, err = run("--diff", "--unsafe-fixes", "report.py")
    assert (
        "+x_train = x_train / 255.0\n" in out
        and '+model.add(Dense(10, activation="softmax"))\n' in out
    )
    assert err == "Would fix 3 findings in 1 file(s).\n"
    assert Path("report.py").read_text() == REPORT
    Path("good.py").write_text("import keras\n")
    assert run("--diff", "good.py") == (0, "", "No fixes available.\n")


def test_noqa_and_per_file_ignores_keep_fixes_away(run):
    Path("pyproject.toml").write_text('[tool.lrcheck.per-file-ignores]\n"keep_*.py" = ["LRC201"]\n')
    Path("keep_pixels.py").write_text(REPORT.replace('"sigmoid"))', '"sigmoid"))  # noqa: LRC101'))
    status, out, _ = run("--unsafe-fixes", "keep_pixels.py")
    text = Path("keep_pixels.py").read_text()
    assert '"sigmoid"' in text and "/ 255.0" not in text and "epochs=7.0" in text
    assert (status, out) == (0, "Found 1 finding in 1 checked file(s) (1 fixed, 0 remaining).\n")


def test_a_failed_write_leaves_the_file_and_says_so(run, monkeypatch: pytest.MonkeyPatch):
    from pytest_lrcheck.lint import writer

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", full_disk)
    Path("report.py").write_text(REPORT)
    status, out, err = run("--unsafe-fixes", "report.py")
    assert status == 1
    assert Path("report.py").read_text() == REPORT
    assert err == (
        "lrcheck: warning: cannot write report.py: No space left on device; the file is unchanged\n"
    )
    assert "Found 3 findings in 1 checked file(s)." in out
    assert [p.name for p in Path().iterdir()] == ["report.py"]


@pytest.mark.parametrize("meanwhile", ["edited", "deleted"])
def test_a_file_edited_or_deleted_while_it_is_fixed_is_not_overwritten(
    run, monkeypatch: pytest.MonkeyPatch, meanwhile: str
):
    from pytest_lrcheck.lint import autofix

    real_fix_data = autofix.fix_data
    path = Path("report.py")

    def fix_while_the_user_edits(*args: Any, **kwargs: Any) -> Any:
        fixed = real_fix_data(*args, **kwargs)
        if meanwhile == "edited":
            path.write_text(REPORT + "# my edit\n")
        else:
            path.unlink()
        return fixed

    monkeypatch.setattr(autofix, "fix_data", fix_while_the_user_edits)
    path.write_text(REPORT)
    status, _, err = run("--unsafe-fixes", "report.py")
    assert status == 1
    said = "it changed" if meanwhile == "edited" else "it was deleted"
    assert f"not writing report.py: {said} while it was being fixed" in err
    if meanwhile == "edited":
        assert path.read_text() == REPORT + "# my edit\n"
    else:
        assert not path.exists()


def test_the_first_report_as_a_notebook_is_repaired_and_then_passes(run):
    nbformat = pytest.importorskip("nbformat")
    shutil.copy(DATA / "report1_mnist_sigmoid.ipynb", "report.ipynb")
    before = json.loads(Path("report.ipynb").read_text())
    status, out, _ = run("--output-format", "concise", "report.ipynb")
    assert status == 1
    assert "report.ipynb:cell 5:4:32: LRC101" in out and "report.ipynb:cell 6:1:21: LRC201" in out
    status, out, _ = run("--unsafe-fixes", "report.ipynb")
    assert (status, out) == (0, "Found 2 findings in 1 checked file(s) (2 fixed, 0 remaining).\n")
    assert run("report.ipynb")[:2] == (0, "All checks passed!\n")
    after = json.loads(Path("report.ipynb").read_text())
    nbformat.validate(nbformat.from_dict(after))
    assert [c.get("outputs") for c in after["cells"]] == [c.get("outputs") for c in before["cells"]]
    assert [c["id"] for c in after["cells"]] == [c["id"] for c in before["cells"]]
    changed = [
        n for n, (a, b) in enumerate(zip(before["cells"], after["cells"], strict=True), 1) if a != b
    ]
    assert changed == [3, 5]
    assert "".join(after["cells"][2]["source"]).endswith(
        "x_train = x_train / 255.0\nx_test = x_test / 255.0\ny_train = to_categorical(y_train, 10)"
        "\ny_test = to_categorical(y_test, 10)\nx_train.shape"
    )
    assert "%matplotlib inline\n" in after["cells"][1]["source"]
    assert "!nvidia-smi" in after["cells"][6]["source"]


def test_notebook_diff_names_the_cells(run):
    shutil.copy(DATA / "report1_mnist_sigmoid.ipynb", "report.ipynb")
    status, out, _ = run("--diff", "--unsafe-fixes", "report.ipynb")
    assert status == 1
    assert "--- report.ipynb:cell 3\n+++ report.ipynb:cell 3\n" in out
    assert "--- report.ipynb:cell 5\n+++ report.ipynb:cell 5\n" in out
    assert Path("report.ipynb").read_bytes() == (DATA / "report1_mnist_sigmoid.ipynb").read_bytes()
