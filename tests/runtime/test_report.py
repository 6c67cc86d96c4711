from __future__ import annotations

import math
import pickle
import subprocess
import sys

import pytest

from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES
from pytest_lrcheck.runtime.report import Symptom, TrainingReport, make_symptom


def _symptom(code: str = "LRC504", confidence: float = 0.8) -> Symptom:
    return make_symptom(code, f"{code} message; do this", {"end_loss": 1.84}, confidence)


def _unhealthy() -> TrainingReport:
    return TrainingReport(
        healthy=False,
        symptoms=(_symptom("LRC512", 0.9), _symptom("LRC504", 0.85)),
        losses=(1.78, 188.0, 1.9, 1.85),
        steps_run=4,
        seconds=0.5,
        learning_rate=1.0,
        seed=3,
        verdict_step=2,
        chance_loss=1.79,
    )


def test_symptom_names_come_from_the_code_table():
    assert _symptom("LRC507").name == SYMPTOM_NAMES["LRC507"] == "dead-relu"


def test_symptom_evidence_is_read_only_and_the_symptom_pickles():
    symptom = _symptom()
    with pytest.raises(TypeError):
        symptom.evidence["end_loss"] = 0.0  # type: ignore[index]
    copy = pickle.loads(pickle.dumps(symptom))
    assert copy == symptom and dict(copy.evidence) == {"end_loss": 1.84}
    assert hash(copy) == hash(symptom)


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("504", "n", "m", {}, 0.5), "code"),
        (("LRC504", "n", "m", {}, 1.5), "confidence"),
    ],
)
def test_symptom_rejects_bad_values(args, problem):
    with pytest.raises(ValueError, match=problem):
        Symptom(*args)


def test_explain_names_verdict_causes_evidence_and_sparkline():
    report = _unhealthy()
    text = report.explain()
    first, curve = text.splitlines()[:2]
    # the headline is the loss-curve verdict, not the top-ranked cause
    assert first == "training unhealthy: LRC504 stuck-at-chance: LRC504 message; do this"
    assert report.sparkline() in curve and "(log scale)" in curve and "chance level 1.79" in curve
    assert "batch loss 1.78 -> 1.85 (first and last batch, not smoothed) over 4 steps" in curve
    assert "1. LRC512 learning-rate-too-high (confidence 0.90)" in text
    # The headline's symptom is not repeated as a cause.
    assert text.count("LRC504 message") == 1 and "2. " not in text
    assert "evidence: end_loss=1.84" in text
    assert "seed 3" in text and "learning rate 1" in text and "verdict at step 2" in text
    assert "lrcheck --explain LRC512" in text


def test_assert_healthy_raises_the_explanation_and_passes_when_healthy():
    report = _unhealthy()
    with pytest.raises(AssertionError) as raised:
        report.assert_healthy()
    assert str(raised.value) == report.explain()
    healthy = TrainingReport(healthy=True, symptoms=(), losses=(2.3, 1.0), steps_run=2)
    healthy.assert_healthy()
    assert healthy.explain().startswith("training healthy: loss 2.3 -> 1")


def test_an_inconclusive_report_says_the_budget_ran_out():
    report = TrainingReport(
        healthy=False,
        symptoms=(),
        losses=(2.3,),
        steps_run=1,
        seconds=61.0,
        budget_exceeded=True,
        steps_requested=200,
    )
    assert report.inconclusive
    assert report.headline().startswith("time budget exceeded after 1 of 200 steps")
    assert "raise max_seconds" in report.explain()


def test_lookup_by_code():
    report = _unhealthy()
    assert report.codes == ("LRC512", "LRC504")
    assert report.symptom("lrc504") is report.symptoms[1]
    assert report.symptom("LRC501") is None


