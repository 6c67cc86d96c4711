"""The causes a calibration scenario can expect, and how a reported symptom matches one.

A cause is a runtime symptom code (LRC506-LRC516: the explanations) or, for a cause that has
no code yet, a stable label.  When the runtime gives such a cause a code, add the code to its
row here: every scenario that expects the label then counts the code as right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Cause:
    label: str
    meaning: str
    codes: tuple[str, ...] = ()


# Loss-curve shapes say what happened, never why: the first cause is the first symptom
# ranked after them.
CURVE_SHAPES = frozenset({"LRC501", "LRC502", "LRC503", "LRC504", "LRC505"})

_EXPLANATIONS = {
    "LRC506": "the loss level scales with the learning rate",
    "LRC507": "dead ReLU units",
    "LRC508": "vanishing gradients",
    "LRC509": "exploding gradients",
    "LRC510": "an implausible initial loss (a too-wide initializer)",
    "LRC511": "unscaled inputs",
    "LRC512": "learning rate too high",
    "LRC513": "learning rate too low",
    "LRC514": "the model cannot fit even one batch (a regularizer outweighs the data)",
    "LRC515": "saturated activations",
    "LRC516": "an output activation the loss does not expect",
}
_NEW = {
    "target-scale": "regression targets far from unit scale: standardize y or scale the output",
    "collapse": "the model collapsed to a constant or majority-class output",
    "class-sorted": "batches sorted by class (no shuffle): each batch teaches one class",
    "frozen": "no trainable weights, or weights that never change",
    "one-class-labels": "every label is the same class: nothing to learn",
    "constant-targets": "every regression target is the same value: nothing to learn",
    "nan-input": "a NaN inside the inputs",
    "nan-in-model": "a layer or the loss computes NaN/inf (a log of zero): name where it starts",
}

# The codes the runtime gained for causes that had only a label.
_CODED = {
    "class-sorted": ("LRC518",),
    "target-scale": ("LRC519",),
    "one-class-labels": ("LRC517",),
    "constant-targets": ("LRC517",),
    "frozen": ("LRC520",),
    "nan-in-model": ("LRC521",),
}

CAUSES: dict[str, Cause] = {
    **{code: Cause(code, meaning, (code,)) for code, meaning in _EXPLANATIONS.items()},
    **{label: Cause(label, meaning, _CODED.get(label, ())) for label, meaning in _NEW.items()},
}


def matches(label: str, symptom: Any) -> bool:
    """Whether a reported symptom (anything with ``code`` and ``name``) names ``label``."""
    cause = CAUSES[label]
    return symptom.code in cause.codes or getattr(symptom, "name", None) == label
