"""Silence on correct multi-file projects, and their planted bugs found across modules.

``corpus/projects/`` holds projects laid out as experts lay them out: a ``model.py`` /
``data.py`` / ``config.py`` / ``train.py`` project with a star import of its configuration, a
package with relative imports (``python -m sentiment.train``), a module of layer factories, two
modules that import each other (a registry), and a ``src/`` layout.  Checked file by file (as
``lrcheck FILE`` and editors do) and as a directory, none may get a finding, and the imports
must have been followed.  A bug planted in one module must be reported when the file that
uses it is checked, at the line of the module where it is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pytest_lrcheck.lint.api import check_file, collect_files, lint_results, make_rules
from pytest_lrcheck.lint.findings import Finding

PROJECTS = Path(__file__).resolve().parent / "corpus" / "projects"
NAMES = sorted(p.name for p in PROJECTS.iterdir() if p.is_dir())


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"{f.path}:{f.span.line}: {f.code} {f.message}" for f in findings)


def test_the_projects_cover_the_layouts():
    assert set(NAMES) >= {
        "mnist_trainer",
        "sentiment_package",
        "layer_factory",
        "cyclic_registry",
        "src_layout",
    }


@pytest.mark.parametrize("name", NAMES)
def test_every_file_of_an_expert_project_is_silent_alone_and_in_its_directory(name: str):
    rules = make_rules()
    files = collect_files([PROJECTS / name])
    single = [check_file(path, rules) for path in files]
    directory = lint_results([PROJECTS / name])
    for result in (*single, *directory):
        assert not result.internal_errors, result.internal_errors
        assert not result.findings, "false alarm(s):\n" + _describe(list(result.findings))
    assert any(result.depends for result in single), f"no import of {name} was followed"


# (project, file, text to replace, replacement, file checked, file and code then reported)
MUTATIONS = [
    ("mnist_trainer", "config.py", "LEARNING_RATE = 1e-3", "LEARNING_RATE = 10.0",
     "train.py", ("train.py", "LRC301")),
    ("mnist_trainer", "data.py", 'x_train.astype("float32") / 255.0', 'x_train.astype("float32")',
     "train.py", ("train.py", "LRC201")),
    ("mnist_trainer", "config.py", "NUM_CLASSES = 10", "NUM_CLASSES = 5",
     "train.py", ("model.py", "LRC107")),
    ("mnist_trainer", "model.py", 'activation="softmax"', "",
     "train.py", ("model.py", "LRC101")),
    ("sentiment_package", "sentiment/model.py", 'layers.Dense(1, activation="sigmoid")',
     "layers.Dense(1)", "sentiment/train.py", ("sentiment/model.py", "LRC103")),
    ("layer_factory", "blocks.py", 'activation="softmax", name="probabilities"',
     'activation="sigmoid", name="probabilities"', "main.py", ("blocks.py", "LRC101")),
    ("layer_factory", "blocks.py", "[layers.Dense(units), layers.Activation(activation)]",
     "[layers.Dense(units)]", "main.py", ("blocks.py", "LRC401")),
    ("cyclic_registry", "builders.py", 'layers.Dense(1, activation="sigmoid")',
     'layers.Dense(1, activation="softmax")', "train.py", ("builders.py", "LRC102")),
    ("src_layout", "scripts/train.py", "learning_rate=3e-4", "learning_rate=5.0",
     "scripts/train.py", ("scripts/train.py", "LRC301")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("project", "file", "old", "new", "checked", "expected"),
    MUTATIONS,
    ids=[f"{m[0]}-{m[5][1]}" for m in MUTATIONS],
)
def test_a_bug_planted_in_one_module_is_reported_where_it_is(
    tmp_path: Path,
    project: str,
    file: str,
    old: str,
    new: str,
    checked: str,
    expected: tuple[str, str],
):
    root = tmp_path / project
    shutil.copytree(PROJECTS / project, root)
    source = (root / file).read_text(encoding="utf-8")
    assert source.count(old) == 1, f"the mutation must match exactly once in {file}"
    (root / file).write_text(source.replace(old, new), encoding="utf-8")
    result = check_file(root / checked, make_rules())
    reported = {(Path(f.path).relative_to(root).as_posix(), f.code) for f in result.findings}
    assert expected in reported, _describe(list(result.findings))
    alone = check_file(root / checked, make_rules(), follow_imports=False)
    if expected[0] != checked:
        assert expected not in {(checked, f.code) for f in alone.findings}
