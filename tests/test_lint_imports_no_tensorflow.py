"""Linting never imports TensorFlow or Keras, even where both are installed.

The checks run in fresh interpreters: the test process itself may have imported TensorFlow for
other tests.  Two independent witnesses:
- in-process: a meta-path finder records every attempt to import a heavy package (so a guarded
  ``try: import tensorflow`` is caught too), and ``sys.modules`` is inspected at exit;
- the installed ``lrcheck`` console script, with worker processes, under
  ``PYTHONPROFILEIMPORTTIME``, which makes every interpreter list each module it imports.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
HEAVY = ("tensorflow", "keras", "tf_keras")

PROBE = textwrap.dedent(
    """
    import contextlib, io, json, sys

    HEAVY = {heavy!r}
    attempts = []

    class Watch:
        # Records imports of the heavy packages without changing how they are found.
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in HEAVY:
                attempts.append(name)
            return None

    sys.meta_path.insert(0, Watch())

    import pytest_lrcheck
    import pytest_lrcheck.cli
    import pytest_lrcheck.lint.api
    import pytest_lrcheck.plugin

    statuses = []
    with contextlib.redirect_stdout(io.StringIO()) as shown:
        for argv in {runs!r}:
            statuses.append(pytest_lrcheck.cli.main(argv))
    findings = pytest_lrcheck.lint.api.lint_paths([{examples!r}])
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)
    print(json.dumps({{
        "statuses": statuses,
        "findings": len(findings),
        "output": len(shown.getvalue()),
        "loaded": loaded,
        "attempts": attempts,
    }}))
    """
)


def _run_probe(runs: list[list[str]]) -> dict[str, object]:
    code = PROBE.format(heavy=HEAVY, runs=runs, examples=str(EXAMPLES))
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_tensorflow_is_installed_so_the_checks_below_mean_something():
    if importlib.util.find_spec("tensorflow") is None:
        pytest.skip("TensorFlow is not installed here; the checks below still run")
    assert importlib.util.find_spec("keras") is not None


def test_importing_the_package_and_linting_the_examples_imports_no_tensorflow():
    examples = str(EXAMPLES)
    report = _run_probe(
        [
            ["--no-cache", examples],
            ["--no-cache", "--output-format", "json", examples],
            ["--no-cache", "--diff", "--unsafe-fixes", examples],
            ["--no-cache", "--jobs", "2", examples],
        ]
    )
    # The probe really linted something: findings were printed and returned.
    assert report["statuses"] == [1, 1, 1, 1]
    assert report["findings"] and report["output"]
    assert report["attempts"] == [], f"imports attempted: {report['attempts']}"
    assert report["loaded"] == [], f"modules loaded: {report['loaded']}"


def test_the_probe_sees_a_lazily_imported_package():
    """The watch is a real witness: the same probe, watching a package the linter imports
    lazily (libcst, to compute fixes), reports it."""
    runs = [["--no-cache", "--diff", "--unsafe-fixes", str(EXAMPLES)]]
    code = PROBE.format(heavy=("libcst",), runs=runs, examples=str(EXAMPLES))
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert "libcst" in report["loaded"] and "libcst" in report["attempts"]


def _console_script() -> str:
    script = Path(sys.executable).with_name("lrcheck.exe" if os.name == "nt" else "lrcheck")
    found = str(script) if script.is_file() else shutil.which("lrcheck")
    if found is None:
        pytest.skip("the lrcheck console script is not installed in this environment")
    return found


def test_console_script_with_worker_processes_imports_no_tensorflow():
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    completed = subprocess.run(
        [_console_script(), "--no-cache", "--jobs", "2", "examples"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr[-2000:]
    imported = re.findall(r"^import time:.*\|\s*(\S+)\s*$", completed.stderr, flags=re.MULTILINE)
    # The witness works: the linter's own modules are listed, the analysis once per worker.
    assert "pytest_lrcheck.cli" in imported
    assert imported.count("pytest_lrcheck.lint.facts") >= 2
    heavy = sorted({name for name in imported if name.split(".")[0] in HEAVY})
    assert heavy == [], f"imported: {heavy}"
