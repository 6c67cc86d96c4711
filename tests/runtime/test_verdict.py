"""The one verdict path: ranking, the verdict step and the report, the same for every check."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pytest_lrcheck.runtime.check import check_step
from pytest_lrcheck.runtime.detectors.curve import judge_curve, verdict_step
from pytest_lrcheck.runtime.detectors.reference import UNKNOWN, for_classes, reference_for
from pytest_lrcheck.runtime.report import make_symptom
from pytest_lrcheck.runtime.verdict import conclude, decided_at, rank

STUCK = [math.log(10)] * 60  # a flat loss right at chance for ten classes
FALLING = list(np.linspace(2.3, 0.3, 60))


def _symptom(code: str, confidence: float):
    return make_symptom(code, f"{code} seen", {}, confidence)


def test_rank_puts_what_happened_first_then_causes_upstream_first_ties_in_order():
    a, b, c, d = (
        _symptom("LRC511", 0.7),
        _symptom("LRC504", 0.85),
        _symptom("LRC516", 0.7),
        _symptom("LRC507", 0.9),
    )
    # The curve, then the data, the configuration, and the dead units those bring about,
    # although the dead units are the most confident finding.
    assert rank([a, b, c, d]) == (b, a, c, d)
    assert rank([c, d]) == (c, d)
    high, low = _symptom("LRC512", 0.7), _symptom("LRC512", 0.9)
    assert rank([high, low]) == (low, high)  # within a tier, confidence decides


def test_rank_puts_kernels_that_never_changed_after_the_dead_units_that_starve_them():
    dead = _symptom("LRC507", 0.8)
    still = _symptom("LRC520", 0.8)
    inputs = _symptom("LRC511", 0.85)
    # LRC520's tier is upstream of LRC507's, but dead units explain the still kernels.
    assert rank([still, dead, inputs]) == (inputs, dead, still)
    assert rank([still, inputs]) == (inputs, still)


def test_rank_keeps_advice_on_the_rate_only_where_the_evidence_backs_it():
    from pytest_lrcheck.runtime.detectors.curve import LOWER_RATE
    from pytest_lrcheck.runtime.detectors.not_decreasing import RAISE_RATE

    stall = make_symptom("LRC503", f"loss flat; {RAISE_RATE}or train longer", {}, 0.6)
    high = make_symptom("LRC512", "learning rate 1 is too high; use about 0.01", {}, 0.9)
    low = make_symptom("LRC513", "learning rate 1e-05 is too low", {}, 0.9)
    blown = make_symptom("LRC502", "loss blew up; lower the learning rate", {}, 0.8)
    stuck = make_symptom("LRC504", f"stuck: {LOWER_RATE}look for dead units", {}, 0.85)
    # The range test found the rate too low: raising it is the advice.
    assert rank([stall, low])[0].message == stall.message
    # Nothing says which way the rate is wrong, or a cause says lower it: no "raise".
    assert rank([stall])[0].message == "loss flat; or train longer"
    ranked = rank([high, stall])
    assert ranked[0].code == "LRC503" and ranked[1] is high
    assert ranked[0].message == "loss flat; or train longer"
    assert RAISE_RATE not in rank([stall, low, blown])[1].message
    # A rate found too low takes "lower the rate" out of a stuck curve's advice.
    assert rank([stuck, low])[0].message == "stuck: look for dead units"
    assert rank([stuck])[0].message == stuck.message


def test_the_verdict_step_comes_from_the_curve_or_is_the_last_step():
    reference = for_classes(10)
    losses = [2.3] * 5 + [float("nan")]
    assert decided_at(losses, judge_curve(losses, reference), reference) == 5
    # Seen only in the trained model (no curve code): decided when the run ended.
    assert decided_at(FALLING, [_symptom("LRC516", 0.9)], reference) == len(FALLING) - 1
    assert decided_at(FALLING, [], reference) is None
    found = judge_curve(STUCK, reference)
    assert [s.code for s in found] == ["LRC504"]
    assert decided_at(STUCK, found, reference) < len(STUCK) - 1


def test_the_verdict_step_is_the_headlines():
    # Stuck at chance for 190 steps, then blown up: two curve codes with their own steps; the
    # footer's step is that of the symptom the headline names, not the earliest.
    reference = for_classes(10)
    rng = np.random.default_rng(0)
    losses = [*2.3 * (1 + 0.02 * rng.standard_normal(190)), *np.geomspace(3.0, 3e4, 10)]
    blown = verdict_step(losses, "LRC502", reference)
    assert blown > verdict_step(losses, "LRC504", reference)
    found = [make_symptom("LRC504", "stuck", {}, 0.5), make_symptom("LRC502", "blew up", {}, 0.9)]
    assert rank(found)[0].code == "LRC502"
    assert decided_at(losses, found, reference) == blown
    assert decided_at(losses, found[::-1], reference) == blown


def test_conclude_reports_healthy_unhealthy_and_inconclusive_runs():
    reference = for_classes(10)
    healthy = conclude(FALLING, [], reference, source="test", seconds=1.0)
    assert healthy.healthy and healthy.symptoms == () and healthy.verdict_step is None
    assert healthy.chance_loss == pytest.approx(math.log(10))

    found = judge_curve(STUCK, reference)
    extra = _symptom("LRC507", 0.9)
    sick = conclude(STUCK, found, reference, source="test", seconds=1.0, causes=[*found, extra])
    assert not sick.healthy and sick.codes == ("LRC504", "LRC507")
    assert sick.headline().startswith("training unhealthy: LRC504")  # the verdict, not a cause

    cut = conclude(STUCK[:3], [], reference, source="test", seconds=1.0, over_budget=True)
    assert cut.inconclusive and not cut.healthy and cut.budget_exceeded
    # Causes without a verdict are not reported: the run is healthy.
    quiet = conclude(FALLING, [], reference, source="test", seconds=1.0, causes=[extra])
    assert quiet.healthy and quiet.symptoms == ()


def test_a_regression_reference_gives_no_chance_level():
    y = np.linspace(-1, 1, 50)[:, None]
    reference = reference_for("mean_squared_error", y)
    assert reference.constant is not None
    assert conclude(FALLING, [], reference, source="test", seconds=0.0).chance_loss is None
    assert conclude(FALLING, [], UNKNOWN, source="test", seconds=0.0).chance_loss is None


@pytest.mark.tensorflow
@pytest.mark.parametrize(
    "curve", [STUCK, FALLING, [*FALLING[:30], *([9.0] * 30)], [*FALLING[:20], float("nan")]]
)
def test_check_step_and_the_fit_watcher_give_one_verdict_for_one_curve(keras, curve):
    from pytest_lrcheck.runtime.watcher import LossWatcher

    values = iter(curve)
    stepped = check_step(lambda: next(values), steps=len(curve), n_classes=10)

    watcher = LossWatcher(n_classes=10)
    watcher.on_train_begin()
    watcher.on_epoch_begin(0)
    total = 0.0
    for batch, value in enumerate(curve):
        total += value
        watcher.on_train_batch_end(batch, {"loss": total / (batch + 1)})
    watched = watcher.report()

    assert watched.healthy == stepped.healthy
    assert watched.codes == stepped.codes
    assert watched.verdict_step == stepped.verdict_step
    assert watched.chance_loss == stepped.chance_loss
    assert (stepped.source, watched.source) == ("check_step", "LossWatcher")


def test_conclude_keeps_warnings_of_a_healthy_run_only():
    from pytest_lrcheck.runtime.detectors.reference import UNKNOWN
    from pytest_lrcheck.runtime.report import make_symptom
    from pytest_lrcheck.runtime.verdict import conclude

    warning = make_symptom("LRC511", "inputs reach 255", {}, 0.7)
    failure = make_symptom("LRC503", "loss flat", {}, 0.6)
    healthy = conclude([1.0, 0.5], [], UNKNOWN, source="t", seconds=0.0, warnings=[warning])
    failed = conclude([1.0, 1.0], [failure], UNKNOWN, source="t", seconds=0.0, warnings=[warning])
    assert healthy.warnings == (warning,)
    assert failed.warnings == () and not failed.healthy


class _Canned:
    """What `verdict._stalled_run` reads of a check's evidence, with canned reruns."""

    def __init__(self, losses, values, rate=0.6):
        from types import SimpleNamespace

        from pytest_lrcheck.runtime.detectors.curve_stats import curve_stats
        from tests.runtime.fake_session import facts

        self.run = SimpleNamespace(losses=tuple(losses))
        self.loss_curve = curve_stats(losses)
        self.reference = for_classes(10)
        self.facts = facts(learning_rate=rate)
        self.cannot_retrain = None
        self.values, self.asked = values, []

    def get(self, probe):
        self.asked.append(probe.name)
        return self.values.get(probe.name)

    def settle(self):
        pass

    def peek(self, probe):
        return self.values.get(probe.name)


