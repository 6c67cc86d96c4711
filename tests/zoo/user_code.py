"""What users write around Keras: subclassed models, a custom ``train_step``, a custom layer,
loss and metric.  Defined at module level, as in a user's code, so anything that serializes
or clones them meets them as it would in the wild.

Importing this module imports Keras: only builders import it, after the backend is chosen.
"""

from __future__ import annotations

import importlib
from typing import Any

keras: Any = importlib.import_module("keras")
ops = keras.ops


class TanhNet(keras.Model):  # type: ignore[misc]
    """A subclassed classifier that forwards ``**kwargs`` (name, dtype) to ``keras.Model``."""

    def __init__(self, classes: int = 10, units: int = 32, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(units, activation="tanh")
        self.out = keras.layers.Dense(classes, activation="softmax")

    def call(self, x: Any) -> Any:
        return self.out(self.hidden(x))


class PlainNet(keras.Model):  # type: ignore[misc]
    """A subclassed classifier whose ``__init__`` takes no arguments, a very common style
    (Keras cannot rebuild it from its config)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = keras.layers.Dense(32, activation="relu")
        self.dropout = keras.layers.Dropout(0.1)
        self.out = keras.layers.Dense(10, activation="softmax")

    def call(self, x: Any, training: bool = False) -> Any:
        return self.out(self.dropout(self.hidden(x), training=training))


class StepNet(keras.Model):  # type: ignore[misc]
    """The GAN/VAE pattern: ``compile(optimizer=...)`` only, the loss lives in ``train_step``.

    Keras asks for a different ``train_step`` on each backend; the one for the backend in use
    is bound below, as a user writing for that backend would write it.
    """

    def __init__(self, classes: int = 10, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(32, activation="relu")
        self.out = keras.layers.Dense(classes, activation="softmax")
        self.loss_tracker = keras.metrics.Mean(name="loss")

    def call(self, x: Any, training: bool = False) -> Any:
        return self.out(self.hidden(x))

    @property
    def metrics(self) -> list[Any]:
        return [self.loss_tracker]

    def batch_loss(self, y: Any, y_pred: Any) -> Any:
        return ops.mean(keras.losses.sparse_categorical_crossentropy(y, y_pred))


def _tensorflow_step(self: StepNet, data: Any) -> dict[str, Any]:
    tf = importlib.import_module("tensorflow")
    x, y = data
    with tf.GradientTape() as tape:
        loss = self.batch_loss(y, self(x, training=True))
    grads = tape.gradient(loss, self.trainable_variables)
    self.optimizer.apply(grads, self.trainable_variables)
    self.loss_tracker.update_state(loss)
    return {"loss": self.loss_tracker.result()}


def _torch_step(self: StepNet, data: Any) -> dict[str, Any]:
    torch = importlib.import_module("torch")
    x, y = data
    self.zero_grad()
    loss = self.batch_loss(y, self(x, training=True))
    loss.backward()
    variables = list(self.trainable_variables)
    grads = [v.value.grad for v in variables]
    with torch.no_grad():
        self.optimizer.apply(grads, variables)
    self.loss_tracker.update_state(loss)
    return {"loss": self.loss_tracker.result()}


def _jax_loss(self: StepNet, trainable: Any, non_trainable: Any, x: Any, y: Any) -> tuple[Any, Any]:
    y_pred, non_trainable = self.stateless_call(trainable, non_trainable, x, training=True)
    return self.batch_loss(y, y_pred), non_trainable


def _jax_step(self: StepNet, state: Any, data: Any) -> tuple[dict[str, Any], Any]:
    jax = importlib.import_module("jax")
    trainable, non_trainable, optimizer_vars, metric_vars = state
    x, y = data
    grad_fn = jax.value_and_grad(lambda t, n: _jax_loss(self, t, n, x, y), has_aux=True)
    (loss, non_trainable), grads = grad_fn(trainable, non_trainable)
    trainable, optimizer_vars = self.optimizer.stateless_apply(optimizer_vars, grads, trainable)
    metric_vars = self.loss_tracker.stateless_update_state(metric_vars, loss)
    logs = {"loss": self.loss_tracker.stateless_result(metric_vars)}
    return logs, (trainable, non_trainable, optimizer_vars, metric_vars)


StepNet.train_step = {
    "tensorflow": _tensorflow_step,
    "torch": _torch_step,
    "jax": _jax_step,
}[keras.backend.backend()]


@keras.saving.register_keras_serializable(package="zoo")
class Scale(keras.layers.Layer):  # type: ignore[misc]
    """A custom layer with its own trainable weight: a learned per-feature scale."""

    def build(self, input_shape: Any) -> None:
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")

    def call(self, x: Any) -> Any:
        return x * self.scale


def unregistered_loss(y_true: Any, y_pred: Any) -> Any:
    """A custom loss function nobody registered for serialization."""
    return keras.losses.sparse_categorical_crossentropy(y_true, y_pred)


class SmoothedCrossentropy(keras.losses.Loss):  # type: ignore[misc]
    """A `Loss` subclass: sparse cross-entropy with a little label smoothing."""

    def __init__(self, classes: int = 10, smoothing: float = 0.05, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.classes, self.smoothing = classes, smoothing

    def call(self, y_true: Any, y_pred: Any) -> Any:
        onehot = ops.one_hot(ops.cast(ops.reshape(y_true, (-1,)), "int32"), self.classes)
        target = onehot * (1 - self.smoothing) + self.smoothing / self.classes
        return keras.losses.categorical_crossentropy(target, y_pred)


def top_two_hits(y_true: Any, y_pred: Any) -> Any:
    """A custom metric function: is the true class among the two most likely?"""
    labels = ops.cast(ops.reshape(y_true, (-1,)), "int32")
    return keras.metrics.sparse_top_k_categorical_accuracy(labels, y_pred, k=2)


class ArraySequence(keras.utils.PyDataset):  # type: ignore[misc]
    """A `keras.utils.PyDataset` over arrays (as a disk-backed image loader would be), which
    counts the batches it was asked for: a check should read only what it needs."""

    def __init__(self, x: Any, y: Any, batch_size: int = 32, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.x, self.y, self.batch_size = x, y, batch_size
        self.reads = 0

    def __len__(self) -> int:
        return -(-len(self.x) // self.batch_size)

    def __getitem__(self, index: int) -> tuple[Any, Any]:
        self.reads += 1
        rows = slice(index * self.batch_size, (index + 1) * self.batch_size)
        return self.x[rows], self.y[rows]
