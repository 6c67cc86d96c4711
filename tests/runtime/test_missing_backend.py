"""A Keras backend that is not installed is named in one line saying what to install.

Each case runs in a fresh interpreter that asks for the JAX (or torch) backend while the
backend's module is hidden (``sys.modules[name] = None`` makes its import fail as a missing
package does), so what the user sees is what a machine without it shows.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.zoo.backends import ROOT, environment

CALLS = {
    "check_training": "pytest_lrcheck.check_training(None, np.zeros((8, 2)), np.zeros(8))",
    "lr_range": "pytest_lrcheck.lr_range(None, np.zeros((8, 2)), np.zeros(8))",
    "assess_learning_rate": (
        "from pytest_lrcheck.runtime.lr_range import assess_learning_rate\n"
        "assess_learning_rate(None, np.zeros((8, 2)), np.zeros(8))"
    ),
    "LossWatcher": "pytest_lrcheck.LossWatcher()",
}


def _run(backend: str, code: str) -> subprocess.CompletedProcess[str]:
    script = f"import sys\nsys.modules[{backend!r}] = None\nimport numpy as np\n"
    script += "import pytest_lrcheck\n" + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment(backend),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("backend", ["jax", "torch"])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_missing_backend_is_named_in_one_line(backend: str, call: str) -> None:
    pytest.importorskip("keras")
    done = _run(backend, CALLS[call])
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("ModuleNotFoundError: "), done.stderr[-2000:]
    assert f"{backend!r} is not installed" in last, last
    assert f"pip install 'pytest-lrcheck[{backend}]'" in last, last
    # Keras' own import chain is not shown: the error is raised afresh, not chained.
    assert "During handling" not in done.stderr and "keras/src" not in done.stderr, done.stderr


def test_the_fixture_names_a_missing_backend_without_a_traceback(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("keras")
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    pytester.makeconftest("import sys\nsys.modules['jax'] = None\n")
    pytester.makepyfile(
        """
        import numpy as np

        def test_model(lrcheck):
            lrcheck(None, np.zeros((8, 2)), np.zeros(8))
        """
    )
    done = pytester.runpytest_subprocess("-p", "lrcheck")
    done.assert_outcomes(failed=1)
    done.stdout.fnmatch_lines(["*lrcheck: training needs Keras 3*'jax' is not installed*[[]jax]*"])
