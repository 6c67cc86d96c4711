"""The wheel ships the catalog, so ``lrcheck --explain`` works after ``pip install``."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("hatchling", reason="building the wheel needs hatchling (test extra)")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True,
    )  # fmt: skip
    (built,) = out.glob("pytest_lrcheck-*.whl")
    return built


def test_wheel_contains_every_catalog_document(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    documents = sorted(p.name for p in (ROOT / "rules").glob("LRC*.md"))
    assert documents
    missing = [d for d in documents if f"pytest_lrcheck/_catalog/{d}" not in names]
    assert not missing


def test_wheel_declares_the_command_and_the_pytest_plugin(wheel: Path):
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
    text = archive.read(entry_points).decode()
    assert "lrcheck = pytest_lrcheck.cli:main" in text
    assert "[pytest11]" in text and "lrcheck = pytest_lrcheck.plugin" in text


def test_explain_works_from_the_installed_wheel(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True,
    )  # fmt: skip
    script = (
        "import pytest_lrcheck.catalog as c, sys\n"
        "print(c.catalog_dir())\n"
        "from pytest_lrcheck.cli import main\n"
        "sys.exit(main(['--explain', 'LRC101']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    first, _, rest = result.stdout.partition("\n")
    assert Path(first).is_relative_to(target), "the catalog must come from the installed package"
    assert rest.startswith("# LRC101 categorical-crossentropy-without-softmax")