def _rerun(losses):
    from pytest_lrcheck.runtime.loop import RunResult

    return RunResult(tuple(losses), None, 0.0, False)


def _noisy(values, seed=0):
    rng = np.random.default_rng(seed)
    return list(values * (1 + 0.05 * rng.standard_normal(values.size)))


def test_a_stalled_run_fails_when_half_the_rate_trains_clearly_better():
    from pytest_lrcheck.runtime.verdict import _stalled_run

    run = _noisy(np.concatenate([np.geomspace(2.3, 0.7, 30), np.full(170, 1.1)]))
    better = _rerun(_noisy(np.geomspace(2.3, 0.3, 100), 1))
    slower = _rerun(_noisy(np.geomspace(2.3, 1.2, 100), 1))
    found = _stalled_run(_Canned(run, {"run at half the rate": better}), None)
    assert found is not None and found.code == "LRC512"
    assert _stalled_run(_Canned(run, {"run at half the rate": slower}), None) is None


def test_a_run_still_falling_is_taken_on_trust_without_a_rerun():
    from pytest_lrcheck.runtime.verdict import _stalled_run

    evidence = _Canned(_noisy(1.8 * np.exp(-np.arange(200) / 80) + 0.2), {})
    assert _stalled_run(evidence, None) is None and evidence.asked == []


