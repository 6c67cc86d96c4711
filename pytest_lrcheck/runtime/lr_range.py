"""Learning-rate range test: an exponential sweep of rates, stopped when the loss blows up.

Each rate trains a few steps from the starting weights on the same batches, and the loss it
reaches on them is compared with their loss before any update.  The classic sweep
(one run whose rate rises every step) lets the net settle at low rates before the high ones
come: measured on the second report's net, Adam at 1.0 blows it up from scratch within
three steps, yet a classic sweep passed 1.3 without blowing up.  A restart per rate costs
nothing extra in steps and answers the question a check asks: is this rate stable from here?

The suggested rate is a tenth of the rate that reached the lowest loss (as fastai's
``lr_find`` suggests); the largest stable rate is the last one, above that best rate, that
keeps at least half of the best rate's progress.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pytest_lrcheck.runtime.batches import concat, first_array

STEPS_PER_RATE = 5  # Adam at 1.0 blows the second report's net up within 3 steps
BLOW_UP = 4.0  # stop once a rate's loss passes this multiple of the best so far
LEARNS = 0.1  # the best rate must cut the loss by 10% for any suggestion
KEEP = 0.5  # a stable rate keeps this share of the best rate's progress
TOO_HIGH = 3.0  # configured rate above this multiple of the largest stable rate
TOO_LOW = 100.0  # configured rate below the suggestion divided by this


@dataclass(frozen=True)
class LRRangeResult:
    suggested: float | None
    largest_stable: float | None
    lrs: tuple[float, ...]
    losses: tuple[float, ...]
    smoothed: tuple[float, ...]
    blew_up: bool
    seconds: float = 0.0
    base_loss: float | None = None  # the sweep batches' loss before any update
    out_of_time: bool = False  # the time budget ended the sweep before its last rate

    @property
    def learned(self) -> bool:
        """Whether some rate brought the loss below where it started."""
        finite = [s for s in self.smoothed if math.isfinite(s)]
        return self.base_loss is not None and bool(finite) and min(finite) < self.base_loss

    @property
    def min_loss_lr(self) -> float | None:
        finite = [
            (s, lr) for s, lr in zip(self.smoothed, self.lrs, strict=True) if math.isfinite(s)
        ]
        return min(finite)[1] if finite else None


@dataclass(frozen=True)
class LRAssessment:
    ok: bool
    configured: float | None
    suggested: float | None
    largest_stable: float | None
    message: str
    result: LRRangeResult | None = None


def lr_range(
    model: Any,
    x: Any,
    y: Any = None,
    *,
    min_lr: float = 1e-7,
    max_lr: float = 10.0,
    steps: int = 100,
    batch_size: int = 32,
    seed: int = 0,
    max_seconds: float = 60.0,
) -> LRRangeResult:
    """Run the range test on ``model``, which is put back as it was afterwards.

    The sweep stops at the time budget; the result then holds the rates tried so far."""
    from pytest_lrcheck.runtime.budget import BudgetSpent
    from pytest_lrcheck.runtime.session import open_session

    _check_range(min_lr, max_lr)
    with open_session(
        model,
        x,
        y,
        steps=steps,
        batch_size=batch_size,
        seed=seed,
        max_seconds=max_seconds,
        constant_lr=True,
    ) as session:
        record = SweepRecord(rates=_rates(min_lr, max_lr, steps))

        def work() -> None:
            try:
                sweep(session.trainer, session.batches, min_lr, max_lr, steps, record=record)
            finally:
                session.trainer.release_traces()

        try:
            session.budget.run(work)
        except BudgetSpent:
            record.out_of_time = True
        return record.result()


def assess_learning_rate(model: Any, x: Any, y: Any = None, **kw: Any) -> LRAssessment:
    """Whether the model's configured learning rate lies within the range test's stable
    range and not far below its suggestion.  Keywords go to `lr_range`."""
    from pytest_lrcheck.runtime.model_facts import read_learning_rate
    from pytest_lrcheck.runtime.session import require_backend
    from pytest_lrcheck.runtime.validate import require_compiled_model

    require_backend()
    require_compiled_model(model)
    configured, _ = read_learning_rate(model.optimizer)
    result = lr_range(model, x, y, **kw)
    return judge_rate(configured, result)


def judge_rate(configured: float | None, result: LRRangeResult) -> LRAssessment:
    stable, suggested = result.largest_stable, result.suggested
    found = (
        f"range test: suggested {_fmt(suggested)}, largest stable {_fmt(stable)} "
        f"(swept {_fmt(result.lrs[0] if result.lrs else None)}.."
        f"{_fmt(result.lrs[-1] if result.lrs else None)})"
    )

    def answer(ok: bool, text: str) -> LRAssessment:
        return LRAssessment(ok, configured, suggested, stable, f"{text}; {found}", result)

    if configured is None:
        return answer(False, "the optimizer has no readable learning rate")
    if result.out_of_time and (not result.lrs or configured > result.lrs[-1]):
        return answer(
            False,
            f"the time budget ran out before the range test reached learning rate "
            f"{_fmt(configured)}: raise max_seconds or shrink the model",
        )
    if stable is not None and configured > TOO_HIGH * stable:
        return answer(
            False,
            f"learning rate {_fmt(configured)} is {configured / stable:.0f}x above the largest "
            f"stable rate found ({_fmt(stable)}); use about {_fmt(suggested or stable / 10)}",
        )
    if suggested is not None and configured < suggested / TOO_LOW:
        return answer(
            False,
            f"learning rate {_fmt(configured)} is {suggested / configured:.0f}x below the "
            f"suggested rate ({_fmt(suggested)}): training will crawl",
        )
    if suggested is None:
        if result.out_of_time:
            return answer(
                False,
                f"the time budget ran out after {len(result.lrs)} rates of the range test: "
                "raise max_seconds or shrink the model",
            )
        return answer(False, "the loss fell at no rate of the sweep, so no rate can be judged")
    return answer(True, f"learning rate {_fmt(configured)} is within range")


@dataclass
class SweepRecord:
    """The rates a sweep tried and the loss each reached, filled as it goes, so a sweep cut
    off by the time budget still answers with the rates it finished."""

    rates: np.ndarray
    tried: list[float] = field(default_factory=list)
    reached: list[float] = field(default_factory=list)
    base: float = math.inf
    out_of_time: bool = False
    started: float = field(default_factory=time.perf_counter)

    def result(self) -> LRRangeResult:
        count = len(self.reached)  # a rate finishing in the background may append after this
        tried, reached = self.tried[:count], self.reached[:count]
        smoothed = _median3(reached)
        suggested, stable = _read_curve(np.asarray(smoothed), np.asarray(tried), self.base)
        if self.out_of_time and tried and stable == tried[-1]:
            stable = None  # stable as far as the time allowed: no upper bound was found
        return LRRangeResult(
            suggested=suggested,
            largest_stable=stable,
            lrs=tuple(tried),
            losses=tuple(reached),
            smoothed=tuple(smoothed),
            blew_up=bool(reached) and count < len(self.rates) and not self.out_of_time,
            seconds=time.perf_counter() - self.started,
            base_loss=self.base if math.isfinite(self.base) else None,
            out_of_time=self.out_of_time,
        )


def sweep(
    trainer: Any,
    batches: Iterable[tuple[Any, ...]],
    min_lr: float,
    max_lr: float,
    steps: int,
    deadline: float | None = None,
    start: Any = None,
    record: SweepRecord | None = None,
) -> LRRangeResult:
    """The sweep itself.  ``start`` is a `Snapshot` to restart every rate from (taken now
    when None); the trainer is left at that snapshot.  A rate starts only when the time
    budget (and ``deadline``, when given) leaves room for its steps."""
    budget = trainer.budget
    record = SweepRecord(rates=_rates(min_lr, max_lr, steps)) if record is None else record
    start = trainer.snapshot() if start is None else start
    head = list(itertools.islice(iter(batches), STEPS_PER_RATE))
    try:
        trainer.restore(start)
        # The loss on the sweep's own batches before any update: every rate's yardstick.
        record.base = _loss_on(trainer, head)
        for rate in record.rates:
            # Each rate costs its steps and a pass over the same batches to measure them.
            cost = 2 * STEPS_PER_RATE * budget.step_cost()
            if not budget.allows(cost) or (
                deadline is not None and time.perf_counter() + cost > deadline
            ):
                record.out_of_time = True
                break
            trainer.restore(start)
            trainer.optimizer.learning_rate.assign(float(rate))
            run = trainer.run(head, STEPS_PER_RATE)
            if run.budget_exceeded:
                record.out_of_time = True
                break
            finite = all(math.isfinite(v) for v in run.losses)
            value = _loss_on(trainer, head) if finite else math.inf
            record.tried.append(float(rate))
            record.reached.append(value)
            best = min(record.reached)
            if not math.isfinite(value) or (value > BLOW_UP * best and value > record.base):
                break
    finally:
        if not budget.abandoned:
            trainer.restore(start)
    return record.result()


def _rates(min_lr: float, max_lr: float, steps: int) -> np.ndarray:
    return np.geomspace(min_lr, max_lr, max(3, steps // STEPS_PER_RATE))


def _loss_on(trainer: Any, head: list[tuple[Any, ...]]) -> float:
    """Mean loss over the sweep's batches at the current weights (inf once non-finite)."""
    rows = {_rows(batch[0]) for batch in head}
    if len(head) > 1 and len(rows) == 1 and all(batch[1] is not None for batch in head):
        # Batches of one size: the mean of their losses is the loss of all their rows, which
        # one call of the test step computes for a fifth of the calls' overhead.
        x, y = concat([b[0] for b in head]), concat([b[1] for b in head])
        quick = trainer.quick_loss(x, y)
        size = len(head) * rows.pop()
        value = trainer.loss_on(x, y, batch_size=size) if quick is None else quick
    else:
        value = float(np.mean([trainer.loss_on(batch[0], batch[1]) for batch in head]))
    return value if math.isfinite(value) else math.inf


