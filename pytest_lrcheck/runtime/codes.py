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
        "LRC517": "single-valued-labels",
        "LRC518": "class-sorted-batches",
        "LRC519": "unscaled-regression-targets",
        "LRC520": "weights-never-change",
        "LRC521": "layer-output-not-finite",
    }
)

# The verdict rests on these alone: they read the loss curve, which every kind of check
# (check_training, check_step, the fit watcher) has.  The other codes explain a failure.
VERDICT_CODES = frozenset({"LRC501", "LRC502", "LRC503", "LRC504", "LRC505"})

# What brings what about, upstream first: the data, the model's configuration, the optimizer,
# the state of the units, and last a model that cannot fit at all (which any of the others
# can cause).  A cause ranks before those it can bring about, whatever the confidences:
# unscaled inputs make gradients explode and units saturate, a too-high rate kills ReLUs,
# never the other way round.  Within a tier, confidence decides.
CAUSE_TIERS: tuple[frozenset[str], ...] = (
    frozenset({"LRC517", "LRC518", "LRC519", "LRC511"}),
    frozenset({"LRC516", "LRC510", "LRC520", "LRC521"}),
    frozenset({"LRC512", "LRC513"}),
    # The loss level following the rate is evidence for LRC512, which also names a rate.
    frozenset({"LRC506"}),
    frozenset({"LRC507", "LRC508", "LRC509", "LRC515"}),
    frozenset({"LRC514"}),
)
# Causes that bring another about when both are seen, whatever their tiers: dead ReLU units
# pass no gradient to the kernels around them, which then never change (LRC520 names those
# kernels).  The effect ranks right after its cause.
BRINGS_ABOUT = MappingProxyType({"LRC507": frozenset({"LRC520"})})
# Causes whose fix is a lower learning rate, and curve shapes that only too large steps make:
# no symptom of the same run may advise raising the rate.
LOWER_RATE_CAUSES = frozenset({"LRC512", "LRC506"})
LOWER_RATE_CURVES = frozenset({"LRC501", "LRC502", "LRC505"})
