"""The ``lrcheck`` fixture in a user's test session: verdicts, diagnoses, settings, plots."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = [pytest.mark.tensorflow, pytest.mark.usefixtures("keras_loaded", "lrmodels")]


def test_healthy_model_passes_and_returns_the_report(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        import lrmodels

        @pytest.mark.lrcheck(steps=40, seed=3)
        def test_trains(lrcheck):
            model, x, y = lrmodels.healthy()
            report = lrcheck(model, x, y)
            assert report.healthy
            assert report.steps_run == 40 and report.seed == 3
            assert lrcheck.reports == [report]
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_unhealthy_model_fails_with_the_diagnosis_not_a_traceback(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import pytest
        import lrmodels

        @pytest.mark.lrcheck(steps=40)
        def test_trains(lrcheck):
            model, x, y = lrmodels.exploding()
            lrcheck(model, x, y)
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ test_trains _*",
            "training unhealthy: LRC5* *",
            "  loss * over * steps*",
            "  likely causes, most likely first:",
            "    1. LRC5* (confidence *): *",
        ]
    )
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*fixture.py*")
    result.stdout.no_fnmatch_line("*def test_trains*")


def test_check_returns_an_unhealthy_report_without_failing(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        import lrmodels

        @pytest.mark.lrcheck(steps=40)
        def test_trains(lrcheck):
            model, x, y = lrmodels.exploding()
            report = lrcheck.check(model, x, y)
            assert not report.healthy
            assert report.symptoms and report.symptoms[0].code.startswith("LRC5")
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_call_keywords_beat_the_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        import lrmodels

        @pytest.mark.lrcheck(steps=40, seed=1)
        def test_trains(lrcheck):
            model, x, y = lrmodels.healthy()
            report = lrcheck.check(model, x, y, steps=30, batch_size=16)
            assert (report.steps_run, report.seed) == (30, 1)
        """
    )
    pytester.runpytest("--lrcheck-steps=50").assert_outcomes(passed=1)


