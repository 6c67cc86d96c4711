from __future__ import annotations

import math

import pytest

from pytest_lrcheck.runtime.sparkline import BARS, NOT_FINITE, is_log_scale, sparkline


def test_a_falling_curve_reads_high_to_low():
    line = sparkline([4.0, 3.0, 2.0, 1.0])
    assert line == BARS[-1] + line[1:-1] + BARS[0]
    assert [BARS.index(c) for c in line] == sorted((BARS.index(c) for c in line), reverse=True)


def test_long_curves_fit_the_width_and_keep_their_spike():
    values = [1.0] * 400
    values[123] = 50.0
    line = sparkline(values, width=40)
    assert len(line) == 40
    assert line.count(BARS[-1]) == 1  # the column holding the spike shows it at full height


def test_non_finite_values_are_marked_where_they_happen():
    line = sparkline([2.0, 1.0, math.nan, math.inf], width=4)
    assert line[2:] == NOT_FINITE * 2 and NOT_FINITE not in line[:2]
    assert sparkline([math.nan, math.nan]) == NOT_FINITE * 2


def test_log_scale_only_for_curves_spanning_decades():
    assert is_log_scale([1000.0, 1.0])
    assert not is_log_scale([2.3, 1.1])
    assert not is_log_scale([0.0, 5.0])  # no log of zero
    # a blow-up and a plateau both stay visible on the log scale
    line = sparkline([1.8, 1312.0, 1.9, 1.8, 1.8])
    assert line[1] == BARS[-1] and line[0] == line[3] == BARS[0]


def test_flat_and_empty_curves():
    assert sparkline([]) == ""
    assert set(sparkline([2.0] * 10)) == {BARS[0]}
    with pytest.raises(ValueError, match="width"):
        sparkline([1.0], width=0)
