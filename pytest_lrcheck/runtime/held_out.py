"""Validation data: read it with the same checks as the training data, and evaluate on it.

`check_training` records the loss (and, for a classifier, the accuracy) on the validation
data every tenth of the run, the curves a user compares with the training loss.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pytest_lrcheck import keras_vocab as vocab


def read_validation_data(session: Any, validation_data: Any) -> tuple[Any, ...] | None:
    """(x_val, y_val[, sample_weight]) checked like the training data, or the first batch of
    a dataset."""
    if validation_data is None:
        return None
    from pytest_lrcheck.runtime.batches import DatasetBatches
    from pytest_lrcheck.runtime.validate import as_arrays, check_arrays, is_dataset, reads_text

    if is_dataset(validation_data):
        return DatasetBatches(validation_data.take(1)).head(1)[0]
    if not isinstance(validation_data, (tuple, list)) or len(validation_data) not in (2, 3):
        raise ValueError(
            "validation_data must be an (x_val, y_val) pair, an (x_val, y_val, sample_weight) "
            "triple or a tf.data.Dataset"
        )
    model = session.model
    x_val = as_arrays(
        validation_data[0],
        "validation x",
        len(getattr(model, "inputs", None) or [None]),
        text=reads_text(model),
    )
    y_val = as_arrays(
        validation_data[1], "validation y", len(getattr(model, "outputs", None) or [None])
    )
    check_arrays(x_val, y_val, ("validation x", "validation y"))
    if len(validation_data) == 3 and validation_data[2] is not None:
        weights = as_arrays(validation_data[2], "validation sample_weight")
        check_arrays(x_val, weights, ("validation x", "validation sample_weight"))
        return x_val, y_val, weights
    return x_val, y_val


def evaluate(session: Any, validation: Any, losses: list[float], accuracy: list[float]) -> None:
    """Append the loss on the validation data, and the accuracy when the loss has one."""
    x_val, y_val = validation[0], validation[1]
    weights = validation[2] if len(validation) > 2 else None
    loss, predictions = session.trainer.evaluate(x_val, y_val, weights=weights)
    losses.append(loss)
    if not isinstance(y_val, np.ndarray):  # several outputs (or a tensor): no single accuracy
        return
    correct = _accuracy(session.facts, predictions, y_val)
    if correct is not None:
        accuracy.append(correct)


def _accuracy(facts: Any, predictions: np.ndarray, y: np.ndarray) -> float | None:
    info = vocab.loss_named(facts.loss)
    labels = None if info is None else info.labels
    if labels == "one_hot" and y.shape == predictions.shape:
        return float(np.mean(predictions.argmax(-1) == y.argmax(-1)))
    if labels == "class_ids":
        return float(np.mean(predictions.argmax(-1) == y.reshape(-1)))
    if labels == "binary" and y.size == predictions.size:
        threshold = 0.0 if facts.from_logits else 0.5
        guess = (predictions.reshape(-1) > threshold).astype(np.float64)
        return float(np.mean(guess == y.reshape(-1)))
    return None
