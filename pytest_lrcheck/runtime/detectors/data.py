"""Causes found in the data and at the first step: LRC510 and LRC511."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from pytest_lrcheck.runtime.detectors.reference import LossReference
from pytest_lrcheck.runtime.model_facts import ModelFacts
from pytest_lrcheck.runtime.report import Symptom, make_symptom

# The 99.9th percentile of |x| of standardized features stays under 10 even with heavy tails
# (measured on 200k draws: normal 3.3, exponential 6.0, Student-t(3) 7.8, log-normal 9.7;
# sklearn's wine and breast-cancer tables 3.6 and 6.0), while raw tables reach 1500-2400 and
# 8-bit pixels 255.  20 leaves room above the first and sits far below the others.
UNSCALED = 20.0
# A fresh classifier starts near the loss of a uniform guess (ln C); the calibration runs
# started within 0.88-2.14x of it with scaled inputs and at 53-182x with raw pixels.
IMPLAUSIBLE_START = 3.0
# A fresh regressor predicts about 0, so it starts near mean(y**2); 10x means outputs
# already far larger than any target.
IMPLAUSIBLE_REGRESSION_START = 10.0


@dataclass(frozen=True)
class InputScale:
    p999: float
    maximum: float
    minimum: float
    mean: float
    std: float
    integer_valued: bool
    dtype: str


def input_scale(x: Any) -> InputScale | None:
    """Scale statistics of numeric inputs; None for non-numeric or structured inputs."""
    if not isinstance(x, np.ndarray) or x.size == 0 or not np.issubdtype(x.dtype, np.number):
        return None
    values = x.reshape(-1)
    if values.size > 2_000_000:
        values = values[:: values.size // 2_000_000 + 1]
    magnitude = np.abs(values.astype(np.float64))
    return InputScale(
        p999=float(np.percentile(magnitude, 99.9)),
        maximum=float(magnitude.max()),
        minimum=float(values.min()),
        mean=float(values.mean()),
        std=float(values.std()),
        integer_valued=bool(np.all(np.mod(values, 1) == 0)),
        dtype=str(x.dtype),
    )


def unscaled_inputs(scale: InputScale | None, facts: ModelFacts) -> Symptom | None:
    if scale is None or scale.p999 < UNSCALED:
        return None
    if facts.input_scaling_layer is not None or facts.embedding_input:
        return None  # the model scales (or looks up) its inputs itself
    pixels = scale.integer_valued and scale.maximum <= 255 and scale.minimum >= 0
    if pixels:
        fix = "divide by 255"
    elif scale.minimum >= 0:
        fix = f"divide by {scale.maximum:.4g}"
    else:
        fix = "standardize each feature"
    return make_symptom(
        "LRC511",
        f"inputs reach {scale.maximum:.4g} (99.9th percentile of |x| {scale.p999:.4g}, "
        f"mean {scale.mean:.3g}): unscaled inputs make first-layer outputs and gradients "
        f"huge; scale them to about [0, 1] ({fix}) or add a Rescaling/Normalization layer",
        {
            "max_abs": scale.maximum,
            "p99_9_abs": scale.p999,
            "mean": scale.mean,
            "std": scale.std,
            "dtype": scale.dtype,
        },
        0.85 if scale.p999 >= 100 else 0.7,
    )


def implausible_initial_loss(initial: float, reference: LossReference) -> Symptom | None:
    if reference.uniform is not None:
        expected, what = reference.uniform, reference.guess("uniform")
        limit = IMPLAUSIBLE_START
    elif reference.second_moment is not None:
        expected, what = reference.second_moment, reference.guess("zero")
        limit = IMPLAUSIBLE_REGRESSION_START
    else:
        return None
    if not np.isfinite(initial) or initial < limit * expected or initial - expected < 1.0:
        return None
    return make_symptom(
        "LRC510",
        f"the first batch's loss is {initial:.4g}, {initial / expected:.0f}x the "
        f"{expected:.3g} of {what}: the untrained outputs are already extreme; scale the "
        "inputs and check the output activation and initializers",
        {"initial_loss": initial, "expected": expected, "ratio": initial / expected},
        0.75,
    )
