"""The linter's modules depend one way: rules -> rule surface -> queries and edits -> analysis.

Read from the source with `ast` (imports inside functions and ``TYPE_CHECKING`` blocks count), so
a lazy import cannot hide a dependency that runs the wrong way.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

LINT = Path(__file__).resolve().parents[2] / "pytest_lrcheck" / "lint"
PREFIX = "pytest_lrcheck.lint."

# Lowest layer first; a module may import only from its own layer or the layers before it.
LAYERS: dict[str, set[str]] = {
    "analysis": {
        "syntax", "folding", "names", "values", "evaluator", "environment", "keras_layers",
        "keras_models", "keras_training", "data_ops", "data_calls", "handlers", "arguments",
        "data_labels", "classes", "containers", "calls", "interpreter", "facts", "source",
        "project", "imports",
    },
    "queries": {"heads", "labels", "layer_graph", "origins", "target_range"},
    "edits": {"edits"},
    "surface": {"rulekit"},
}  # fmt: skip
ORDER = ["analysis", "queries", "edits", "surface"]
# Semantic handlers see the interpreter only through the Evaluator protocol.
HANDLERS = {"keras_layers", "keras_models", "keras_training", "data_ops", "data_calls", "handlers"}
INTERPRETER = {"interpreter", "environment", "facts", "imports"}


def _lint_imports(name: str) -> set[str]:
    tree = ast.parse((LINT / f"{name}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        modules = []
        if isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        for module in modules:
            if module.startswith(PREFIX):
                found.add(module[len(PREFIX) :].split(".")[0])
    return found - {name}


def _layer(name: str) -> str | None:
    return next((layer for layer, names in LAYERS.items() if name in names), None)


def test_every_layered_module_exists():
    for names in LAYERS.values():
        for name in names:
            assert (LINT / f"{name}.py").is_file(), name


@pytest.mark.parametrize("name", sorted(set().union(*LAYERS.values())))
def test_imports_run_down_the_layers(name: str):
    allowed = ORDER[: ORDER.index(_layer(name)) + 1]  # type: ignore[arg-type]
    upward = {m for m in _lint_imports(name) if (_layer(m) or "surface") not in allowed}
    assert not upward, f"{name} ({_layer(name)}) imports from a higher layer: {sorted(upward)}"


@pytest.mark.parametrize("name", sorted(HANDLERS))
def test_handlers_never_import_the_interpreter(name: str):
    assert not _lint_imports(name) & INTERPRETER


def test_the_layer_check_sees_an_upward_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "values.py").write_text("from pytest_lrcheck.lint.heads import Head\n")
    monkeypatch.setattr(f"{__name__}.LINT", tmp_path)
    assert _lint_imports("values") == {"heads"}


def test_loading_the_rules_loads_neither_libcst_nor_the_interpreter():
    """The command loads the rules before it starts worker processes; the interpreter loads in
    the workers, with the first file, and libcst only when a fix is computed."""
    code = (
        "import sys\n"
        "from pytest_lrcheck.lint.registry import all_rules\n"
        "assert len(all_rules()) >= 18\n"
        "print(sorted(m for m in ('libcst', 'pytest_lrcheck.lint.interpreter',\n"
        "    'pytest_lrcheck.lint.facts') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
