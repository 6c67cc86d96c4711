"""What ``pip install pytest-lrcheck`` gets: the catalog (``lrcheck --explain`` works from the
wheel), the licence, the extras, and a lint-only install that needs nothing the linter does
not import."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import zipfile
from email.parser import Parser
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


def test_wheel_contains_every_catalog_document(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    documents = sorted(p.name for p in (ROOT / "rules").glob("LRC*.md"))
    assert documents
    missing = [d for d in documents if f"pytest_lrcheck/_catalog/{d}" not in names]
    assert not missing


def test_wheel_declares_the_command_and_the_pytest_plugin(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
    text = archive.read(entry_points).decode()
    assert "lrcheck = pytest_lrcheck.cli:main" in text
    assert "[pytest11]" in text and "lrcheck = pytest_lrcheck.plugin" in text


def test_explain_works_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
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


def metadata(wheel: Path) -> tuple[list[str], dict[str, list[str]], str]:
    """The wheel's unconditional requirements, its extras' requirements, and its licence."""
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    message = Parser().parsestr(archive.read(name).decode())
    plain: list[str] = []
    extras: dict[str, list[str]] = {extra: [] for extra in message.get_all("Provides-Extra", [])}
    for requirement in message.get_all("Requires-Dist", []):
        extra = re.search(r"extra == ['\"]([\w-]+)['\"]", requirement)
        if extra:
            extras[extra.group(1)].append(requirement)
        else:
            plain.append(requirement)
    return plain, extras, str(message.get("License-Expression") or message.get("License"))


def project_name(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name is not None
    return name.group(0).lower()


def test_lint_only_install_requires_only_what_the_linter_imports(wheel: Path) -> None:
    plain, _, _ = metadata(wheel)
    assert sorted(map(project_name, plain)) == ["libcst", "tomli"]
    (tomli,) = [r for r in plain if project_name(r) == "tomli"]
    assert "python_version < '3.11'" in tomli or 'python_version < "3.11"' in tomli


def test_extras_bring_a_backend_each(wheel: Path) -> None:
    _, extras, _ = metadata(wheel)
    assert {"tensorflow", "jax", "torch", "plots", "pytest", "test"} <= set(extras)
    for backend in ("tensorflow", "jax", "torch"):
        names = set(map(project_name, extras[backend]))
        assert {backend, "keras", "numpy"} <= names, (backend, names)
    # Users get a range; an exact torch pin (a CPU build for this project's tests) is not theirs.
    assert not any("==" in r.partition(";")[0] for r in extras["torch"]), extras["torch"]
    assert {"pytest", "numpy"} <= set(map(project_name, extras["test"]))
    assert "matplotlib" in set(map(project_name, extras["plots"]))


def test_wheel_carries_the_mit_licence(wheel: Path) -> None:
    _, _, licence = metadata(wheel)
    assert licence == "MIT"
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith("/LICENSE")]
    text = archive.read(name).decode()
    assert text.startswith("MIT License") and text == (ROOT / "LICENSE").read_text()


# Every import of a package the lint-only install lacks fails, as it would in a fresh
# environment, and is recorded (a guarded ``try: import numpy`` is caught too).
WITHOUT_EXTRAS = textwrap.dedent(
    """
    import contextlib, io, json, sys

    ABSENT = {"numpy", "pytest", "_pytest", "pluggy", "tensorflow", "keras", "jax", "torch",
              "matplotlib", "scipy", "pandas"}
    attempts = []

    class Absent:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ABSENT:
                attempts.append(name)
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, Absent())

    import pytest_lrcheck
    from pytest_lrcheck.cli import main
    from pytest_lrcheck.lint.api import lint_paths

    statuses = {}
    with contextlib.redirect_stdout(io.StringIO()) as shown:
        for label, argv in {
            "check": ["--no-cache", "project"],
            "sarif": ["--no-cache", "--output-format", "sarif", "project"],
            "diff": ["--no-cache", "--diff", "--unsafe-fixes", "project"],
            "explain": ["--explain", "LRC101"],
            "list": ["--list-rules"],
        }.items():
            statuses[label] = main(argv)
    findings = [f.code for f in lint_paths(["project"])]
    by_the_linter = list(attempts)
    # The witness works: an import of an absent package fails and is recorded.
    try:
        import numpy
    except ModuleNotFoundError:
        control = attempts[-1:] == ["numpy"]
    else:
        control = False
    print(json.dumps({
        "package": pytest_lrcheck.__file__,
        "statuses": statuses,
        "findings": findings,
        "attempts": by_the_linter,
        "control": control,
        "output": shown.getvalue(),
    }))
    """
)

SIGMOID_UNDER_CCE = """\
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="sigmoid")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
"""


def test_lint_only_install_works_without_numpy_pytest_or_a_backend(
    wheel: Path, tmp_path: Path
) -> None:
    import json

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True,
    )  # fmt: skip
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "train.py").write_text(SIGMOID_UNDER_CCE)
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRAS],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert Path(report["package"]).is_relative_to(target)
    assert report["statuses"] == {"check": 1, "sarif": 1, "diff": 1, "explain": 0, "list": 0}
    assert report["findings"] == ["LRC101"]
    fixed = [line for line in report["output"].splitlines() if line.startswith("+model =")]
    assert len(fixed) == 1 and 'activation="softmax"' in fixed[0]
    assert report["control"] is True
    assert report["attempts"] == [], f"the linter tried to import: {report['attempts']}"