def test_barely_beating_the_guess_fails_only_with_a_penalty_that_outweighs_the_data():
    from pytest_lrcheck.runtime.verdict import _stalled_run

    plateau = _noisy(np.full(200, 0.93 * math.log(10)))
    slower = _rerun(_noisy(np.full(100, 2.2), 1))
    stuck = (_rerun(_noisy(np.full(100, 2.3), 2)), 0.001)
    canned = {"run at half the rate": slower, "small-batch overfit test": stuck}
    found = _stalled_run(_Canned(plateau, {**canned, "weight penalty": 20.0}), None)
    assert found is not None and found.code == "LRC503" and "barely beats" in found.message
    # No weight penalty (or a small one): a slow model that cannot fit one batch passes.
    assert _stalled_run(_Canned(plateau, canned), None) is None
    assert _stalled_run(_Canned(plateau, {**canned, "weight penalty": 0.01}), None) is None


@pytest.mark.parametrize(
    ("probe_share", "passes", "warns"),
    [(0.5, True, False), (0.93, True, True), (0.99, False, False)],
)
def test_a_curve_near_the_guess_is_read_again_on_the_probe_batch(probe_share, passes, warns):
    from pytest_lrcheck.runtime.verdict import _beats_constant_on_probe, _thin_margin
    from tests.runtime.fake_session import facts

    near = _noisy(np.full(200, 0.99 * math.log(10)))
    from types import SimpleNamespace

    varied = (SimpleNamespace(constant=False, output=None),)  # the trained model's vary
    canned = {"loss on the probe batch": probe_share * math.log(10)}
    evidence = _Canned(near, {**canned, "predictions of the trained model": varied})
    evidence.facts = facts(loss="sparse_categorical_crossentropy", output_units=10)
    evidence.probe_y = np.arange(10).repeat(10)  # balanced: the guess scores ln 10
    (stall,) = judge_curve(near, for_classes(10), False)
    assert stall.code == "LRC503"
    assert _beats_constant_on_probe(evidence, stall) == passes
    warning = _thin_margin(evidence)
    assert (warning is not None) == warns
    if warning is not None:
        assert warning.code == "LRC503" and "only just learned" in warning.message