def test_importing_the_report_and_plot_modules_does_not_import_tensorflow():
    code = (
        "import sys; import pytest_lrcheck.runtime.report, pytest_lrcheck.runtime.plots, "
        "pytest_lrcheck.runtime.check, pytest_lrcheck.runtime.lr_range; "
        "import pytest_lrcheck; pytest_lrcheck.TrainingReport; pytest_lrcheck.check_training; "
        "print([m for m in ('tensorflow', 'keras') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _warned() -> TrainingReport:
    return TrainingReport(
        healthy=True,
        symptoms=(),
        losses=(2.3, 1.1, 0.4),
        steps_run=3,
        warnings=(_symptom("LRC516", 0.8), _symptom("LRC511", 0.7)),
    )


def test_warnings_leave_the_run_healthy_but_fail_it_under_strict():
    report = _warned()
    assert report.healthy and report.passes() and not report.passes(strict=True)
    assert report.warning_codes == ("LRC516", "LRC511")
    report.assert_healthy()
    with pytest.raises(AssertionError, match="LRC516"):
        report.assert_healthy(strict=True)


def test_explain_lists_every_warning_and_the_headline_names_the_first():
    report = _warned()
    assert report.headline().startswith("training healthy: loss 2.3 -> 0.4 over 3 steps")
    assert "with 2 warnings: LRC516 activation-loss-mismatch" in report.headline()
    text = report.explain()
    assert "  warnings (the loss falls, but):" in text
    assert "    - LRC511 unscaled-input-data: LRC511 message; do this" in text
    # A warning, too, ends with the one change to try (no evidence here: a generic recipe).
    assert "    - LRC511 unscaled-input-data: LRC511 message; do this\n      try first: " in text
    assert "`lrcheck --explain LRC516`" in text
    assert pickle.loads(pickle.dumps(report)) == report


def test_a_report_without_warnings_says_nothing_of_them():
    report = TrainingReport(healthy=True, symptoms=(), losses=(1.0, 0.5), steps_run=2)
    assert "warning" not in report.explain() and report.passes(strict=True)


def test_other_curve_symptoms_are_seen_and_a_lone_curve_says_no_cause_was_found():
    report = TrainingReport(
        healthy=False,
        symptoms=(_symptom("LRC502", 0.8), _symptom("LRC505", 0.7)),
        losses=(1.0, 9.0, 90.0),
        steps_run=3,
    )
    text = report.explain()
    assert "  also seen: LRC505 loss-oscillating: LRC505 message; do this" in text
    assert "  likely causes: none found beyond the loss curve" in text
    assert report.causes == ()


def test_a_run_stopped_at_its_verdict_counts_the_steps_saved():
    stopped = TrainingReport(
        healthy=False,
        symptoms=(_symptom("LRC502", 0.8),),
        losses=(1.0,) * 20,
        steps_run=20,
        steps_requested=200,
    )
    assert stopped.steps_saved == 180
    assert "training stopped at the verdict: 180 of 200 steps saved" in stopped.explain()
    cut = TrainingReport(
        healthy=False,
        symptoms=(_symptom("LRC502", 0.8),),
        losses=(1.0,) * 20,
        steps_run=20,
        steps_requested=200,
        budget_exceeded=True,
    )
    assert cut.steps_saved == 0 and "saved" not in cut.explain()


def test_non_finite_numbers_read_as_the_messages_spell_them_and_one_step_is_singular():
    from pytest_lrcheck.runtime.detectors.curve import not_finite

    losses = (1.4e5, math.inf)
    symptom = not_finite(losses)
    report = TrainingReport(healthy=False, symptoms=(symptom,), losses=losses, steps_run=2)
    text = report.explain()
    assert "loss became Inf at step 1" in text and "batch loss 1.4e+05 -> Inf" in text
    nan = TrainingReport(
        healthy=False, symptoms=(not_finite((math.nan,)),), losses=(math.nan,), steps_run=1
    ).explain()
    assert "batch loss NaN -> NaN (first and last batch, not smoothed) over 1 step\n" in nan
    assert "check_training: 1 step in" in nan


def test_the_headline_is_never_listed_again_among_the_causes():
    # A curve verdict, and a cause that is the verdict itself (the model's outputs decided).
    cause_verdict = TrainingReport(
        healthy=False,
        symptoms=(_symptom("LRC516", 0.9), _symptom("LRC511", 0.85)),
        losses=(1.0, 0.5),
        steps_run=2,
    )
    for report, shown in ((_unhealthy(), "LRC504"), (cause_verdict, "LRC516")):
        text = report.explain()
        assert report.headline() == f"training unhealthy: {report.symptom(shown)}"
        assert text.count(f"{shown} message") == 1
    assert "    1. LRC511 unscaled-input-data" in cause_verdict.explain()


def test_a_report_with_a_nan_origin_pickles_and_compares():
    from pytest_lrcheck.runtime.report import NonFiniteOrigin

    origin = NonFiniteOrigin(3, "gradient", "hidden", "Dense", above="out")
    report = TrainingReport(
        healthy=False,
        symptoms=(_symptom("LRC501", 0.95),),
        losses=(1.0, 2.0, 3.0, math.inf),  # NaN would never compare equal to itself
        steps_run=4,
        non_finite=origin,
    )
    assert pickle.loads(pickle.dumps(report)) == report
    assert "from 'out' on they are finite: it turned NaN/Inf in 'hidden'" in report.explain()
