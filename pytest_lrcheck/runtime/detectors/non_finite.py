"""A layer that turns finite inputs into NaN or inf at the starting weights (LRC521)."""

from __future__ import annotations

from pytest_lrcheck.runtime.report import NonFiniteOrigin, Symptom, make_symptom

# Where the search for the first NaN (`runtime.nan_origin`) names an operation of the model
# itself: a layer without weights, or a subclassed model's own call outside its layers.
_OWN_OPERATION = frozenset({"output", "call"})


def layer_not_finite(origin: NonFiniteOrigin | None) -> Symptom | None:
    """LRC521 when the loss was NaN/Inf at the first step and the search for where it started
    found a layer (or a model's own ``call``) that turns finite inputs into NaN or inf: no
    step has run, so no learning rate or gradient made it; the layer's own computation does
    (a log of 0, a division by 0, the square root of a negative number)."""
    if origin is None or origin.step != 0 or origin.where not in _OWN_OPERATION:
        return None
    name, kind = origin.layer or "?", origin.layer_type or "?"
    what = f"layer {name!r} ({kind})" if origin.where == "output" else f"{kind}.call"
    return make_symptom(
        "LRC521",
        f"{what} outputs NaN or inf from finite inputs at the starting weights, before any "
        "step: its computation is undefined for some inputs (a log of 0, a division by 0, a "
        "square root of a negative number); guard it, e.g. log(x + 1e-7) or a softplus "
        "before the log",
        {"layer": name, "class": kind},
        0.9,
    )
