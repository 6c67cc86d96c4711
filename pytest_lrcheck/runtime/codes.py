"""The runtime symptom codes: public interface, one catalog document each (``rules/LRC5xx-*``)."""

from __future__ import annotations

from types import MappingProxyType

SYMPTOM_NAMES = MappingProxyType(
    {
        "LRC501": "loss-not-finite",
        "LRC502": "loss-diverging",
        "LRC503": "loss-not-decreasing",
        "LRC504": "stuck-at-chance",
        "LRC505": "loss-oscillating",
        "LRC506": "loss-scales-with-learning-rate",
        "LRC507": "dead-relu",
        "LRC508": "vanishing-gradient",
        "LRC509": "exploding-gradient",
        "LRC510": "implausible-initial-loss",
        "LRC511": "unscaled-input-data",
        "LRC512": "learning-rate-too-high",
        "LRC513": "learning-rate-too-low",
        "LRC514": "cannot-overfit-small-batch",
        "LRC515": "saturated-activations",
        "LRC516": "activation-loss-mismatch",
        "LRC517": "weights-never-change",
    }
)

# The verdict rests on these alone: they read the loss curve, which every kind of check
# (check_training, check_step, the fit watcher) has.  The other codes explain a failure.
VERDICT_CODES = frozenset({"LRC501", "LRC502", "LRC503", "LRC504", "LRC505"})
