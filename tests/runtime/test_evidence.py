"""Evidence is gathered lazily, once per check, and only within the time budget."""

from __future__ import annotations

import collections

import pytest

from pytest_lrcheck.runtime.evidence import CANNOT_RETRAIN, Evidence, Probe
from tests.runtime.fake_session import FakeTrainer, evidence


def counting(cost: float | None = None) -> tuple[Probe[int], collections.Counter[str]]:
    calls: collections.Counter[str] = collections.Counter()

    def gather(e: Evidence) -> int:
        calls["gathered"] += 1
        return 42

    return Probe("counted probe", gather, None if cost is None else (lambda e: cost)), calls


def test_a_probe_is_gathered_on_first_use_and_never_again():
    probe, calls = counting(cost=0.01)
    e = evidence()
    assert not e.has(probe) and e.peek(probe) is None
    assert e.get(probe) == 42 and e.get(probe) == 42 and e.peek(probe) == 42
    assert calls["gathered"] == 1 and e.gathered["counted probe"] == 1
    assert e.has(probe)


def test_a_probe_the_budget_has_no_room_for_is_not_gathered_nor_remembered():
    probe, calls = counting(cost=10.0)
    e = evidence(seconds=1.0)
    assert e.get(probe) is None and e.get(probe) is None
    assert calls["gathered"] == 0 and not e.has(probe)


def test_free_evidence_is_read_even_once_the_budget_is_spent():
    probe, calls = counting(cost=None)
    e = evidence(seconds=-1.0)
    assert e.get(probe) == 42 and calls["gathered"] == 1


def test_peek_never_gathers():
    probe, calls = counting(cost=0.0)
    e = evidence()
    assert e.peek(probe) is None and calls["gathered"] == 0


@pytest.mark.parametrize(
    ("changed", "gradients", "reason"),
    [
        ({}, True, None),
        ({"lr_schedule": True}, True, CANNOT_RETRAIN),
        ({"learning_rate": None}, True, CANNOT_RETRAIN),
        ({}, False, None),  # a custom train_step: reruns train through it too
    ],
)
def test_reruns_need_a_constant_rate(changed, gradients, reason):
    e = evidence(trainer=FakeTrainer(has_gradients=gradients), **changed)
    assert e.cannot_retrain == reason


def test_the_rerun_steps_never_exceed_the_run():
    e = evidence()
    assert e.rerun_steps == 100
    e.steps = 40
    assert e.rerun_steps == 40


def test_reruns_start_from_the_run_start_and_leave_the_users_model_as_the_run_left_it():
    trainer = FakeTrainer()
    e = evidence(trainer=trainer)
    e.rewind(0.001)
    e.rewind(0.003)
    e.settle()
    assert trainer.calls == [
        ("snapshot", None),  # once, before the first rerun moves the model
        ("restore", "start of run"),
        ("rate", 0.001),
        ("restore", "start of run"),
        ("rate", 0.003),
        ("restore", "end of run"),
        ("rate", 0.01),
    ]
    e.settle()  # nothing moved since
    assert len(trainer.calls) == 7


def test_nothing_is_restored_when_no_rerun_ran_or_the_run_was_abandoned():
    trainer = FakeTrainer()
    e = evidence(trainer=trainer)
    e.settle()
    assert trainer.calls == []
    e.rewind(0.1)
    e.budget.abandoned = True
    e.settle()
    assert trainer.calls[-1] == ("rate", 0.1)  # left where the rerun was: nobody reads it
