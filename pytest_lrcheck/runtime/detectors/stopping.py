"""When the curve so far settles the verdict for good, so that the check stops training:
a divergence far past recovery, or a loss sat flat at the constant guess (a collapse suspect
whose predictions `verdict.stop_when_certain` then reads)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pytest_lrcheck.runtime.detectors.curve import STUCK_FLAT
from pytest_lrcheck.runtime.detectors.curve_stats import (
    MIN_STEPS,
    end_and_second_half_drop,
    smooth,
    smoothing_window,
)
from pytest_lrcheck.runtime.detectors.not_decreasing import SHORT_RUN
from pytest_lrcheck.runtime.detectors.reference import LossReference

# The smoothed loss this many times above its best so far: far past recovery (healthy runs
# reached 5.5, the LRC502 verdict starts at 10), so the check stops training there.
FAR_PAST_RECOVERY = 100.0
CERTAINTY_STRIDE = 5  # steps between two looks at the curve while it trains


def certain(losses: Sequence[float]) -> bool:
    """Whether the curve so far already decides the verdict for good (a non-finite loss
    stops the training loop by itself): a divergence far past recovery, the smoothed loss
    still that far above its best over the last `MIN_STEPS` steps.  A loss that blew up and
    came back down (to chance level, say) is left to finish: its verdict may change."""
    # Not before SHORT_RUN steps: a loss racing to overflow gets to show its NaN (LRC501,
    # which stops the loop by itself), as the catalog's LRC501 example does by step 23.
    if len(losses) < SHORT_RUN or len(losses) % CERTAINTY_STRIDE:
        return False
    # The rolling median alone, not all of `curve_stats`: this runs while the check trains.
    smoothed = _smoothed(losses)
    if smoothed is None:
        return False
    best = float(smoothed.min())
    return best > 0 and float(smoothed[-MIN_STEPS:].min()) >= FAR_PAST_RECOVERY * best


# A loss that has sat at the constant guess over the second half of at least this many steps
# is a collapse suspect: `verdict.stop_when_certain` then looks at the predictions, and
# constant predictions end the run there (its verdict is LRC504 either way).
COLLAPSE_STEPS = 100


def collapsing(losses: Sequence[float], reference: LossReference) -> bool:
    """Whether a classifier's loss has sat at the constant guess, flat, over the second half
    of a run of `COLLAPSE_STEPS` steps or more (checked every `CERTAINTY_STRIDE` steps)."""
    n = len(losses)
    if n < COLLAPSE_STEPS or n % CERTAINTY_STRIDE:
        return False
    if not reference.constant or reference.constant <= 0 or not reference.chance_level:
        return False
    smoothed = _smoothed(losses)
    if smoothed is None:
        return False
    _, drop = end_and_second_half_drop(np.asarray(losses, dtype=np.float64))
    if abs(drop) > STUCK_FLAT:
        return False
    second = smoothed[n // 2 :] / reference.constant
    return bool(np.all(np.abs(second - 1) <= 0.05))


def _smoothed(losses: Sequence[float]) -> np.ndarray | None:
    """The curve's rolling median (as `curve_stats.curve_stats` smooths it); None when a loss is
    not finite."""
    values = np.asarray(losses, dtype=np.float64)
    if not np.isfinite(values).all():
        return None
    return smooth(values, smoothing_window(values.size))
