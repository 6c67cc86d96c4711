"""A model whose weights never change: nothing trainable, or no gradient reaching a weight
(LRC520)."""

from __future__ import annotations

from pytest_lrcheck.runtime.probes import WeightChange
from pytest_lrcheck.runtime.report import Symptom, make_symptom

SHOWN = 3  # weights named in a message
# Fewer steps say little: dynamic loss scaling skips the first updates of a mixed-precision
# run while its scale settles.
MIN_STEPS = 10
# A step this small cannot move a float32 weight of magnitude up to 1 (its spacing there is
# 1.2e-7): every update rounds away.  Weights that never change at such a rate say the rate
# is too low (LRC513, the range test's), not that no gradient reaches them.
BELOW_PRECISION = 1e-7


def weights_never_change(
    change: WeightChange | None, learning_rate: float | None = None
) -> Symptom | None:
    """Every trainable weight exactly where it started after the run (or none to train), or
    some layers' kernels untouched while the rest trained.  Exact equality: any gradient that
    reaches a weight moves it by some ulp, so there is no threshold to tune."""
    if change is None or change.steps < MIN_STEPS:
        return None
    if not change.trainable:
        return make_symptom(
            "LRC520",
            f"the model has no trainable weights ({change.frozen} frozen weight tensors), so "
            "fit changes nothing; set trainable=True on the layers that should learn (and "
            "compile again after changing it)",
            {"trainable": 0, "frozen": change.frozen},
            0.95,
        )
    if learning_rate is not None and 0 < learning_rate <= BELOW_PRECISION:
        return None
    unchanged = set(change.unchanged)
    if len(unchanged) == len(change.trainable):
        return make_symptom(
            "LRC520",
            f"none of the model's {len(change.trainable)} trainable weights changed in "
            f"{change.steps} steps: no gradient reaches them; look for a learning rate of 0, "
            "a stop_gradient or a non-differentiable op (argmax, round, a cast to int) "
            "between the weights and the loss",
            {"trainable": len(change.trainable), "unchanged": len(unchanged)},
            0.95,
        )
    kernels = [name for name in change.unchanged if not name.endswith(("bias", "beta"))]
    if not kernels:
        return None
    shown = ", ".join(kernels[:SHOWN]) + (" ..." if len(kernels) > SHOWN else "")
    return make_symptom(
        "LRC520",
        f"{len(kernels)} of the model's {len(change.trainable)} trainable weights never "
        f"changed in {change.steps} steps while the others trained ({shown}): no gradient "
        "reaches them; look for a stop_gradient, a non-differentiable op, or a branch whose "
        "output the loss never sees",
        {"trainable": len(change.trainable), "unchanged": len(kernels), "first": kernels[0]},
        0.8,
    )
