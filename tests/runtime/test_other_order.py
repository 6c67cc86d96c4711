"""A stall at the constant guess gets a second run under another batch order (`other_order`):
the rerun itself, how its curve is read, and the verdict on real models (a plateau that one
order leaves, labels the inputs do not predict)."""

from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime import other_order
from pytest_lrcheck.runtime.batches import ArrayBatches
from pytest_lrcheck.runtime.detectors.reference import for_classes
from pytest_lrcheck.runtime.loop import RunResult
from pytest_lrcheck.runtime.report import make_symptom
from pytest_lrcheck.runtime.reruns import OTHER_ORDER
from tests.runtime.fake_session import FakeTrainer, evidence

TWO = for_classes(2)  # a constant guess of ln 2


def _rows(batches: ArrayBatches, steps: int) -> list[list[int]]:
    return [list(batches.indices(step)) for step in range(steps)]


def test_another_order_has_the_same_rows_in_another_repeatable_order():
    x = np.arange(100.0).reshape(50, 2)
    batches = ArrayBatches(x, np.arange(50), 50, 10, seed=3)
    before = _rows(batches, 10)
    other = batches.reordered()
    assert _rows(other, 10) != before
    assert _rows(other, 10) == _rows(batches.reordered(), 10)  # seeded
    assert _rows(batches, 10) == before  # the run's own order is untouched
    for epoch in (0, 1):  # every row once per epoch, in either order
        rows = range(5 * epoch, 5 * epoch + 5)
        assert sorted(np.concatenate([other.indices(s) for s in rows])) == list(range(50))
    assert _rows(other.reordered(), 5) not in (_rows(other, 5), before[:5])


def _stalled_evidence(rerun_losses, *, run_losses=None, batches=None):
    trainer = FakeTrainer()
    ran = []

    def run(batches, steps):
        ran.append((batches, steps))
        return RunResult(tuple(rerun_losses), None, 0.0, False)

    trainer.run = run
    e = evidence(trainer=trainer, learning_rate=0.01)
    flat = list(np.log(2) * (1 + 0.02 * np.random.default_rng(0).standard_normal(200)))
    e.run = RunResult(tuple(run_losses or flat), None, 0.0, False)
    e.session.reference = TWO
    e.session.batches = (
        batches
        if batches is not None
        else ArrayBatches(np.zeros((64, 1)), np.zeros(64), 64, 8, seed=0)
    )
    return e, trainer, ran


FALLING = list(np.log(2) * np.exp(-np.arange(200) / 40) + 0.01)
FLAT = list(np.log(2) * (1 + 0.02 * np.random.default_rng(1).standard_normal(200)))


def test_the_rerun_starts_from_the_run_start_at_its_own_rate_for_the_whole_run():
    e, trainer, ran = _stalled_evidence(FALLING)
    assert other_order.learns_under_another_order(e)
    # The start restored, no rate set; then the run's end put back for the later probes.
    assert trainer.calls[:2] == [("snapshot", None), ("restore", "start of run")]
    assert ("restore", "end of run") in trainer.calls[2:]
    ((batches, steps),) = ran
    assert steps == 200
    first = next(batches)
    assert len(first[0]) == 8


def test_a_rerun_that_leaves_the_guess_passes_with_a_warning_that_gives_both_ratios():
    e, _, _ = _stalled_evidence(FALLING)
    assert other_order.learns_under_another_order(e)
    warning = other_order.plateau_warning(e)
    assert warning is not None and warning.code == "LRC503"
    assert warning.evidence["other_order_ratio"] < 0.1
    assert warning.evidence["stall_ratio"] == pytest.approx(1.0, abs=0.03)
    assert "another batch order" in warning.message and "plateau" in warning.message


def test_a_rerun_that_stalls_too_keeps_the_failure_and_says_so():
    e, _, _ = _stalled_evidence(FLAT)
    assert not other_order.learns_under_another_order(e)
    assert other_order.plateau_warning(e) is None
    stall = make_symptom("LRC503", "loss is no better than a constant guess", {"ratio": 1.0}, 0.6)
    said = other_order.stalled_twice(e, stall)
    assert "under another batch order too" in said.message
    assert said.evidence["other_order"] == "stalled"


def test_no_second_opinion_where_the_check_does_not_choose_the_order():
    e, trainer, ran = _stalled_evidence(FALLING, batches=object())  # a dataset, a generator
    assert not other_order.learns_under_another_order(e)
    assert ran == [] and trainer.calls == []
    stall = make_symptom("LRC503", "loss is no better than a constant guess", {"ratio": 1.0}, 0.6)
    assert other_order.stalled_twice(e, stall) is stall


def test_a_run_cut_short_is_judged_as_it_is():
    e, _, ran = _stalled_evidence(FALLING, run_losses=FLAT[:120])
    assert not other_order.learns_under_another_order(e)
    assert ran == [] and not e.has(OTHER_ORDER)


def test_a_plateau_one_order_leaves_passes_with_the_warning_and_the_model_unchanged():
    """The zoo's embedding classifier built on seed 3 sits at the constant guess for 200
    steps under about half the batch orders (the check's own among them) and learns under
    the others: a plain fit of it learns under 3 of 5 orders in 235 steps."""
    pytest.importorskip("tensorflow")
    from pytest_lrcheck import check_training
    from tests.zoo import by_name, seeded

    seeded(3)
    case = by_name("embedding").build(3)
    before = [np.array(w) for w in case.model.get_weights()]
    report = check_training(case.model, case.inputs.x, case.inputs.y, seed=3)
    assert report.healthy, report
    assert [w.code for w in report.warnings] == ["LRC503"]
    assert report.warnings[0].evidence["stall_ratio"] > 0.95  # the run itself did stall
    assert report.warnings[0].evidence["other_order_ratio"] < 0.5
    after = case.model.get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))


def test_labels_the_inputs_do_not_predict_fail_under_both_orders(keras):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 8)).astype("float32")
    y = rng.integers(0, 2, 600).astype("float32")  # drawn apart from x
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((8,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)]
    )
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.BinaryCrossentropy(from_logits=True))
    from pytest_lrcheck import check_training

    report = check_training(model, x, y, seed=0)
    assert not report.healthy
    assert report.symptoms[0].code == "LRC503"
    assert "under another batch order too" in report.symptoms[0].message
