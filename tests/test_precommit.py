"""The pre-commit hook and the CI workflow: the hook's definition, its entry run on
staged-style file lists, and the documented configurations run for real."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
INSTALL = ROOT / "docs" / "install.md"

BAD = """\
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="sigmoid")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
"""
GOOD = BAD.replace('"sigmoid"', '"softmax"')


def hook() -> dict[str, Any]:
    (definition,) = [h for h in yaml.safe_load(HOOKS.read_text()) if h["id"] == "lrcheck"]
    assert isinstance(definition, dict)
    return definition


def test_hook_definition() -> None:
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
    cell: dict[str, Any] = {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": BAD.splitlines(keepends=True),
    }
    document = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "explore.ipynb").write_text(json.dumps(document, indent=1))
    return tmp_path


def run_hook(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [*command(), *files], cwd=repo, capture_output=True, text=True, timeout=120, env=env
    )


def test_entry_on_staged_files_reports_and_fails(repo: Path) -> None:
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


def test_entry_on_clean_staged_files_passes(repo: Path) -> None:
    completed = run_hook(repo, "src/ok.py", "vendor/lib/model.py")
    assert (completed.returncode, completed.stdout) == (0, "All checks passed!\n")


def test_entry_with_fix_argument_repairs_staged_files(repo: Path) -> None:
    completed = run_hook(repo, "--unsafe-fixes", "src/train.py")
    assert completed.returncode == 0, completed.stdout
    assert '"softmax"' in (repo / "src" / "train.py").read_text()


def documented_config(language: str, marker: str) -> dict[str, Any]:
    blocks = re.findall(rf"```{language}\n(.*?)```", INSTALL.read_text(), flags=re.S)
    (block,) = [b for b in blocks if marker in b]
    config = yaml.safe_load(block)
    assert isinstance(config, dict)
    return config


def test_documented_local_hook_matches_the_definition() -> None:
    config = documented_config("yaml", "repo: local")
    (local,) = config["repos"]
    (documented,) = local["hooks"]
    definition = hook()
    assert documented["id"] == definition["id"]
    assert documented["entry"] == definition["entry"]
    assert documented["types_or"] == definition["types_or"]
    assert documented["require_serial"] is True


def test_documented_remote_hook_names_the_hook() -> None:
    config = documented_config("yaml", "rev:")
    (remote,) = config["repos"]
    assert [h["id"] for h in remote["hooks"]] == [hook()["id"]]

    # No invented address: the documentation says what goes there.
    assert remote["repo"].startswith("<") and remote["repo"].endswith(">")
    assert remote["rev"].startswith("<") and remote["rev"].endswith(">")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


def test_documented_local_hook_runs_under_pre_commit(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.is_file():
        pytest.skip("pre-commit is not installed in this environment")
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump(documented_config("yaml", "repo: local"))
    )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    # language: system runs the lrcheck on PATH: this environment's.
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "NO_COLOR": "1",
    }

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "run", "--all-files", "--color", "never"],
            cwd=repo, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    failed = run()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"^lrcheck\.+Failed$", failed.stdout, re.M), failed.stdout
    assert re.search(r"^src/train.py:3:\d+: LRC101 ", failed.stdout, re.M), failed.stdout
    assert "vendor/lib/model.py" not in failed.stdout  # the configured exclusion holds
    for name in ("src/train.py", "notebooks/explore.ipynb", "build/generated.py"):
        (repo / name).unlink()
    git(repo, "add", "-A")
    passed = run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^lrcheck\.+Passed$", passed.stdout, re.M), passed.stdout


def test_documented_workflow_uploads_the_sarif_lrcheck_writes(repo: Path) -> None:
    workflow = documented_config("yaml", "upload-sarif")
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["lrcheck"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    (upload,) = [
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    ]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0] == "pip install pytest-lrcheck"
    (sarif_run,) = [r for r in runs if "--output-format sarif" in r]
    # The SARIF step must not fail the job, or the upload after it never runs.
    assert "--exit-zero" in sarif_run
    assert steps.index(next(s for s in steps if s.get("run") == sarif_run)) < steps.index(upload)
    # Run the documented commands as the runner would (a shell, in the checkout).
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    completed = subprocess.run(
        ["bash", "-ec", sarif_run], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 0, completed.stderr
    log = json.loads((repo / upload["with"]["sarif_file"]).read_text())
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"LRC101"}
    (annotate,) = [r for r in runs if "--output-format github" in r]
    completed = subprocess.run(
        ["bash", "-ec", annotate], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 1  # findings fail the job
    assert completed.stdout.startswith("::error ")
