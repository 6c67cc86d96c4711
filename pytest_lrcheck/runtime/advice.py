"""The one change to try first, for each runtime symptom: one table, one row per code.

A report ends every cause it lists with one concrete change ("set the learning rate to about
0.0026", "divide x by 255"), never a menu.  The change is read from the evidence where there
is some: the rate the range test suggested or a tenth of the rate that trained healthily, the
layer a probe named, the mean and spread of the targets.  A cause that another cause in the
same report brings about (dead ReLUs behind a too-high rate, saturated units behind unscaled
inputs) defers to that cause's change, so one report never gives two different rates.

Plain text from plain values: no Keras here, so a report prints anywhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from pytest_lrcheck import keras_vocab as vocab

Evidence = Mapping[str, Any]

# Whose evidence names a rate to train at, in the order they are trusted: the range test's
# suggestion (LRC512, LRC513), then a rate a rerun trained at (LRC506's tenth of the rate).
RANGE_TEST_CAUSES = ("LRC512", "LRC513")


@dataclass(frozen=True)
class Context:
    """What the rest of the report knows: every symptom's evidence by code, the rate the run
    trained at, and the layer where a non-finite value first appeared (if looked for)."""

    evidence: Mapping[str, Evidence]
    learning_rate: float | None = None
    non_finite_layer: str | None = None
    non_finite_where: str | None = None
    # The symptom's own message: LRC516 at verdict level quotes the pairing table's fix there
    # and nowhere in its evidence.
    message: str = ""


def range_test_rate(evidence: Mapping[str, Evidence]) -> float | None:
    """The rate the range test suggested, when a learning-rate cause quotes it."""
    for code in RANGE_TEST_CAUSES:
        value = _positive(evidence.get(code, {}).get("suggested"))
        if value is not None:
            return value
    return None


def rate_to_try(context: Context) -> float | None:
    """The one rate a report advises: the range test's, else LRC512's fallback (a tenth of
    the largest stable rate, as its message says), else the tenth of the rate a rerun tried."""
    found = range_test_rate(context.evidence)
    if found is not None:
        return found
    stable = _positive(context.evidence.get("LRC512", {}).get("largest_stable"))
    if stable is not None:
        return stable / 10
    return _positive(context.evidence.get("LRC506", {}).get("lower_rate"))


def _positive(value: Any) -> float | None:
    """``value`` as a rate: a finite number above 0, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


def _rate(context: Context, *, lower: bool = True) -> str:
    rate = rate_to_try(context)
    if rate is not None:
        return f"set the learning rate to about {rate:.2g}"
    current = _positive(context.learning_rate)
    if current is None:
        return "lower the learning rate 10x" if lower else "raise the learning rate 10x"
    if lower:
        return f"lower the learning rate 10x, to {current / 10:.2g}"
    return f"raise the learning rate 10x, to {current * 10:.2g}"


def _layer(path: Any) -> str:
    """A layer's name from a variable path ('sequential/dense_3/kernel' -> 'dense_3')."""
    parts = str(path).split("/")
    return parts[-2] if len(parts) >= 2 else parts[0]


STANDARDIZE_X = (
    "standardize x: x = (x - mean) / std, with the training data's mean = x.mean(axis=0) "
    "and std = x.std(axis=0) + 1e-7"
)


def _inputs(e: Evidence, c: Context) -> str:
    top = e.get("max_abs")
    if isinstance(top, (int, float)) and top == 255:
        return "divide x by 255: x = x / 255.0"
    return STANDARDIZE_X


def _not_finite(e: Evidence, c: Context) -> str:
    layer, where = c.non_finite_layer, c.non_finite_where
    if layer is not None and where == "call":
        return (
            "make the operations of the model's own call safe for their inputs (clip before a "
            "log or a division, e.g. ops.log(ops.maximum(x, 1e-7)))"
        )
    if layer is not None and where == "output":
        return (
            f"make layer {layer!r} safe for its inputs: its output is not finite on finite "
            "inputs (clip before a log or a division, e.g. ops.log(ops.maximum(x, 1e-7)))"
        )
    if where == "data":
        return "drop the rows holding NaN/Inf before training: keep = np.isfinite(x).all(axis=1)"
    if layer is not None and where == "gradient":
        # Clipping cannot mend a NaN gradient: an operation whose derivative is infinite at
        # its input (a square root or log at 0) made it, between this layer and the loss.
        return (
            f"make the operations after layer {layer!r} differentiable where their input is 0 "
            "(ops.sqrt(x + 1e-7) rather than ops.sqrt(x))"
        )
    return _rate(c)


def _not_decreasing(e: Evidence, c: Context) -> str:
    if "steps" in e and "loss" in e:  # the same loss at every step: nothing trains
        return "make sure gradients reach the weights: look for frozen layers or a stop_gradient"
    lowering = any(code in c.evidence for code in ("LRC512", "LRC506"))
    return _rate(c, lower=lowering)


def _dead_relu(e: Evidence, c: Context) -> str:
    return f"use activation='leaky_relu' in layer {e.get('layer')!r}"


def _vanishing(e: Evidence, c: Context) -> str:
    first, last = _layer(e.get("first_layer")), _layer(e.get("last_layer"))
    return (
        "use activation='relu' with kernel_initializer='he_normal' in the hidden layers "
        f"({first!r} to {last!r})"
    )


