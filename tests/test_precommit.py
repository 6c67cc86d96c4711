"""The pre-commit hook: its definition, and its entry run on staged-style file lists."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
USAGE = ROOT / "docs" / "usage.md"

BAD = """\
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="sigmoid")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
"""
GOOD = BAD.replace('"sigmoid"', '"softmax"')


def hook() -> dict:
    (definition,) = [h for h in yaml.safe_load(HOOKS.read_text()) if h["id"] == "lrcheck"]
    return definition


def test_hook_definition():
    definition = hook()
    assert definition["types_or"] == ["python", "jupyter"]
    assert definition["language"] == "python"
    assert definition["require_serial"] is True
    assert shlex.split(definition["entry"])[0] == "lrcheck"
    assert "--force-exclude" in shlex.split(definition["entry"])


def command() -> list[str]:
    """The hook's entry, resolved to this environment's console script."""
    entry = shlex.split(hook()["entry"])
    script = Path(sys.executable).with_name(entry[0])
    found = str(script) if script.is_file() else shutil.which(entry[0])
    if found is None:
        pytest.skip("the lrcheck console script is not installed in this environment")
    return [found, *entry[1:], *hook().get("args", [])]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project as pre-commit sees it: files named relative to the repository root."""
    (tmp_path / "pyproject.toml").write_text('[tool.lrcheck]\nextend-exclude = ["vendor"]\n')
    files = {
        "src/train.py": BAD,
        "src/ok.py": GOOD,
        "vendor/lib/model.py": BAD,
        "build/generated.py": BAD,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": BAD.splitlines(keepends=True)}  # fmt: skip
    document = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "explore.ipynb").write_text(json.dumps(document, indent=1))
    return tmp_path


def run_hook(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [*command(), *files], cwd=repo, capture_output=True, text=True, timeout=120, env=env
    )


def test_entry_on_staged_files_reports_and_fails(repo: Path):
    staged = [
        "src/train.py",
        "src/ok.py",
        "notebooks/explore.ipynb",
        "vendor/lib/model.py",
        "build/generated.py",
    ]
    completed = run_hook(repo, *staged)
    assert completed.returncode == 1, completed.stderr
    flagged = re.findall(r"^(\S+?):(?:cell \d+:)?\d+:\d+: (LRC\d{3})", completed.stdout, re.M)
    # Excluded directories stay excluded although pre-commit names their files.
    assert flagged == [("src/train.py", "LRC101"), ("notebooks/explore.ipynb", "LRC101")]
    assert completed.stderr == ""


def test_entry_on_clean_staged_files_passes(repo: Path):
    completed = run_hook(repo, "src/ok.py", "vendor/lib/model.py")
    assert (completed.returncode, completed.stdout) == (0, "All checks passed!\n")


def test_entry_with_fix_argument_repairs_staged_files(repo: Path):
    completed = run_hook(repo, "--unsafe-fixes", "src/train.py")
    assert completed.returncode == 0, completed.stdout
    assert '"softmax"' in (repo / "src" / "train.py").read_text()


def documented_config(language: str, marker: str) -> dict | list:
    blocks = re.findall(rf"```{language}\n(.*?)```", USAGE.read_text(), flags=re.S)
    (block,) = [b for b in blocks if marker in b]
    return yaml.safe_load(block)


def test_documented_local_hook_matches_the_definition():
    config = documented_config("yaml", "repo: local")
    (local,) = config["repos"]
    (documented,) = local["hooks"]
    definition = hook()
    assert documented["id"] == definition["id"]
    assert documented["entry"] == definition["entry"]
    assert documented["types_or"] == definition["types_or"]
    assert documented["require_serial"] is True


def test_documented_remote_hook_names_the_hook():
    config = documented_config("yaml", "rev:")
    (remote,) = config["repos"]
    assert [h["id"] for h in remote["hooks"]] == [hook()["id"]]
