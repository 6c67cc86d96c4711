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
from dataclasses import dataclass
from typing import Any

import numpy as np

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
    """Run the range test on a clone of ``model``; the model itself is left untouched."""
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
        clone=True,
        constant_lr=True,
    ) as session:
        return sweep(session.trainer, session.batches, min_lr, max_lr, steps, session.deadline)


def assess_learning_rate(model: Any, x: Any, y: Any = None, **kw: Any) -> LRAssessment:
    """Whether the model's configured learning rate lies within the range test's stable
    range and not far below its suggestion.  Keywords go to `lr_range`."""
    from pytest_lrcheck.runtime.model_facts import read_learning_rate
    from pytest_lrcheck.runtime.validate import require_compiled_model

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
    if configured is None:
        return LRAssessment(
            False,
            None,
            suggested,
            stable,
            f"the optimizer has no readable learning rate; {found}",
            result,
        )
    if stable is not None and configured > TOO_HIGH * stable:
        return LRAssessment(
            False,
            configured,
            suggested,
            stable,
            f"learning rate {_fmt(configured)} is {configured / stable:.0f}x above the largest "
            f"stable rate found ({_fmt(stable)}); use about {_fmt(suggested or stable / 10)}; "
            f"{found}",
            result,
        )
    if suggested is not None and configured < suggested / TOO_LOW:
        return LRAssessment(
            False,
            configured,
            suggested,
            stable,
            f"learning rate {_fmt(configured)} is {suggested / configured:.0f}x below the "
            f"suggested rate ({_fmt(suggested)}): training will crawl; {found}",
            result,
        )
    if suggested is None:
        return LRAssessment(
            False,
            configured,
            None,
            stable,
            f"the loss fell at no rate of the sweep, so no rate can be judged; {found}",
            result,
        )
    return LRAssessment(
        True,
        configured,
        suggested,
        stable,
        f"learning rate {_fmt(configured)} is within range; {found}",
        result,
    )


def sweep(
    trainer: Any,
    batches: Iterable[tuple[Any, ...]],
    min_lr: float,
    max_lr: float,
    steps: int,
    deadline: float,
    start: Any = None,
) -> LRRangeResult:
    """The sweep itself.  ``start`` is a `Snapshot` to restart every rate from (taken now
    when None); the trainer is left at that snapshot."""
    started = time.perf_counter()
    start = trainer.snapshot() if start is None else start
    head = list(itertools.islice(iter(batches), STEPS_PER_RATE))
    count = max(3, steps // STEPS_PER_RATE)
    rates = np.geomspace(min_lr, max_lr, count)
    tried: list[float] = []
    reached: list[float] = []
    try:
        trainer.restore(start)
        # The loss on the sweep's own batches before any update: every rate's yardstick.
        base = _loss_on(trainer, head)
        for rate in rates:
            if time.perf_counter() > deadline:
                break
            trainer.restore(start)
            trainer.optimizer.learning_rate.assign(float(rate))
            run = trainer.run(head, STEPS_PER_RATE, math.inf)
            finite = all(math.isfinite(v) for v in run.losses)
            value = _loss_on(trainer, head) if finite else math.inf
            tried.append(float(rate))
            reached.append(value)
            best = min(reached)
            if not math.isfinite(value) or (value > BLOW_UP * best and value > base):
                break
    finally:
        trainer.restore(start)
    smoothed = _median3(reached)
    suggested, stable = _read_curve(np.asarray(smoothed), np.asarray(tried), base)
    return LRRangeResult(
        suggested=suggested,
        largest_stable=stable,
        lrs=tuple(tried),
        losses=tuple(reached),
        smoothed=tuple(smoothed),
        blew_up=bool(reached) and len(tried) < count and time.perf_counter() <= deadline,
        seconds=time.perf_counter() - started,
        base_loss=base if math.isfinite(base) else None,
    )


def _loss_on(trainer: Any, head: list[tuple[Any, ...]]) -> float:
    """Mean loss over the sweep's batches at the current weights (inf once non-finite)."""
    values = [trainer.evaluate(batch[0], batch[1])[0] for batch in head]
    value = float(np.mean(values))
    return value if math.isfinite(value) else math.inf


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