def _saturated(e: Evidence, c: Context) -> str:
    return f"use activation='relu' in layer {e.get('layer')!r}"


def _mismatch(e: Evidence, c: Context) -> str:
    found = vocab.mismatches(
        e.get("output_activation"),
        e.get("loss"),
        from_logits=e.get("from_logits"),
        units=e.get("output_units"),
    )
    if found and found[0].use_activation is not None:
        return f"use activation={found[0].use_activation!r} on the last layer"
    if found and found[0].use_from_logits is not None:
        return f"set from_logits={found[0].use_from_logits} in the loss"
    if found:
        return found[0].fix
    # Both LRC516 messages end with the pairing table's fix: "{problem}; {fix}".
    _, _, fix = c.message.rpartition("; ")
    return fix or "make the last layer's activation fit the loss (`lrcheck --explain LRC516`)"


def _single_valued(e: Evidence, c: Context) -> str:
    if "class" in e:
        return f"check the filter or slice that built y: it kept only class {e['class']}"
    return "check the filter or slice that built y: every target has the same value"


def _targets(e: Evidence, c: Context) -> str:
    mean, std = e.get("mean"), e.get("std")
    if not isinstance(mean, (int, float)) or _positive(std) is None:
        return "standardize y: y = (y - y.mean()) / y.std()"
    return (
        f"standardize y: y = (y - {mean:.3g}) / {std:.3g}, and turn predictions back with "
        f"y_pred * {std:.3g} + {mean:.3g}"
    )


def _never_change(e: Evidence, c: Context) -> str:
    if e.get("trainable") == 0:
        return "set trainable=True on the layers that should learn, then compile again"
    if c.learning_rate == 0:
        return "set a learning rate above 0"
    if "first" in e:
        if "LRC507" in c.evidence:  # dead units pass no gradient to the kernels before them
            return first_change("LRC507", c.evidence["LRC507"], c)
        return (
            f"remove what cuts layer {_layer(e['first'])!r} off from the loss (a "
            "stop_gradient, an argmax, round or cast to int after it)"
        )
    return "remove what cuts the weights off from the loss (a stop_gradient, argmax, round)"


Advise = Callable[[Evidence, Context], str]


@dataclass(frozen=True)
class Row:
    """One code's change.  ``defer_to``: causes that bring this one about; when one of them
    is in the same report, its change is this one's too (the first found, in this order)."""

    advise: Advise
    defer_to: tuple[str, ...] = ()


def _fixed(text: str) -> Advise:
    return lambda e, c: text


def _lower(e: Evidence, c: Context) -> str:
    return _rate(c)


_INPUT_CAUSES = ("LRC511", "LRC519")
_RATE_CAUSES = ("LRC512", "LRC506", "LRC513")

ADVICE: Mapping[str, Row] = {
    "LRC501": Row(_not_finite),
    "LRC502": Row(_lower),
    "LRC503": Row(_not_decreasing),
    "LRC504": Row(_lower),
    "LRC505": Row(_lower),
    "LRC506": Row(_lower),
    "LRC507": Row(_dead_relu, defer_to=("LRC512", "LRC506")),
    "LRC508": Row(_vanishing),
    "LRC509": Row(_fixed("pass clipnorm=1.0 to the optimizer")),
    # Inputs are read before any cause (a free probe): without LRC511 they are not the reason
    # the fresh outputs are extreme, the initial weights are.
    "LRC510": Row(
        _fixed(
            "build the layers with Keras' default kernel_initializer ('glorot_uniform'): the "
            "untrained outputs start far too large"
        ),
        defer_to=_INPUT_CAUSES,
    ),
    "LRC511": Row(_inputs),
    "LRC512": Row(_lower),
    "LRC513": Row(_lower),
    # A model that cannot fit one batch: any cause upstream of it is the first thing to fix.
    "LRC514": Row(
        _fixed("remove the weight penalties (kernel_regularizer) and Dropout layers"),
        defer_to=("LRC517", "LRC519", "LRC511", "LRC516", "LRC520", "LRC508", "LRC507", "LRC515"),
    ),
    "LRC515": Row(_saturated, defer_to=_INPUT_CAUSES),
    "LRC516": Row(_mismatch),
    "LRC517": Row(_single_valued),
    "LRC518": Row(
        _fixed(
            "shuffle the rows before batching: dataset.shuffle(len(data)) before .batch(), "
            "or fit(..., shuffle=True) for arrays"
        )
    ),
    "LRC519": Row(_targets),
    "LRC520": Row(_never_change),
    # Named from the search for where NaN/Inf started, whose finding the context carries.
    "LRC521": Row(_not_finite),
}


def first_change(code: str, evidence: Evidence, context: Context, message: str = "") -> str:
    """The one change to try first for the symptom ``code`` with ``evidence`` (and
    ``message``, the symptom's text)."""
    row = ADVICE.get(code)
    if row is None:
        return f"`lrcheck --explain {code}` tells what to change"
    for other in row.defer_to:
        if other != code and other in context.evidence:
            return first_change(other, context.evidence[other], context)
    return row.advise(evidence, replace(context, message=message))
