"""A training copy of the user's model, so a check leaves their weights and optimizer alone."""

from __future__ import annotations

from typing import Any

from pytest_lrcheck.runtime.keras_compat import flatten_layers


class CloneError(TypeError):
    """The model cannot be cloned; the message says to pass ``clone=False``."""


def training_copy(model: Any, sample_x: Any) -> Any:
    """A clone with the same weights, recompiled with a fresh optimizer of the same config,
    the same loss and fresh instances of the same metrics.

    ``sample_x`` (a few rows of input) builds a clone that Keras leaves unbuilt, such as a
    subclassed model re-created from its config.
    """
    import keras

    hint = (
        "pass clone=False to check the model itself (its weights and optimizer state "
        "will then change)"
    )
    try:
        clone = keras.models.clone_model(model)
    except Exception as error:  # clone_model raises many kinds for unclonable models
        raise CloneError(
            f"cannot clone model {model.name!r} ({type(model).__name__}): {_short(error)}; {hint}"
        ) from None
    if model.built:
        if not clone.built or len(clone.weights) != len(model.weights):
            try:
                clone(sample_x, training=False)
            except Exception as error:
                raise CloneError(
                    f"the clone of model {model.name!r} does not build: {_short(error)}; {hint}"
                ) from None
        try:
            clone.set_weights(model.get_weights())
        except ValueError as error:
            raise CloneError(
                f"the clone of model {model.name!r} does not take its weights: "
                f"{_short(error)}; {hint}"
            ) from None
    _keep_layer_names(model, clone)
    optimizer = type(model.optimizer).from_config(model.optimizer.get_config())
    clone.compile(
        optimizer=optimizer,
        loss=model.loss,
        metrics=_fresh_metrics(model),
        loss_weights=getattr(model, "loss_weights", None),
    )
    return clone


def _keep_layer_names(model: Any, clone: Any) -> None:
    """Diagnoses name layers; they should be the names the user sees in their own model."""
    originals, copies = flatten_layers(model), flatten_layers(clone)
    if len(originals) != len(copies):
        return
    for original, copy in zip(originals, copies, strict=True):
        if type(original) is type(copy):
            try:
                copy.name = original.name
            except AttributeError:
                return


def _fresh_metrics(model: Any) -> Any:
    """The compiled metrics re-created from their config: sharing the user's metric objects
    would add our batches to their running totals."""
    import keras

    config = model.get_compile_config() or {}
    metrics = config.get("metrics")
    if not metrics:
        return None
    try:
        return keras.saving.deserialize_keras_object(metrics)
    except Exception:
        # A custom metric that does not deserialize: training does not need it.
        return None


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
