"""Running the project modules a checked file imports, and reporting on their lines."""

from __future__ import annotations

import textwrap
from pathlib import Path

from pytest_lrcheck.lint.api import check_file, make_rules
from pytest_lrcheck.lint.engine import FileResult

SIGMOID_MODEL = """
    from tensorflow import keras

    def build(classes=10):
        head = keras.layers.Dense(classes, activation="sigmoid")
        return keras.Sequential([keras.Input((8,)), head])
"""
TRAIN = """
    {imports}

    model = {call}
    model.compile(optimizer="adam", loss="categorical_crossentropy")
"""


def project(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def check(path: Path, **options: bool) -> FileResult:
    return check_file(path, make_rules(), **options)


def found(result: FileResult, root: Path) -> set[tuple[str, int, str]]:
    return {(Path(f.path).relative_to(root).as_posix(), f.line, f.code) for f in result.findings}


def test_a_finding_in_an_imported_module_points_there_and_names_the_call(tmp_path: Path):
    imports = "from model import build"
    project(
        tmp_path,
        {"model.py": SIGMOID_MODEL, "train.py": TRAIN.format(imports=imports, call="build()")},
    )
    result = check(tmp_path / "train.py")
    assert found(result, tmp_path) == {("model.py", 5, "LRC101")}
    (finding,) = result.findings
    assert finding.message.endswith(f"(reached from {tmp_path / 'train.py'}:4)")
    assert finding.fix is None  # a fix edits the checked file only
    assert result.depends == ((str(tmp_path / "model.py"), result.depends[0][1]),)
    assert check(tmp_path / "train.py", follow_imports=False).findings == ()


def test_every_spelling_of_an_import_reaches_the_module(tmp_path: Path):
    spellings = [
        ("import model", "model.build()"),
        ("import model as m", "m.build()"),
        ("from model import build as make", "make()"),
        ("from pkg.model import build", "build()"),
        ("import pkg.model", "pkg.model.build()"),
        ("from pkg import model", "model.build()"),
    ]
    project(tmp_path, {"model.py": SIGMOID_MODEL, "pkg/__init__.py": "", "pkg/model.py": ""})
    (tmp_path / "pkg" / "model.py").write_text(textwrap.dedent(SIGMOID_MODEL), encoding="utf-8")
    for index, (imports, call) in enumerate(spellings):
        train = tmp_path / f"train_{index}.py"
        train.write_text(textwrap.dedent(TRAIN.format(imports=imports, call=call)), "utf-8")
        codes = {f.code for f in check(train).findings}
        assert codes == {"LRC101"}, imports


def test_relative_imports_inside_a_package(tmp_path: Path):
    project(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/model.py": SIGMOID_MODEL,
            "app/train.py": TRAIN.format(imports="from .model import build", call="build()"),
        },
    )
    result = check(tmp_path / "app" / "train.py")
    assert found(result, tmp_path) == {("app/model.py", 5, "LRC101")}


def test_constants_of_a_config_module_reach_the_checked_file(tmp_path: Path):
    project(
        tmp_path,
        {
            "config.py": "LEARNING_RATE = 5.0\nCLASSES = 10\n",
            "train.py": """
                from tensorflow import keras
                from config import *

                optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE)
            """,
        },
    )
    assert found(check(tmp_path / "train.py"), tmp_path) == {("train.py", 5, "LRC301")}


def test_modules_that_import_each_other_run_once(tmp_path: Path):
    project(
        tmp_path,
        {
            "a.py": "import b\nRATE = 5.0\n",
            "b.py": "import a\nfrom tensorflow import keras\n",
            "train.py": """
                from tensorflow import keras
                import a

                optimizer = keras.optimizers.SGD(learning_rate=a.RATE)
            """,
        },
    )
    result = check(tmp_path / "train.py")
    assert not result.internal_errors
    assert found(result, tmp_path) == {("train.py", 5, "LRC301")}
    assert {Path(p).name for p, _ in result.depends} == {"a.py", "b.py"}


def test_an_imported_module_runs_without_its_main_block_and_its_unused_functions(
    tmp_path: Path,
):
    project(
        tmp_path,
        {
            "model.py": SIGMOID_MODEL
            + """
                def unused():
                    bad = keras.Sequential([keras.layers.Dense(3, activation="sigmoid")])
                    bad.compile(loss="categorical_crossentropy")

                if __name__ == "__main__":
                    m = build()
                    m.compile(loss="categorical_crossentropy")
            """.replace("\n                ", "\n    "),
            "train.py": "from model import build\nimport keras\n",
        },
    )
    # What model.py does by itself is its own check's business, not train.py's.
    assert check(tmp_path / "train.py").findings == ()
    own = found(check(tmp_path / "model.py"), tmp_path)
    assert {code for _, _, code in own} == {"LRC101"}


def test_a_noqa_in_the_imported_module_hides_its_finding(tmp_path: Path):
    model = SIGMOID_MODEL.replace('activation="sigmoid")\n', 'activation="sigmoid")  # noqa\n')
    train = TRAIN.format(imports="from model import build", call="build()")
    project(tmp_path, {"model.py": model, "train.py": train})
    assert check(tmp_path / "train.py").findings == ()


def test_a_file_without_keras_importing_the_model_is_checked(tmp_path: Path):
    project(
        tmp_path,
        {
            "model.py": SIGMOID_MODEL,
            "run.py": "from model import build\nbuild().compile(loss='categorical_crossentropy')\n",
            "notes.py": "import json\n",
        },
    )
    assert {f.code for f in check(tmp_path / "run.py").findings} == {"LRC101"}
    assert check(tmp_path / "notes.py").skipped is not None
    assert check(tmp_path / "run.py", follow_imports=False).skipped is not None
