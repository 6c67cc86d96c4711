"""Finding a checked file's project modules on disk, and reading them within bounds."""

from __future__ import annotations

from pathlib import Path

from pytest_lrcheck.lint import project as project_module
from pytest_lrcheck.lint.project import Project, reaches_keras, search_roots


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_module_next_to_the_script_is_found_first(tmp_path: Path):
    write(tmp_path, {"train.py": "", "model.py": "", "lib/model.py": ""})
    project = Project(tmp_path / "train.py")
    assert project.find("model") == tmp_path / "model.py"
    assert project.find("missing") is None


def test_libraries_and_the_standard_library_are_never_the_project(tmp_path: Path):
    write(tmp_path, {"train.py": "", "keras.py": "", "json.py": "", "numpy/__init__.py": ""})
    project = Project(tmp_path / "train.py")
    assert project.find("keras") is None
    assert project.find("json") is None
    assert project.find("numpy") is None


def test_packages_submodules_and_relative_imports(tmp_path: Path):
    write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/train.py": "",
            "pkg/model.py": "",
            "pkg/nets/__init__.py": "",
            "pkg/nets/cnn.py": "",
        },
    )
    train = tmp_path / "pkg" / "train.py"
    project = Project(train)
    # ``python -m pkg.train`` runs from the folder above the package.
    assert project.find("pkg.model") == tmp_path / "pkg" / "model.py"
    assert project.find("pkg.nets") == tmp_path / "pkg" / "nets" / "__init__.py"
    assert project.find("model", level=1) == tmp_path / "pkg" / "model.py"
    assert project.find("", level=1) == tmp_path / "pkg" / "__init__.py"
    cnn = tmp_path / "pkg" / "nets" / "cnn.py"
    assert project.find("model", level=2, importer=cnn) == tmp_path / "pkg" / "model.py"


def test_a_src_layout_is_found_from_the_project_root(tmp_path: Path):
    write(tmp_path, {"pyproject.toml": "", "src/app/__init__.py": "", "src/app/model.py": ""})
    write(tmp_path, {"scripts/train.py": ""})
    roots = search_roots(tmp_path / "scripts" / "train.py")
    assert roots[0] == tmp_path / "scripts" and tmp_path / "src" in roots
    project = Project(tmp_path / "scripts" / "train.py")
    assert project.find("app.model") == tmp_path / "src" / "app" / "model.py"


def test_modules_are_read_once_within_the_bounds(tmp_path: Path, monkeypatch):
    write(tmp_path, {"train.py": "", "a.py": "A = 1\n", "b.py": "B = (\n", "c.py": "C = 3\n"})
    project = Project(tmp_path / "train.py", "shown/train.py")
    first = project.load(tmp_path / "a.py", "a", 1)
    assert first is not None and project.load(tmp_path / "a.py", "a", 1) is first
    assert first.display == "shown/a.py"
    assert project.load(tmp_path / "b.py", "b", 1) is None  # cannot be parsed: not followed
    assert project.load(tmp_path / "train.py", "train", 1) is None  # the checked file itself
    assert project.load(tmp_path / "c.py", "c", project_module.MAX_DEPTH + 1) is None
    monkeypatch.setattr(project_module, "MAX_MODULES", 1)
    assert project.load(tmp_path / "c.py", "c", 1) is None
    assert project.dependencies() == ((str(tmp_path / "a.py"), first.digest),)


def test_a_file_without_keras_is_checked_when_a_project_module_it_imports_has_keras(
    tmp_path: Path,
):
    write(
        tmp_path,
        {
            "model.py": "from tensorflow import keras\n",
            "builders.py": "from model import *\n",
            "plain.py": "import json\n",
        },
    )
    assert reaches_keras(b"from model import build\n", tmp_path / "run.py")
    assert reaches_keras(b"import builders, json\n", tmp_path / "run.py")  # through another
    assert not reaches_keras(b"import plain\nimport os\n", tmp_path / "run.py")
    assert not reaches_keras(b"x = 1\n", tmp_path / "run.py")
