"""Without Keras or its backend, training says in one line which extra to install."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pytest_lrcheck.extras import BACKEND_EXTRAS, MODULE_EXTRAS, install_hint

ROOT = Path(__file__).resolve().parents[1]

# Makes the listed modules unimportable, as if they were not installed.
BLOCK = """
import sys
for name in {names!r}:
    sys.modules[name] = None
"""


def missing(name: str) -> ModuleNotFoundError:
    return ModuleNotFoundError(f"No module named {name!r}", name=name)


@pytest.mark.parametrize(
    ("module", "backend", "extra"),
    [
        ("keras", "", "tensorflow"),
        ("keras", "jax", "jax"),
        ("keras", "torch", "torch"),
        ("keras", "TensorFlow", "tensorflow"),
        ("keras", "no-such-backend", "tensorflow"),
        ("numpy", "jax", "jax"),
        ("tensorflow", "jax", "tensorflow"),
        ("jax", "", "jax"),
        ("jaxlib", "", "jax"),
        ("torch", "", "torch"),
        ("keras.src.backend", "torch", "torch"),
    ],
)
def test_hint_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, module: str, backend: str, extra: str
) -> None:
    monkeypatch.setenv("KERAS_BACKEND", backend)
    hint = install_hint(missing(module))
    assert hint is not None
    assert f"{module.split('.')[0]!r} is not installed" in hint
    assert f"pip install 'pytest-lrcheck[{extra}]'" in hint
    others = [f"[{name}]" for name in BACKEND_EXTRAS.values() if name != extra]
    assert f"(or {', '.join(others)} for another Keras backend)" in hint
    assert "\n" not in hint


@pytest.mark.parametrize("module", ["pandas", "my_project.layers", "kerastuner", None])
def test_other_modules_get_no_hint(module: str | None) -> None:
    assert install_hint(ModuleNotFoundError("nope", name=module)) is None


def test_every_extra_named_is_declared_in_pyproject() -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    named = set(BACKEND_EXTRAS.values()) | {e for e in MODULE_EXTRAS.values() if e}
    assert named <= set(declared)


def run_blocked(code: str, names: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    script = BLOCK.format(names=names) + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_loss_watcher_without_keras_names_the_extra() -> None:
    completed = run_blocked(
        """
        try:
            from pytest_lrcheck import LossWatcher
        except ModuleNotFoundError as error:
            print(f"{type(error).__name__}|{error.name}|{error}")
        """,
        ("keras", "tensorflow"),
    )
    assert completed.returncode == 0, completed.stderr
    kind, name, message = completed.stdout.strip().split("|")
    assert kind == "ModuleNotFoundError" and name in ("keras", "tensorflow")
    assert message.startswith("LossWatcher: training needs Keras 3 with a backend, but ")
    assert "pip install 'pytest-lrcheck[tensorflow]'" in message


def test_fixture_without_keras_fails_in_one_line(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(BLOCK.format(names=("keras", "tensorflow")))
    pytester.makepyfile(
        """
        def test_check(lrcheck):
            lrcheck([[0.0]], [[0.0]], [[1.0]])
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ test_check _*",
            "lrcheck: training needs Keras 3 with a backend, but '*' is not installed: "
            "pip install 'pytest-lrcheck[[]tensorflow[]]' (or [[]jax[]], [[]torch[]] for another "
            "Keras backend)",
            "*short test summary info*",
        ]
    )
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*ModuleNotFoundError*")
