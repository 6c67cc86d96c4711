"""The gradient of a model's compiled loss on one batch, on whichever backend Keras runs.

Training goes through Keras' own step, which keeps its gradients to itself; the diagnosis
needs them (per-layer norms for vanishing gradients, the global norm for exploding ones), so
they are computed here, once per backend: ``tf.GradientTape``, ``jax.grad`` of the model's
stateless loss, ``torch.autograd.grad``.  The loss is the unscaled one: under mixed precision
the optimizer's loss scale would multiply every norm by thousands, or make it inf while the
dynamic scale settles.  The model's variables are only read.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pytest_lrcheck.runtime.keras_compat import compiled_loss


def loss_gradients(model: Any, x: Any, y: Any, sample_weight: Any = None) -> list[Any]:
    """One NumPy array (float64) per trainable variable, or None where the loss does not
    reach it.  Raises what the model raises when it cannot run on the batch."""
    import keras

    variables = list(model.trainable_variables)
    backend = keras.backend.backend()
    if backend == "jax":
        grads = _jax(model, variables, x, y, sample_weight)
    elif backend == "torch":
        grads = _torch(model, variables, x, y, sample_weight)
    else:
        grads = _tensorflow(model, variables, x, y, sample_weight)
    return [None if g is None else np.asarray(g, dtype=np.float64) for g in grads]


def global_norm(grads: list[Any]) -> float:
    """The norm of all gradients together, as ``clipnorm`` sees them."""
    total = sum(float(np.sum(np.square(g))) for g in grads if g is not None)
    return float(np.sqrt(total))


def _forward_loss(model: Any, x: Any, y: Any, sample_weight: Any) -> Any:
    y_pred = model(x, training=False)
    return compiled_loss(model, x, y, y_pred, sample_weight, training=False)


def _tensorflow(model: Any, variables: list[Any], x: Any, y: Any, sample_weight: Any) -> list[Any]:
    import tensorflow as tf

    with tf.GradientTape() as tape:
        loss = _forward_loss(model, x, y, sample_weight)
    grads = tape.gradient(tf.cast(loss, tf.float32), [v.value for v in variables])
    # An Embedding's gradient comes as IndexedSlices: rows of the table, made dense here.
    return [None if g is None else tf.convert_to_tensor(g).numpy() for g in grads]


def _torch(model: Any, variables: list[Any], x: Any, y: Any, sample_weight: Any) -> list[Any]:
    import torch

    values = [v.value for v in variables]
    loss = _forward_loss(model, x, y, sample_weight)
    grads = torch.autograd.grad(loss.float(), values, allow_unused=True)
    return [None if g is None else g.detach().cpu().numpy() for g in grads]


def _jax(model: Any, variables: list[Any], x: Any, y: Any, sample_weight: Any) -> list[Any]:
    import jax
    import jax.numpy as jnp

    trainable = [v.value for v in variables]
    non_trainable = [v.value for v in model.non_trainable_variables]
    metrics = [v.value for v in model.metrics_variables]

    def loss_of(weights: list[Any]) -> Any:
        loss, _ = model.compute_loss_and_updates(
            weights, non_trainable, metrics, x, y, sample_weight, training=False
        )
        return jnp.asarray(loss, jnp.float32)

    return list(jax.grad(loss_of)(trainable))
