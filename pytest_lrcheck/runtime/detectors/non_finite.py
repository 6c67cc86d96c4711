"""A layer that turns finite inputs into NaN or inf at the starting weights (LRC521)."""

from __future__ import annotations

from pytest_lrcheck.runtime.report import Symptom, make_symptom


def layer_not_finite(found: tuple[str, str] | None) -> Symptom | None:
    """``found`` is the first layer (name, class) whose output on the probe batch is not
    finite at the weights the run started from: no step has run, so no learning rate or
    gradient made it; the layer's own computation does (a log of 0, a division by 0, the
    square root of a negative number)."""
    if found is None:
        return None
    name, kind = found
    return make_symptom(
        "LRC521",
        f"layer {name!r} ({kind}) outputs NaN or inf on the probe batch at the starting "
        "weights, before any step: its computation is undefined for some inputs (a log of "
        "0, a division by 0, a square root of a negative number); guard it, e.g. "
        "log(x + 1e-7) or a softplus before the log",
        {"layer": name, "class": kind},
        0.9,
    )
