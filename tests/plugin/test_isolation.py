"""Where isolation is the point, in a subprocess: TensorFlow stays unimported unless a test
imports it; Keras imported inside a test is still watched; pytest-xdist gets one summary."""

from __future__ import annotations

import pytest

from tests.plugin.conftest import LRMODELS, installed

needs_tensorflow = pytest.mark.skipif(not installed("tensorflow"), reason="needs TensorFlow")

# Reports, at the very end of the session, which heavy modules the process ever imported.
REPORT_MODULES = """
import sys

def pytest_unconfigure(config):
    loaded = sorted(m for m in ("tensorflow", "keras") if m in sys.modules)
    print(f"HEAVY MODULES LOADED: {loaded}")
"""


def test_plugin_lint_items_and_fixture_never_import_tensorflow(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(REPORT_MODULES)
    pytester.makepyfile(
        model="""\
            from tensorflow import keras

            output = keras.layers.Dense(3, activation="sigmoid")
            model = keras.Sequential([keras.Input((4,)), output])
            model.compile(optimizer="adam", loss="categorical_crossentropy")
            """,
        test_plain="""\
            import pytest

            @pytest.mark.lrcheck(steps=10)
            def test_requests_the_fixture(lrcheck):
                assert lrcheck.settings.steps == 10
            """,
    )
    result = pytester.runpytest_subprocess("--lrcheck", "-p", "no:cacheprovider")
    # The lint item of model.py fails (LRC101); everything else passes.
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["model.py:*LRC101*", "HEAVY MODULES LOADED: []"])


@pytest.mark.tensorflow
@needs_tensorflow
def test_keras_imported_inside_a_test_is_watched(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(lrmodels=LRMODELS)
    pytester.makeini("[pytest]\nlrcheck_paths = nothing-to-lint\n")
    pytester.mkdir("nothing-to-lint")
    pytester.makepyfile(
        test_late="""\
            import sys

            def test_imports_keras_itself():
                assert "keras" not in sys.modules and "tensorflow" not in sys.modules
                import lrmodels

                model, x, y = lrmodels.exploding()
                model.fit(x, y, epochs=3, verbose=0)
            """
    )
    result = pytester.runpytest_subprocess("--lrcheck")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        [
            "*= lrcheck training watch =*",
            "test_late.py::test_imports_keras_itself: LRC50* *",
            "1 model.fit call(s) watched in 1 test(s); 1 with loss problems",
        ]
    )


@pytest.mark.tensorflow
@needs_tensorflow
@pytest.mark.skipif(not installed("xdist"), reason="needs pytest-xdist")
@pytest.mark.skipif(not installed("matplotlib"), reason="needs matplotlib")
def test_xdist_controller_writes_one_summary(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(lrmodels=LRMODELS)
    pytester.makeini("[pytest]\nlrcheck_paths = src\n")
    pytester.mkdir("src")
    (pytester.path / "src" / "bad.py").write_text(
        "import keras\n\n"
        "model = keras.Sequential(\n"
        "    [keras.Input((4,)), keras.layers.Dense(3, activation='sigmoid')]\n"
        ")\n"
        "model.compile(optimizer='adam', loss='categorical_crossentropy')\n"
    )
    pytester.makepyfile(
        test_fit="""\
            import lrmodels

            def test_explodes():
                model, x, y = lrmodels.exploding()
                model.fit(x, y, epochs=3, verbose=0)
            """,
        test_check="""\
            import pytest
            import lrmodels

            @pytest.mark.lrcheck(steps=30)
            def test_check(lrcheck):
                model, x, y = lrmodels.healthy()
                lrcheck(model, x, y)
            """,
    )
    result = pytester.runpytest_subprocess(
        "-n", "2", "--lrcheck-strict", "--lrcheck-plots", "plots", "-p", "no:randomly"
    )
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ test_explodes _*",
            "model.fit showed a loss problem (--lrcheck-strict):",
            "*= lrcheck training watch =*",
            "test_fit.py::test_explodes: LRC50* *",
            "1 model.fit call(s) watched in 1 test(s); 1 with loss problems",
            "*= lrcheck loss plots =*",
            "saved 1 loss plot(s) to *plots",
        ]
    )
    result.stdout.fnmatch_lines(["src/bad.py:4:*LRC101*"])
    assert result.stdout.str().count("lrcheck training watch") == 1
    assert len(list((pytester.path / "plots").glob("*.png"))) == 1