def test_ini_steps_reach_the_check(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nlrcheck_steps = 35\nlrcheck_seed = 2\n")
    pytester.makepyfile(
        """
        import lrmodels

        def test_trains(lrcheck):
            model, x, y = lrmodels.healthy()
            report = lrcheck(model, x, y)
            assert (report.steps_run, report.seed) == (35, 2)
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_same_input_same_verdict(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        import lrmodels

        @pytest.mark.lrcheck(steps=30)
        @pytest.mark.parametrize("run", [1, 2])
        def test_trains(lrcheck, run):
            model, x, y = lrmodels.exploding()
            report = lrcheck.check(model, x, y)
            print(f"\\nVERDICT {report.healthy} {report.codes} {report.losses[:5]}")
        """
    )
    result = pytester.runpytest("-s")
    result.assert_outcomes(passed=2)
    verdicts = [line for line in result.stdout.lines if line.startswith("VERDICT")]
    assert len(verdicts) == 2 and verdicts[0] == verdicts[1], verdicts


def test_bad_input_fails_naming_the_problem(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import lrmodels

        def test_lengths(lrcheck):
            model, x, y = lrmodels.healthy()
            lrcheck(model, x, y[:10])

        def test_not_a_model(lrcheck):
            _, x, y = lrmodels.healthy()
            lrcheck(object(), x, y)

        def test_unknown_keyword(lrcheck):
            model, x, y = lrmodels.healthy()
            lrcheck(model, x, y, stepz=3)
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines(
        [
            "*_ test_lengths _*",
            "lrcheck: x and y must have one row per sample each*",
            "*_ test_not_a_model _*",
            "lrcheck: model must be a keras.Model*",
            "*_ test_unknown_keyword _*",
            "lrcheck: *unexpected keyword argument 'stepz'*",
        ]
    )
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*validate.py*")


def test_lr_range_and_assert_lr_ok(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import lrmodels

        def test_range(lrcheck):
            model, x, y = lrmodels.healthy()
            result = lrcheck.lr_range(model, x, y, steps=60)
            assert len(result.lrs) == len(result.losses) > 0
            assert result.suggested is not None and result.largest_stable is not None

        def test_rate_ok(lrcheck):
            model, x, y = lrmodels.healthy()
            assessment = lrcheck.assert_lr_ok(model, x, y, steps=60)
            assert assessment.ok

        def test_rate_too_high(lrcheck):
            _, x, y = lrmodels.healthy()
            model = lrmodels.classifier(50.0, optimizer="sgd")
            lrcheck.assert_lr_ok(model, x, y, steps=60)
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["*_ test_rate_too_high _*", "learning rate 50 is *x above the largest stable rate*"]
    )
    result.stdout.no_fnmatch_line("*Traceback*")


def test_plots_are_saved_per_checked_model(pytester: pytest.Pytester) -> None:
    pytest.importorskip("matplotlib")
    pytester.makepyfile(
        """
        import pytest
        import lrmodels

        @pytest.mark.lrcheck(steps=30)
        def test_two_checks(lrcheck):
            model, x, y = lrmodels.healthy()
            lrcheck.check(model, x, y)
            lrcheck.check(model, x, y, seed=1)

        @pytest.mark.lrcheck(steps=30)
        def test_failing_check(lrcheck):
            lrcheck(*lrmodels.exploding())
        """
    )
    result = pytester.runpytest("--lrcheck-plots", "plots")
    result.assert_outcomes(passed=1, failed=1)
    plots = pytester.path / "plots"
    saved = sorted(p.name for p in plots.iterdir())
    assert saved == [
        "test_plots_are_saved_per_checked_model.py_test_failing_check.png",
        "test_plots_are_saved_per_checked_model.py_test_two_checks-2.png",
        "test_plots_are_saved_per_checked_model.py_test_two_checks.png",
    ]
    assert all((plots / name).read_bytes()[:4] == b"\x89PNG" for name in saved)
    result.stdout.fnmatch_lines(
        [
            "*_ test_failing_check _*",
            "training unhealthy: *",
            f"loss curve: {plots / saved[0]}",
            "*= lrcheck loss plots =*",
            f"saved 3 loss plot(s) to {plots}",
        ]
    )


def test_missing_matplotlib_is_said_once_and_fails_nothing(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import sys
        import pytest
        import lrmodels

        @pytest.fixture(autouse=True)
        def no_matplotlib(monkeypatch):
            for name in list(sys.modules):
                if name == "matplotlib" or name.startswith("matplotlib."):
                    monkeypatch.delitem(sys.modules, name)
            monkeypatch.setitem(sys.modules, "matplotlib", None)

        @pytest.mark.lrcheck(steps=30)
        @pytest.mark.parametrize("run", [1, 2])
        def test_check(lrcheck, run):
            model, x, y = lrmodels.healthy()
            lrcheck(model, x, y)
        """
    )
    result = pytester.runpytest("--lrcheck-plots", "plots")
    result.assert_outcomes(passed=2)
    lines = [line for line in result.stdout.lines if "matplotlib is not installed" in line]
    assert lines == [
        "matplotlib is not installed, so --lrcheck-plots could not save loss plots "
        "(pip install matplotlib)"
    ]
    assert not (pytester.path / "plots").exists() or not any((pytester.path / "plots").iterdir())


def test_only_errors_lrcheck_raises_itself_are_shown_as_the_tests_mistake():
    from pytest_lrcheck.plugin.fixture import _rejected_by_lrcheck
    from pytest_lrcheck.runtime.probes import summarize_predictions
    from pytest_lrcheck.runtime.validate import check_options

    with pytest.raises(ValueError) as ours:
        check_options(steps=0)
    assert _rejected_by_lrcheck(ours.value)
    # NumPy raising inside our code is our bug: its traceback must reach the user.
    with pytest.raises(ValueError) as internal:
        summarize_predictions(np.array([["a", "b"]]))
    assert not _rejected_by_lrcheck(internal.value)


UNSEEDED_BUILD = """
    import keras
    import numpy as np
    import pytest

    def build_model():
        # No seed of its own: the initial weights are whatever the random state draws.
        model = keras.Sequential(
            [keras.Input((8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(4)]
        )
        model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
        return model

    def data():
        x = np.random.normal(size=(128, 8)).astype("float32")
        return x, x[:, :4] * 2.0

    @pytest.mark.lrcheck(steps=20)
    @pytest.mark.parametrize("run", [1, 2])
    def test_trains(lrcheck, run):
        x, y = data()
        report = lrcheck.check(build_model(), x, y)
        print(f"\\nREPORT {report.healthy} {report.codes} {report.losses}")

    @pytest.mark.lrcheck(steps=20)
    @pytest.mark.parametrize("run", [1, 2])
    def test_trains_on_a_shuffled_pipeline(lrcheck, run):
        import tensorflow as tf

        pipeline = tf.data.Dataset.from_tensor_slices(data()).shuffle(64).batch(16)
        report = lrcheck.check(build_model(), pipeline)
        print(f"\\nPIPELINE {report.healthy} {report.losses} {report.notes}")
"""


def test_the_test_body_is_seeded_so_two_runs_give_the_same_report(
    pytester: pytest.Pytester,
) -> None:
    # Both runs share one process: without seeding, the second would build other weights
    # and draw other data from the random state the first left behind.
    pytester.makepyfile(UNSEEDED_BUILD)
    result = pytester.runpytest("-s")
    result.assert_outcomes(passed=4)
    reports = [line for line in result.stdout.lines if line.startswith("REPORT")]
    assert len(reports) == 2 and reports[0] == reports[1], reports
    # A shuffle without a seed, built in the seeded body, is seeded too: nothing to note.
    pipelines = [line for line in result.stdout.lines if line.startswith("PIPELINE")]
    assert len(pipelines) == 2 and pipelines[0] == pipelines[1], pipelines
    assert "not repeatable" not in pipelines[0]


def test_the_seed_option_chooses_the_test_bodys_seed(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import random

        import numpy as np
        import pytest

        SAVED = []

        def test_before():
            SAVED.append((random.getstate(), np.random.get_state()[1].tolist()))

        @pytest.mark.parametrize("run", [1, 2])
        def test_default(lrcheck, run):
            print(f"\\nDRAW default {random.random()} {np.random.random()}")

        @pytest.mark.lrcheck(seed=7)
        def test_marker(lrcheck):
            print(f"\\nDRAW seven {random.random()} {np.random.random()}")

        def test_state_is_put_back_after_the_check_tests():
            assert SAVED == [(random.getstate(), np.random.get_state()[1].tolist())]
        """
    )
    result = pytester.runpytest("-s", "-p", "no:randomly")
    result.assert_outcomes(passed=5)
    draws = [line.split()[1:] for line in result.stdout.lines if line.startswith("DRAW")]
    by_kind = {kind: values for kind, *values in draws}
    default_runs = [values for kind, *values in draws if kind == "default"]
    assert default_runs[0] == default_runs[1]
    assert by_kind["seven"] != by_kind["default"]
