"""Evidence that retrains the model from its starting weights: the gradient norm of every step,
the learning-rate range test, the same run at half and at a tenth of the rate, the same run
under another batch order, and the small-batch overfit test.

Each rerun starts from the weights the run started from (`Evidence.rewind`) and trains on the
same seeded batches (but for the other order), so its losses compare with the run's batch for
batch; the diagnosis puts the model back as the run left it when it is done (`Evidence.settle`).
"""

from __future__ import annotations

import itertools
import math

from pytest_lrcheck.runtime import lr_range
from pytest_lrcheck.runtime.batches import ArrayBatches
from pytest_lrcheck.runtime.evidence import Evidence, Probe
from pytest_lrcheck.runtime.gradients import global_norm, loss_gradients
from pytest_lrcheck.runtime.loop import RunResult
from pytest_lrcheck.runtime.lr_range import LRRangeResult

OVERFIT_STEPS = 100


def _rate(evidence: Evidence) -> float:
    rate = evidence.facts.learning_rate
    if rate is None:  # `Evidence.cannot_retrain` keeps every rerun from such a model
        raise RuntimeError("a rerun needs the model's learning rate")
    return rate


def _range_test(evidence: Evidence) -> LRRangeResult:
    rate = _rate(evidence)
    evidence.leave_end_state()
    return lr_range.sweep(
        evidence.session.trainer,
        evidence.session.batches,
        min(1e-6, rate / 1e3),
        max(10.0, rate * 10),
        evidence.rerun_steps,
        evidence.session.deadline,
        evidence.start,
    )


def _gradient_trace(evidence: Evidence) -> tuple[float, ...]:
    """The run again from its start, with the global gradient norm of each batch computed
    before its step (Keras' step keeps its own gradients to itself), as far as the run went."""
    evidence.rewind(_rate(evidence))
    model, norms = evidence.session.model, []

    def measure(batch: tuple[object, ...]) -> None:
        x, y, weights = (*batch, None, None)[:3]
        norms.append(global_norm(loss_gradients(model, x, y, weights)))

    steps = min(evidence.rerun_steps, len(evidence.run.losses))
    evidence.session.trainer.run(
        iter(evidence.session.batches),
        steps,
        before_step=measure,
        stop=lambda losses: not math.isfinite(norms[-1]),
    )
    return tuple(norms)


def _lower_rate(evidence: Evidence) -> RunResult:
    evidence.rewind(_rate(evidence) / 10)
    return evidence.session.trainer.run(iter(evidence.session.batches), evidence.rerun_steps)


def _half_rate(evidence: Evidence) -> RunResult:
    evidence.rewind(_rate(evidence) / 2)
    return evidence.session.trainer.run(iter(evidence.session.batches), evidence.rerun_steps)


def _other_order(evidence: Evidence) -> RunResult | None:
    """The whole run again from the same start and rate, its batches in another seeded order;
    None for batches the check does not order itself (a dataset, a generator)."""
    batches = evidence.session.batches
    if not isinstance(batches, ArrayBatches):
        return None
    evidence.rewind(None)
    return evidence.session.trainer.run(iter(batches.reordered()), len(evidence.run.losses))


def overfit_rate(evidence: Evidence) -> float:
    """A brisk rate for overfitting: a third of the range test's best, when the range test
    ran (no rerun starts it for this) and some rate learned; else the model's own."""
    result = evidence.peek(RANGE_TEST)
    best = None if result is None else result.min_loss_lr
    if result is not None and best is not None and result.learned:
        return best / 3
    return _rate(evidence)


def _overfit(evidence: Evidence) -> tuple[RunResult, float]:
    rate = overfit_rate(evidence)
    evidence.rewind(rate)
    batch = next(iter(evidence.session.batches))
    return evidence.session.trainer.run(itertools.repeat(batch), OVERFIT_STEPS), rate


def _rerun_cost(evidence: Evidence) -> float:
    return evidence.budget.step_cost() * evidence.rerun_steps


GRADIENT_TRACE: Probe[tuple[float, ...]] = Probe(
    "gradient norm of each step", _gradient_trace, lambda e: 3 * _rerun_cost(e), True
)
RANGE_TEST: Probe[LRRangeResult] = Probe("range test", _range_test, _rerun_cost, True)
LOWER_RATE: Probe[RunResult] = Probe("run at a tenth of the rate", _lower_rate, _rerun_cost, True)
HALF_RATE: Probe[RunResult] = Probe("run at half the rate", _half_rate, _rerun_cost, True)
OTHER_ORDER: Probe[RunResult | None] = Probe(
    "run under another batch order",
    _other_order,
    lambda e: e.budget.step_cost() * len(e.run.losses),
    True,
)
# The overfit run and the learning rate it trained at.
OVERFIT: Probe[tuple[RunResult, float]] = Probe(
    "small-batch overfit test",
    _overfit,
    lambda e: e.budget.step_cost() * OVERFIT_STEPS,
    retrains=True,
)
