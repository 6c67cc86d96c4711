"""The reruns: the range test feeds the overfit test its rate, and both start from the run's
starting weights."""

from __future__ import annotations

import pytest

from pytest_lrcheck.runtime import lr_range
from pytest_lrcheck.runtime.lr_range import LRRangeResult
from pytest_lrcheck.runtime.reruns import RANGE_TEST, overfit_rate
from tests.runtime.fake_session import FakeTrainer, evidence


def sweep_reaching(smoothed: tuple[float, ...], base: float) -> LRRangeResult:
    rates = (0.001, 0.01, 0.3, 3.0)
    return LRRangeResult(None, None, rates, smoothed, smoothed, False, base_loss=base)


@pytest.mark.parametrize(
    ("smoothed", "expected"),
    [
        ((2.0, 1.5, 0.5, 9.0), 0.1),  # learned best at 0.3: a third of it
        ((2.5, 2.4, 2.6, 9.0), 0.01),  # no rate beat the start: the model's own rate
    ],
)
def test_the_overfit_rate_follows_the_range_test_when_it_ran(monkeypatch, smoothed, expected):
    calls = []

    def fake_sweep(trainer, batches, min_lr, max_lr, steps, deadline, start):
        calls.append((min_lr, max_lr, steps, start))
        return sweep_reaching(smoothed, base=2.3)

    monkeypatch.setattr(lr_range, "sweep", fake_sweep)
    trainer = FakeTrainer()
    e = evidence(trainer=trainer)
    assert overfit_rate(e) == 0.01  # before the range test: nothing to go by
    assert e.peek(RANGE_TEST) is None  # and asking did not start it
    e.session.batches = object()
    e.session.deadline = 1e12
    e.get(RANGE_TEST)
    assert calls == [(1e-6, 10.0, 100, "start of run")]
    assert trainer.calls == [("snapshot", None)]  # the user's model as the run left it
    assert overfit_rate(e) == pytest.approx(expected)


def test_the_half_rate_run_starts_from_the_run_start_at_half_the_rate_on_the_same_batches():
    from pytest_lrcheck.runtime.loop import RunResult
    from pytest_lrcheck.runtime.reruns import HALF_RATE

    trainer = FakeTrainer()
    ran = []

    def run(batches, steps):
        ran.append((list(batches), steps))
        return RunResult((2.0, 1.0), None, 0.0, False)

    trainer.run = run
    e = evidence(trainer=trainer, learning_rate=0.6)
    e.session.batches = ["b0", "b1"]
    result = e.get(HALF_RATE)
    assert result is not None and result.losses == (2.0, 1.0)
    # The run's end is kept, the start restored, the rate halved; the same batches, 100 steps.
    assert trainer.calls == [("snapshot", None), ("restore", "start of run"), ("rate", 0.3)]
    assert ran == [(["b0", "b1"], 100)]
    e.settle()
    assert trainer.calls[-2:] == [("restore", "end of run"), ("rate", 0.6)]
