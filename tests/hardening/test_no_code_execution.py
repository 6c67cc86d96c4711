"""The checker reads code; it never imports or runs it.

Every file of the project below writes a marker file when it is imported or run.  Some are
named like modules the checker itself imports (``json``, ``libcst``, ``difflib``, ``tomllib``,
``keras``...), so that a checker that put the checked directory on its import path would run
them too.  The project is checked, fixed and diffed through the API (with worker processes),
the ``lrcheck`` command, ``python -m pytest_lrcheck`` and ``pytest --lrcheck``; each run must
report the planted Keras bugs, proving the files were read, and no marker may appear.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_lrcheck.cli import main
from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.api import lint_results

# Modules the checker imports after it starts, and files Python or tools run by convention.
SHADOWING = (
    "json",
    "libcst",
    "difflib",
    "hashlib",
    "tomllib",
    "tomli",
    "pickle",
    "tempfile",
    "concurrent",
    "multiprocessing",
    "keras",
    "tensorflow",
    "numpy",
    "sitecustomize",
    "usercustomize",
    "setup",
    "__main__",
    "__init__",
    "conftest",
)
BUG = (
    "model = keras.Sequential([keras.Input(shape=(4,)), "
    "keras.layers.Dense(3, activation='sigmoid')])\n"
    "model.compile(optimizer='adam', loss='categorical_crossentropy')\n"
)


def payload(markers: Path, name: str) -> str:
    return f"open({str(markers / (name + '.ran'))!r}, 'w').close()\n"


def make_project(root: Path, markers: Path, *, skip: tuple[str, ...] = ()) -> Path:
    project = root / "project"
    project.mkdir()
    markers.mkdir(exist_ok=True)
    for name in ("train", *SHADOWING):
        if name not in skip:
            text = payload(markers, name) + "from tensorflow import keras\n" + BUG
            (project / f"{name}.py").write_text(text, encoding="utf-8")
    cell = payload(markers, "notebook") + "from tensorflow import keras\n" + BUG
    notebook = {
        "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": cell}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (project / "notebook.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return project


def ran(markers: Path) -> list[str]:
    return sorted(path.name for path in markers.iterdir())


@pytest.fixture
def markers(tmp_path: Path) -> Path:
    return tmp_path / "markers"


def test_the_api_and_its_worker_processes_only_read(tmp_path: Path, markers: Path):
    project = make_project(tmp_path, markers)
    before = set(sys.modules)
    for jobs in (1, 2):
        results = lint_results([project], config=Config(), jobs=jobs)
        flagged = {
            Path(r.path).name for r in results if any(f.code == "LRC101" for f in r.findings)
        }
        assert len(flagged) == len(SHADOWING) + 2
    assert ran(markers) == []
    assert {"train", "conftest", "setup"}.isdisjoint(set(sys.modules) - before)


def test_checking_fixing_and_diffing_in_process_only_read(tmp_path, markers, monkeypatch, capsys):
    project = make_project(tmp_path, markers)
    monkeypatch.chdir(project)
    for args in (["--diff", "--unsafe-fixes"], ["--unsafe-fixes"], ["--output-format", "sarif"]):
        main(["--no-cache", *args, "."])
    assert ran(markers) == []
    assert "'softmax'" in (project / "train.py").read_text(encoding="utf-8")


def command() -> list[str]:
    script = Path(sys.executable).with_name("lrcheck")
    if not script.is_file():
        pytest.skip("the lrcheck command is not installed next to this Python")
    return [str(script)]


@pytest.mark.parametrize(
    "how",
    [["lrcheck"], [sys.executable, "-m", "pytest_lrcheck"]],
    ids=["command", "python -m"],
)
def test_the_command_run_inside_the_project_only_reads(tmp_path: Path, markers: Path, how):
    project = make_project(tmp_path, markers)
    base = command() if how == ["lrcheck"] else how
    env = {**os.environ, "PYTHONPATH": ""}
    for args in (["--no-cache"], ["-j", "2"], ["--diff", "--unsafe-fixes"], ["--unsafe-fixes"]):
        child = subprocess.run(
            [*base, *args, "."], cwd=project, capture_output=True, env=env, timeout=300
        )
        assert child.returncode in (0, 1), child.stderr.decode()
        assert b"Traceback" not in child.stderr
        if args != ["--unsafe-fixes"]:
            assert b"LRC101" in child.stdout or b"Would fix" in child.stderr
    assert ran(markers) == []
    assert "'softmax'" in (project / "notebook.ipynb").read_text(encoding="utf-8")


def test_pytest_lrcheck_lints_the_project_without_running_it(tmp_path: Path, markers: Path):
    # pytest itself imports conftest.py and packages' __init__.py; the lint items must not
    # import the files they check.
    project = make_project(tmp_path, markers, skip=("conftest", "__init__"))
    shutil.rmtree(project / "__pycache__", ignore_errors=True)
    script = Path(sys.executable).with_name("pytest")
    if not script.is_file():
        pytest.skip("the pytest command is not installed next to this Python")
    # The pytest command, not ``python -m pytest``, which would import this project's json.py
    # and tempfile.py in place of the standard library's before any plugin is loaded.
    child = subprocess.run(
        [str(script), "--lrcheck", "-p", "no:cacheprovider", "-q", "."],
        cwd=project,
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    output = child.stdout.decode()
    assert child.returncode == 1, output + child.stderr.decode()
    assert "LRC101" in output and "train.py" in output
    assert ran(markers) == []
