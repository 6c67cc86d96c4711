"""Causes inside the network: dead ReLUs, saturated units, vanishing and exploding gradients
(LRC507, LRC515, LRC508, LRC509)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from pytest_lrcheck.runtime.detectors.reference import LossReference
from pytest_lrcheck.runtime.probes import LayerActivity, LayerGradient
from pytest_lrcheck.runtime.report import Symptom, make_symptom

# Healthy calibration nets ended 200 steps with at most 19% dead ReLUs in a layer, SGD at
# 1.0 (which kills many and still trains) with up to 69%; the second report's Adam(1.0) net
# ends with 100%, as do a bias of -10 and SGD at 10 on raw pixels.
DEAD = 0.75
# Healthy tanh hidden layers had no output within 1% of their bounds; inputs reaching
# 2550 push every one there.
SATURATED = 0.5
# A hidden layer this saturated turns into a fixed binary code of the input: only the layers
# above it learn, and the loss stalls near the constant guess.  Inputs reaching 2550 ended
# 200 steps at 0.93-1.01x the constant-guess loss (every tanh output at a bound); slow healthy
# nets end up to 0.94x, but none of them had a saturated output.
STALLED = (0.9, 0.8)  # saturated share at least, end loss over constant guess at least
# Gradient norm per unit of weight norm, first kernel relative to last: healthy nets
# (3-layer ReLU MLPs, an LSTM) measured 0.5-3.5; ten sigmoid layers 1e-6 to 2e-6.
VANISHING = 1e-3
# Global gradient norm growth over a run: healthy runs grew at most 18x (an LSTM warming
# up); SGD at 10 on raw pixels 20-3700x, a deep linear net with wide init to Inf.
EXPLODING = 100.0


def dead_relu(activity: Sequence[LayerActivity], n_samples: int) -> Symptom | None:
    worst = max(
        (a for a in activity if a.activation in ("relu", "relu6")),
        key=lambda a: a.dead_fraction,
        default=None,
    )
    if worst is None or worst.dead_fraction < DEAD:
        return None
    return make_symptom(
        "LRC507",
        f"{100 * worst.dead_fraction:.0f}% of the units of layer {worst.name!r} output 0 for "
        f"all {n_samples} probe samples (dead ReLUs pass no gradient); lower the learning "
        "rate, check bias initializers, or use he_normal init or LeakyReLU",
        {
            "layer": worst.name,
            "dead_fraction": worst.dead_fraction,
            "layers": {a.name: round(a.dead_fraction, 3) for a in activity if a.dead_fraction},
        },
        0.5 + 0.4 * worst.dead_fraction,
    )


def saturated(activity: Sequence[LayerActivity]) -> Symptom | None:
    worst = _most_saturated(activity)
    if worst is None or worst.saturated_fraction < SATURATED:
        return None
    return make_symptom(
        "LRC515",
        f"{_saturation(worst)}, where the gradient is near 0; scale the inputs, add "
        "BatchNormalization, or use ReLU in hidden layers",
        {"layer": worst.name, "saturated_fraction": worst.saturated_fraction},
        0.4 + 0.4 * worst.saturated_fraction,
    )


def stalled_by_saturation(
    activity: Sequence[LayerActivity], end_loss: float, reference: LossReference
) -> Symptom | None:
    """A verdict, not only an explanation: a run that barely beat the constant guess while a
    hidden layer's outputs all sit at their bounds has stalled, whatever the curve's slope."""
    share, level = STALLED
    worst = _most_saturated(activity)
    if worst is None or worst.saturated_fraction < share or not reference.constant:
        return None
    ratio = end_loss / reference.constant
    if ratio < level:
        return None
    return make_symptom(
        "LRC515",
        f"{_saturation(worst)} and the loss ended at {ratio:.2f}x the constant-guess loss "
        f"({end_loss:.3g} vs {reference.constant:.3g}): a saturated layer passes almost no "
        "gradient, so the layers below it stop learning; scale the inputs, add "
        "BatchNormalization, or use ReLU in hidden layers",
        {
            "layer": worst.name,
            "saturated_fraction": worst.saturated_fraction,
            "end_loss": end_loss,
            "constant_guess_loss": reference.constant,
        },
        0.4 + 0.4 * worst.saturated_fraction,
    )


def _most_saturated(activity: Sequence[LayerActivity]) -> LayerActivity | None:
    return max(
        (a for a in activity if a.activation not in ("relu", "relu6")),
        key=lambda a: a.saturated_fraction,
        default=None,
    )


def _saturation(layer: LayerActivity) -> str:
    return (
        f"{100 * layer.saturated_fraction:.0f}% of the {layer.activation} outputs of layer "
        f"{layer.name!r} sit within 1% of their bounds"
    )


def vanishing(gradients: Sequence[LayerGradient]) -> Symptom | None:
    if len(gradients) < 3:
        return None
    relative = [g.grad_norm / max(g.weight_norm, 1e-12) for g in gradients]
    first, last = relative[0], relative[-1]
    if not (math.isfinite(first) and math.isfinite(last)):
        return None  # non-finite weights: the loss has already said so (LRC501)
    if last <= 0 or first == 0.0 or first / last > VANISHING:
        return None  # an exactly zero gradient is a dead unit, not a vanishing one
    return make_symptom(
        "LRC508",
        f"the first layer gets {first / last:.1e} of the last layer's gradient (per unit of "
        f"weight) across {len(gradients)} layers; use ReLU activations, he_normal init, "
        "BatchNormalization or residual connections",
        {
            "first_layer": gradients[0].name,
            "last_layer": gradients[-1].name,
            "ratio": first / last,
            "layers": len(gradients),
        },
        0.75,
    )


def exploding(grad_norms: Sequence[float] | None) -> Symptom | None:
    if not grad_norms:
        return None
    norms = np.asarray(grad_norms, dtype=np.float64)
    bad = ~np.isfinite(norms)
    # Where it started: the first finite norms (a norm that is NaN from step 0 has no start).
    first = norms[~bad][:3]
    start = float(np.median(first)) if first.size else math.nan
    if bad.any():
        step = int(np.argmax(bad))
        became = "NaN" if math.isnan(norms[step]) else "Inf"
        since = f" (it started at {start:.3g})" if first.size and step > 0 else ""
        return make_symptom(
            "LRC509",
            f"the gradient norm became {became} at step {step}{since}; clip gradients "
            "(clipnorm=1.0), lower the learning rate, scale the inputs",
            {"step": step, "start": start},
            0.8,
        )
    peak_step = int(np.argmax(norms))
    # Growth is read up to the peak, from where the norms began: a peak at the first step, or
    # a start at exactly zero (a clipped loss passing no gradient), grew from nothing.
    before = norms[:peak_step][:3]
    start = float(np.median(before)) if before.size else 0.0
    if start <= 0:
        return None
    growth = float(norms[peak_step]) / start
    if growth < EXPLODING or not math.isfinite(growth):
        return None
    return make_symptom(
        "LRC509",
        f"the gradient norm grew {growth:.3g}x, from {start:.3g} to {norms[peak_step]:.3g} at "
        f"step {peak_step}; clip gradients (clipnorm=1.0) and lower the learning rate",
        {"start": start, "peak": float(norms[peak_step]), "step": peak_step, "growth": growth},
        min(0.85, 0.55 + 0.05 * math.log10(growth)),
    )
