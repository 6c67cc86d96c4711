"""The error for a first batch the model cannot train on: one line that names the model, the
batch's shapes and the framework's own reason, without the traceback frames it embeds."""

from __future__ import annotations

import re
from typing import Any

# Colour codes some Keras errors carry, and the traceback lines TensorFlow puts in their text.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_REASON_LIMIT = 600


def first_batch_error(model: Any, batch: tuple[Any, ...], error: BaseException) -> ValueError:
    """A one-line error naming the model, the batch's shapes and Keras' own reason."""
    shapes = ", ".join(_describe(part) for part in batch if part is not None)
    return ValueError(
        f"model {model.name!r} cannot train on the first batch ({shapes}): {reason_of(error)}"
    )


def reason_of(error: BaseException) -> str:
    """The explaining part of a framework error: its text without the traceback frames and
    colour codes TensorFlow puts in it, on one line."""
    kept, skip = [], False
    for line in _ANSI.sub("", str(error)).splitlines():
        text = line.strip()
        if skip or text.startswith('File "'):
            skip = not skip  # a frame line is followed by its source line
            continue
        if text.startswith("Arguments received by"):
            break
        if text and text not in ("in user code:", "Traceback (most recent call last):"):
            kept.append(text.lstrip("• "))
    reason = " ".join(" ".join(kept).split()) or type(error).__name__
    if len(reason) > _REASON_LIMIT:
        reason = reason[: _REASON_LIMIT - 3] + "..."
    return reason


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_describe(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_describe(v) for v in value) + "]"
    shape = tuple(getattr(value, "shape", ()))
    return f"shape {shape} {getattr(value, 'dtype', type(value).__name__)}"
