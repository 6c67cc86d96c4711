"""``--lrcheck`` watches every ``model.fit`` the suite runs; ``--lrcheck-strict`` fails on it.

In-process sessions with Keras already imported here; the case where a test itself imports
Keras for the first time runs in a subprocess (test_isolation.py).
"""

from __future__ import annotations

import pytest

pytestmark = [
    pytest.mark.tensorflow,
    pytest.mark.usefixtures("keras_loaded", "lrmodels", "nothing_to_lint"),
]


@pytest.fixture
def nothing_to_lint(pytester: pytest.Pytester) -> None:
    """These tests are about the fit watch: point the lint items at an empty directory."""
    pytester.mkdir("nothing-to-lint")
    pytester.makeini("[pytest]\nlrcheck_paths = nothing-to-lint\n")


FITS = """
import lrmodels


def test_explodes():
    model, x, y = lrmodels.exploding()
    model.fit(x, y, epochs=3, batch_size=32, verbose=0)


def test_learns():
    model, x, y = lrmodels.healthy()
    history = model.fit(x, y, epochs=2, batch_size=32, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
"""


def test_summary_lists_the_test_whose_fit_misbehaved(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_fits=FITS)
    result = pytester.runpytest("--lrcheck")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "*= lrcheck training watch =*",
            "test_fits.py::test_explodes: LRC50* *: *",
            "2 model.fit call(s) watched in 2 test(s); 1 with loss problems",
        ]
    )
    result.stdout.no_fnmatch_line("test_fits.py::test_learns: LRC*")


def test_healthy_fits_are_counted_and_raise_no_alarm(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_fits=FITS)
    result = pytester.runpytest("--lrcheck", "-k", "learns")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        [
            "*= lrcheck training watch =*",
            "1 model.fit call(s) watched in 1 test(s); no loss problems seen",
        ]
    )
    result.stdout.no_fnmatch_line("*LRC5*")


def test_strict_fails_the_test_that_trained(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_fits=FITS)
    result = pytester.runpytest("--lrcheck-strict")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ test_explodes _*",
            "model.fit showed a loss problem (--lrcheck-strict):",
            "LRC50* *: *",
            "*short test summary info*",
            "FAILED test_fits.py::test_explodes*",
        ]
    )
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("FAILED test_fits.py::test_learns*")


def test_strict_covers_fits_in_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        import lrmodels

        @pytest.fixture
        def trained():
            model, x, y = lrmodels.exploding()
            model.fit(x, y, epochs=3, verbose=0)
            return model

        def test_uses_it(trained):
            pass
        """
    )
    result = pytester.runpytest("--lrcheck-strict")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ERROR at setup of test_uses_it*", "model.fit showed*"])


def test_a_failing_test_keeps_its_own_failure_under_strict(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import lrmodels

        def test_explodes_then_fails():
            model, x, y = lrmodels.exploding()
            model.fit(x, y, epochs=3, verbose=0)
            assert 1 == 2, "the test's own assertion"
        """
    )
    result = pytester.runpytest("--lrcheck-strict")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*the test's own assertion*"])
    # The watch still reports the fit in the summary.
    result.stdout.fnmatch_lines(["test_*.py::test_explodes_then_fails: LRC50*"])


def test_users_own_watcher_is_not_doubled(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        import lrmodels
        from pytest_lrcheck import LossWatcher

        @pytest.fixture
        def created(monkeypatch):
            made = []
            init = LossWatcher.__init__

            def counting_init(self, **kwargs):
                made.append(self)
                init(self, **kwargs)

            monkeypatch.setattr(LossWatcher, "__init__", counting_init)
            return made

        def test_mine(created):
            model, x, y = lrmodels.exploding()
            mine = LossWatcher()
            model.fit(x, y, epochs=2, verbose=0, callbacks=[mine])
            assert created == [mine]
            assert mine.symptoms, "the user's watcher saw the problem itself"

        def test_theirs(created):
            model, x, y = lrmodels.healthy()
            model.fit(x, y, epochs=2, verbose=0, callbacks=[])
            assert len(created) == 1
        """
    )
    result = pytester.runpytest("--lrcheck-strict")
    # The user judges their own watched fit: strict does not fail it, the summary skips it.
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["1 model.fit call(s) watched in 1 test(s); no loss problems seen"])
    result.stdout.no_fnmatch_line("*test_mine: LRC*")


def test_fixture_checks_are_not_watched_fits(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        import lrmodels

        @pytest.mark.lrcheck(steps=30)
        def test_check(lrcheck):
            model, x, y = lrmodels.exploding()
            assert not lrcheck.check(model, x, y).healthy
        """
    )
    result = pytester.runpytest("--lrcheck-strict")
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*lrcheck training watch*")


def test_fit_is_patched_only_with_the_flag_and_restored_after(pytester: pytest.Pytester) -> None:
    import keras  # type: ignore[import-untyped]

    pytester.makepyfile(
        """
        import keras

        def test_patched():
            assert "fit" in keras.Model.__dict__
        """
    )
    before = dict(keras.Model.__dict__)
    pytester.runpytest("--lrcheck").assert_outcomes(passed=1)
    assert "fit" not in keras.Model.__dict__
    assert dict(keras.Model.__dict__) == before
    pytester.runpytest().assert_outcomes(failed=1)
