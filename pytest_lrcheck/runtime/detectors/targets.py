"""LRC519: regression targets far from unit scale, a cause of a failing regression run."""

from __future__ import annotations

from typing import Any

import numpy as np

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.runtime.report import Symptom, make_symptom

# The larger of |mean(y)| and std(y).  Standardized targets sit near 0 and 1 and the zoo's
# healthy regressions stayed under 10; raw prices, counts and sklearn's diabetes target
# (mean 152, std 77) pass 100.
UNSCALED_TARGETS = 100.0


def unscaled_targets(y: Any, loss: str | None) -> Symptom | None:
    """LRC519 for the targets of a regression loss, or None."""
    info = vocab.loss_named(loss)
    if info is None or info.labels != "real" or not isinstance(y, np.ndarray) or y.size < 2:
        return None
    if not np.issubdtype(y.dtype, np.number):
        return None
    values = y.astype(np.float64)
    if not np.isfinite(values).all():
        return None
    mean, std = float(values.mean()), float(values.std())
    if max(abs(mean), std) < UNSCALED_TARGETS:
        return None
    return make_symptom(
        "LRC519",
        f"the regression targets have mean {mean:.3g} and standard deviation {std:.3g}: a "
        f"fresh output predicts about 0, so the loss and its gradients start as large as the "
        "targets, and no learning rate suits both the first steps and the last; standardize "
        "y ((y - mean) / std, and invert it on the predictions)",
        {"mean": mean, "std": std, "max_abs": float(np.abs(values).max())},
        0.9,
    )
