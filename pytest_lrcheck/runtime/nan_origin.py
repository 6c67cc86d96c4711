"""NaN where it starts: the first layer whose output or gradient turned non-finite.

A loss that turns NaN or Inf (LRC501) says that something overflowed, not where.  The check
replays the run from its starting weights on the same seeded batches up to the step whose loss
was not finite (the replay is trusted only when it reproduces every recorded loss before that
step), then looks once at that step, with the weights as they were just before it:

- weights that are already non-finite were made so by the step before: its gradient is
  computed layer by layer, and the layer nearest the loss whose weights got a NaN/Inf gradient
  is named (or, when every gradient was finite, the layer whose update overflowed);
- otherwise one forward pass over the offending batch, every layer's ``call`` tapped for the
  duration of the pass, names the first layer to finish with a non-finite output from finite
  inputs (a layer with weights overflowed; one without made NaN/Inf of its own, a log or a
  division); when every output is finite, the loss itself turned non-finite.

Layers are reached through the model's layer tree, so functional, Sequential and subclassed
models alike are looked into; operations a subclassed model's own ``call`` runs outside any
layer cannot be tapped, and the finding says so.  Every variable is put back as the run left
it (the diagnosis reads the trained model next), and the taps are removed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from pytest_lrcheck.runtime.keras_compat import flatten_layers
from pytest_lrcheck.runtime.model_state import ModelState
from pytest_lrcheck.runtime.report import NonFiniteOrigin

# A replayed loss must match the recorded one this closely (relative): a backend's reductions
# may reorder, but a replay that drifts further did not retrace the run.
REPLAY_TOLERANCE = 1e-4
_NOT_SET = object()


@dataclass(frozen=True)
class _Call:
    layer: Any
    inputs_finite: bool
    output_finite: bool


def first_non_finite(losses: Sequence[float]) -> int | None:
    return next((i for i, v in enumerate(losses) if not math.isfinite(v)), None)


def locate(
    trainer: Any,
    batches: Any,
    start: ModelState,
    losses: Sequence[float],
    budget: Any,
    offending: tuple[Any, ...] | None = None,
) -> NonFiniteOrigin | None:
    """Where the first non-finite loss of ``losses`` started; None when the run stayed
    finite, the time budget has no room for the replay, or the replay did not reproduce
    the run.  ``batches`` yields the run's batches again from the first; ``start`` is the
    state the run started from; ``offending`` the batch the run kept (`RunRecord.offending`),
    else the replay takes it from ``batches``."""
    step = first_non_finite(losses)
    if step is None or not budget.allows((step + 3) * budget.step_cost()):
        return None
    end = trainer.snapshot()
    try:
        return _search(trainer, batches, start, losses, step, offending)
    except Exception:
        # A model this search cannot replay or call outside its train step: the verdict and
        # the diagnosis stand without it.
        return None
    finally:
        trainer.restore(end)


def _search(
    trainer: Any,
    batches: Any,
    start: ModelState,
    losses: Sequence[float],
    step: int,
    offending: tuple[Any, ...] | None,
) -> NonFiniteOrigin | None:
    model = trainer.model
    replayed = _replay(trainer, batches, start, losses, step)
    if replayed is None:
        return None
    before, previous, taken = replayed
    broken = _non_finite_weights(model)
    if broken:
        if before is None:
            return None  # the starting weights were not finite: no step made them so
        trainer.restore(before)
        return _in_gradients(model, previous, step - 1, broken)
    batch = taken if offending is None else offending
    if not _finite(batch):
        return NonFiniteOrigin(step, "data")
    return _in_forward(model, batch, step)


def _replay(
    trainer: Any, batches: Any, start: ModelState, losses: Sequence[float], step: int
) -> tuple[ModelState | None, Any, Any] | None:
    """Train from ``start`` up to (not through) ``step``: (the state before the step before
    it, that step's batch, the offending batch), or None if the losses differ."""
    trainer.restore(start)
    last: list[Any] = []  # the latest batch only: a long replay holds no more than one
    kept: list[ModelState] = []
    count = 0

    def before_step(batch: Any) -> None:
        nonlocal count
        last[:] = [batch]
        if count == step - 1:
            kept.append(trainer.snapshot())
        count += 1

    iterator = iter(batches)
    if step:
        replayed = trainer.run(iterator, step, before_step=before_step).losses
        if len(replayed) != step or not np.allclose(
            replayed, losses[:step], rtol=REPLAY_TOLERANCE, atol=0
        ):
            return None
    offending = next(iterator, None)
    if offending is None:
        return None
    return (kept[0] if kept else None), (last[0] if last else None), offending


def _non_finite_weights(model: Any) -> list[Any]:
    return [v for v in model.weights if not _finite(v)]


def _owners(model: Any) -> dict[int, Any]:
    """Each weight's innermost layer (the layer tree lists outer layers first)."""
    owners: dict[int, Any] = {}
    for layer in flatten_layers(model):
        for weight in layer.weights:
            owners[id(weight)] = layer
    return owners


def _in_gradients(model: Any, batch: Any, step: int, broken: list[Any]) -> NonFiniteOrigin:
    from pytest_lrcheck.runtime.gradients import loss_gradients

    x, y, weights = (*batch, None, None)[:3]
    owners = _owners(model)
    grads = loss_gradients(model, x, y, weights)
    bad = [
        v
        for v, g in zip(model.trainable_variables, grads, strict=True)
        if g is not None and not np.isfinite(g).all()
    ]
    if bad:
        # Backpropagation runs from the loss back to the inputs: the layer nearest the loss
        # with a non-finite gradient is where it turned so, or a weightless layer above it.
        ids = [id(v) for v in model.trainable_variables]
        layer = owners.get(id(bad[-1]))
        later = ids[ids.index(id(bad[-1])) + 1 :]
        above = next((owners[i] for i in later if owners.get(i, layer) is not layer), None)
        found = _origin(step, "gradient", layer)
        return replace(found, above=None if above is None else str(above.name))
    return _origin(step, "update", owners.get(id(broken[0])))


def at_start(model: Any, x: Any) -> NonFiniteOrigin | None:
    """Where one forward pass of ``x`` in inference mode, at the model's weights as they are,
    first turns finite inputs into NaN/Inf (as step 0); None when every output is finite or
    ``x`` is not.  Inference mode changes no state: no statistic, no seed is moved.  For a
    watched ``fit``, before its first step (`LossWatcher`)."""
    if not _finite(x):
        return None
    origin = _in_forward(model, (x,), 0, training=False)
    return origin if origin.where in ("output", "overflow", "call") else None


def _in_forward(model: Any, batch: Any, step: int, training: bool = True) -> NonFiniteOrigin:
    x = batch[0]
    with _tapped(model) as calls:
        try:
            model(x, training=training)
        except Exception:  # a model that only its own train step can call
            return NonFiniteOrigin(step, "unknown", unseen=(f"the layers of {model.name!r}",))
    for call in calls:
        if call.inputs_finite and not call.output_finite:
            # The model finishing last with every layer finite: its own call's operations.
            if call.layer is model:
                return _origin(step, "call", model)
            # A layer with weights multiplies finite numbers into NaN/Inf only by overflowing;
            # one without (a log, a division) can make them of its own.
            where = "overflow" if call.layer.weights else "output"
            return _origin(step, where, call.layer)
    return NonFiniteOrigin(step, "loss")


def _origin(
    step: int, where: str, layer: Any | None, unseen: tuple[str, ...] = ()
) -> NonFiniteOrigin:
    if layer is None:
        return NonFiniteOrigin(step, where, unseen=unseen)
    return NonFiniteOrigin(step, where, str(layer.name), type(layer).__name__, unseen)


@contextmanager
def _tapped(model: Any) -> Iterator[list[_Call]]:
    """Every layer's ``call`` (and the model's own) records, in the order the calls finish,
    whether its inputs and its output were finite; the instances are left as they were."""
    calls: list[_Call] = []
    layers = [*flatten_layers(model), model]
    saved = [(layer, layer.__dict__.get("call", _NOT_SET)) for layer in layers]
    try:
        for layer in layers:
            object.__setattr__(layer, "call", _tap(layer, layer.call, calls))
        yield calls
    finally:
        for layer, own in saved:
            if own is _NOT_SET:
                object.__delattr__(layer, "call")
            else:
                object.__setattr__(layer, "call", own)


def _tap(layer: Any, call: Any, calls: list[_Call]) -> Any:
    def tapped(*args: Any, **kwargs: Any) -> Any:
        output = call(*args, **kwargs)
        calls.append(_Call(layer, _finite((args, kwargs)), _finite(output)))
        return output

    return tapped


def _finite(value: Any) -> bool:
    """Whether every floating-point number in ``value`` (a tensor, variable or nest) is
    finite; anything that is no array counts as finite."""
    import keras

    for leaf in keras.tree.flatten(value):
        if leaf is None or isinstance(leaf, (str, bytes, bool, int)):
            continue
        try:
            array = np.asarray(keras.ops.convert_to_numpy(leaf))
        except Exception:  # not a tensor (a mask object, a config value): nothing to check
            continue
        if np.issubdtype(array.dtype, np.floating) and not np.isfinite(array).all():
            return False
    return True