def _rows(x: Any) -> int:
    return int(np.shape(first_array(x))[0])


def _median3(values: list[float]) -> list[float]:
    """Median of each rate and its neighbours: one unlucky rate does not move the answer."""
    out = []
    for i in range(len(values)):
        window = values[max(0, i - 1) : i + 2]
        out.append(float(np.median(window)) if all(map(math.isfinite, window)) else values[i])
    return out


def _read_curve(
    smoothed: np.ndarray, lrs: np.ndarray, base: float
) -> tuple[float | None, float | None]:
    if smoothed.size == 0 or not math.isfinite(base):
        return None, None
    finite = np.isfinite(smoothed)
    low = int(np.argmin(np.where(finite, smoothed, np.inf)))
    # The loss must fall clearly below where it began for any rate to count as learning.
    suggested = float(lrs[low]) / 10 if smoothed[low] < (1 - LEARNS) * base else None
    # Past the best rate, a rate stays "stable" while it keeps at least half of the best
    # rate's progress; beyond that the steps overshoot (and a few rates later blow up).
    keeps = base - KEEP * (base - smoothed[low])
    worse = np.nonzero(~finite | (smoothed > keeps))[0]
    worse = worse[worse > low]
    if worse.size == 0:
        return suggested, float(lrs[-1])
    return suggested, float(lrs[worse[0] - 1])


def _check_range(min_lr: Any, max_lr: Any) -> None:
    for name, value in (("min_lr", min_lr), ("max_lr", max_lr)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise ValueError(f"{name} must be a positive number, got {value!r}")
    if not min_lr < max_lr:
        raise ValueError(f"min_lr ({min_lr}) must be below max_lr ({max_lr})")


def _fmt(value: float | None) -> str:
    return "none" if value is None else f"{value:.2g}"
