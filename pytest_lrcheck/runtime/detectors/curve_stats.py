"""Statistics of a loss curve, and the levels a classifier's curve is read against.

`curve_stats` is where every reading of the curve starts (`curve`, `not_decreasing`, the
stop in `stopping`, the plots); `STUCK_BAND` and `SATURATED` place a classifier's loss
against its constant guess (at chance level, confidently wrong) for the blow-up, collapse
and stall readings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_STEPS = 10  # fewer finite steps than this cannot show a trend
STUCK_BAND = (0.9, 1.25)  # end loss / constant-guess loss while stuck at chance
# Under JAX and PyTorch, Keras computes a softmax's cross-entropy from probabilities clipped
# to [1e-7, 1 - 1e-7]: a wrong row costs at most -log(1e-7) = 16.1, so a blow-up that reaches
# 1e5 under TensorFlow (which reads the logits) stops at a few times the constant guess there,
# and the clipped rows pass no gradient back.  A classifier's smoothed loss this many times
# the constant guess, and its best so far, is a blow-up on any backend: healthy calibration
# runs stayed within 1.03x of the guess once they had reached it.
SATURATED = 3.0


@dataclass(frozen=True)
class CurveStats:
    n: int
    initial: float
    early: float
    end: float
    window: int
    smoothed: tuple[float, ...]
    best: float
    rebound: float
    rebound_step: int
    rebound_from: float
    rebound_to: float
    swing: float
    swing_low: float
    swing_high: float
    second_half_drop: float
    recent_drop: float
    drop_z: float
    identical: bool


def smooth(losses: Sequence[float] | np.ndarray, window: int) -> np.ndarray:
    """Causal rolling median: spikes of single batches do not move it, blow-ups do."""
    values = np.asarray(losses, dtype=np.float64)
    # The check looks at its curve every few steps as it trains: the full windows at once
    # (the same medians, one NumPy call) keep those looks from costing a tenth of the run.
    head = [np.median(values[: i + 1]) for i in range(min(window - 1, values.size))]
    full = (
        np.median(np.lib.stride_tricks.sliding_window_view(values, window), axis=-1)
        if values.size >= window
        else np.empty(0)
    )
    return np.concatenate([np.asarray(head, dtype=np.float64), full])


def smoothing_window(n: int) -> int:
    """The rolling median's window for a curve of ``n`` steps: a twentieth of the run."""
    return max(3, n // 20)


def end_and_second_half_drop(values: np.ndarray) -> tuple[float, float]:
    """The curve's end (median of its last fifth) and the share of the level at its middle
    that the second half still gained."""
    n = values.size
    middle = float(np.median(values[n // 2 : n // 2 + max(3, n // 4)]))
    end = float(np.median(values[-max(10, n // 5) :]))
    return end, (middle - end) / abs(middle) if middle else 0.0


def curve_stats(losses: Sequence[float]) -> CurveStats | None:
    """Statistics of a finite loss curve; None when it is too short to judge."""
    values = np.asarray(losses, dtype=np.float64)
    n = values.size
    if n < MIN_STEPS or not np.isfinite(values).all():
        return None
    window = smoothing_window(n)
    smoothed = smooth(values, window)
    running_min = np.minimum.accumulate(smoothed)
    # A rebound only counts against a minimum the curve has reached: guard tiny denominators.
    floor = max(1e-12, 1e-6 * float(np.abs(values).max()))
    ratios = smoothed / np.maximum(running_min, floor)
    step = int(np.argmax(ratios))
    second = values[n // 2 :]
    low, high = float(np.percentile(second, 10)), float(np.percentile(second, 90))
    swing = _detrended_swing(second) or high / max(low, floor)
    quarter = max(3, n // 4)
    first_q, last_q = values[:quarter], values[-quarter:]
    noise = math.sqrt((first_q.var() + last_q.var()) / quarter) or 1e-12
    third_q = float(np.median(values[-2 * quarter : -quarter]))
    last_q_median = float(np.median(last_q))
    end, second_half_drop = end_and_second_half_drop(values)
    return CurveStats(
        n=n,
        initial=float(values[0]),
        early=float(np.median(values[:window])),
        end=end,
        window=window,
        smoothed=tuple(float(v) for v in smoothed),
        best=float(running_min[-1]),
        rebound=float(ratios[step]),
        rebound_step=step,
        rebound_from=float(running_min[step]),
        rebound_to=float(smoothed[step]),
        swing=swing,
        swing_low=low,
        swing_high=high,
        second_half_drop=second_half_drop,
        recent_drop=(third_q - last_q_median) / abs(third_q) if third_q else 0.0,
        drop_z=float((first_q.mean() - last_q.mean()) / noise),
        identical=bool(np.all(values == values[0])),
    )


def _detrended_swing(second: np.ndarray) -> float | None:
    """p90/p10 of the second half's batch losses around their trend in log space: a loss
    still falling exponentially spans decades without any batch overshooting (a healthy
    embedding classifier went 0.18 -> 0.004), while steps that overshoot scatter the batches
    around whatever trend there is.  None when a loss is not positive (no log space)."""
    if second.size < MIN_STEPS or not (second > 0).all():
        return None
    logs = np.log(second)
    steps = np.arange(second.size, dtype=np.float64)
    slope, intercept = np.polyfit(steps, logs, 1)
    # Only a falling trend is taken out: a rising one is divergence's to judge.
    residuals = logs - (intercept + slope * steps) if slope < 0 else logs
    return float(np.exp(np.percentile(residuals, 90) - np.percentile(residuals, 10)))


def fmt(value: float | None) -> str:
    """A loss or a statistic as the reports write it: three significant digits."""
    if value is None:
        return "none"
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Inf" if value > 0 else "-Inf"
    return f"{value:.3g}"
