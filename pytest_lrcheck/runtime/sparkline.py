"""A one-line text picture of a loss curve, for failure messages and terminal summaries."""

from __future__ import annotations

import math
from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"
NOT_FINITE = "×"

# Beyond this max/min ratio a linear scale shows one spike and a flat line; a log scale
# keeps both the blow-up and the plateau readable.
_LOG_SCALE_RATIO = 20.0


def sparkline(values: Sequence[float], width: int = 40) -> str:
    """Bars for ``values`` squeezed into at most ``width`` columns.

    Each column shows the largest value of its slice of steps, so a spike is never averaged
    away; a slice holding NaN or Inf shows ``×``.
    """
    if width < 1:
        raise ValueError(f"width must be a positive integer, got {width!r}")
    if not values:
        return ""
    columns = _columns(values, width)
    finite = [v for v in columns if v is not None]
    if not finite:
        return NOT_FINITE * len(columns)
    low, high = min(finite), max(finite)
    use_log = _use_log(finite)

    def level(value: float) -> int:
        if high == low:
            return 0
        if use_log:
            fraction = math.log(value / low) / math.log(high / low)
        else:
            fraction = (value - low) / (high - low)
        return min(len(BARS) - 1, max(0, round(fraction * (len(BARS) - 1))))

    return "".join(NOT_FINITE if v is None else BARS[level(v)] for v in columns)


def is_log_scale(values: Sequence[float], width: int = 40) -> bool:
    """Whether `sparkline` draws ``values`` on a log scale (for the legend)."""
    if not values or width < 1:
        return False
    return _use_log([v for v in _columns(values, width) if v is not None])


def _use_log(finite: list[float]) -> bool:
    return bool(finite) and min(finite) > 0 and max(finite) / min(finite) > _LOG_SCALE_RATIO


def _columns(values: Sequence[float], width: int) -> list[float | None]:
    count = len(values)
    n_columns = min(width, count)
    columns: list[float | None] = []
    for column in range(n_columns):
        start = column * count // n_columns
        stop = max(start + 1, (column + 1) * count // n_columns)
        chunk = values[start:stop]
        if any(not math.isfinite(v) for v in chunk):
            columns.append(None)
        else:
            columns.append(max(chunk))
    return columns
