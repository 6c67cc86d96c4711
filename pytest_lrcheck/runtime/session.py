"""Everything a check sets up before training: validated data, seeds, the captured model.

Shared by `check_training` and `lr_range` so both reject bad input the same way.  The check
trains the user's own model and puts every variable back on exit (`runtime.model_state`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from pytest_lrcheck.extras import install_hint
from pytest_lrcheck.runtime.batches import (
    ArrayBatches,
    DatasetBatches,
    StreamBatches,
    first_array,
    is_stream,
)
from pytest_lrcheck.runtime.budget import Budget
from pytest_lrcheck.runtime.detectors.reference import LossReference, reference_of
from pytest_lrcheck.runtime.first_batch import first_batch_error
from pytest_lrcheck.runtime.keras_compat import build_for_training, constant_rate
from pytest_lrcheck.runtime.loop import Trainer
from pytest_lrcheck.runtime.model_facts import ModelFacts, read_model_facts
from pytest_lrcheck.runtime.model_state import ModelState
from pytest_lrcheck.runtime.state import seeded
from pytest_lrcheck.runtime.validate import (
    as_arrays,
    check_arrays,
    check_labels,
    check_options,
    check_varied_labels,
    class_weights_to_samples,
    is_dataset,
    reads_text,
    require_compiled_model,
)

PROBE_SIZE = 256


@dataclass
class Session:
    model: Any  # the user's model: it trains, and is put back as it was on exit
    trainer: Trainer
    batches: ArrayBatches | DatasetBatches
    facts: ModelFacts
    reference: LossReference
    labels: Any
    probe: tuple[Any, ...]
    started: float
    budget: Budget
    seed: int

    @property
    def deadline(self) -> float:
        return self.budget.deadline

    def probe_cost(self) -> float:
        """Predicted seconds for one pass over the probe rows: a training step's cost per row,
        a generous guess for a forward pass that needs no gradients."""
        rows = int(np.shape(first_array(self.probe[0]))[0])
        batch = getattr(self.batches, "batch_size", None) or rows
        return self.budget.step_cost() * max(1.0, rows / batch)


@contextmanager
def open_session(
    model: Any,
    x: Any,
    y: Any,
    *,
    steps: int,
    batch_size: int,
    seed: int,
    max_seconds: float,
    constant_lr: bool = False,
    sample_weight: Any = None,
    class_weight: Any = None,
) -> Iterator[Session]:
    """Validate, seed, capture; the model and global random and Keras state are restored on
    exit."""
    started = time.perf_counter()
    require_backend()
    check_options(steps=steps, batch_size=batch_size, seed=seed, max_seconds=max_seconds)
    require_compiled_model(model)
    batches = _batches(model, x, y, batch_size, seed, sample_weight, class_weight)
    with seeded(int(seed)):
        probe = batches.probe(PROBE_SIZE)
        _build(model, batches)
        saved = ModelState.capture(model)
        try:
            with ExitStack() as stack, constant_rate(model, enabled=constant_lr):
                facts = read_model_facts(model)
                labels = batches.labels()
                check_labels(labels, facts)
                if isinstance(batches, ArrayBatches):
                    check_varied_labels(labels)
                # The user's own model trains: no step may be abandoned half way (see
                # `pytest_lrcheck.runtime.budget`).
                budget = Budget(started + max_seconds, abandonable=False)
                trainer = Trainer(model, budget)
                stack.callback(trainer.close)
                yield Session(
                    model=model,
                    trainer=trainer,
                    batches=batches,
                    facts=facts,
                    reference=reference_of(facts, labels),
                    labels=labels,
                    probe=probe,
                    started=started,
                    budget=budget,
                    seed=int(seed),
                )
        finally:
            saved.restore(model)
            saved.restore_functions(model)


def require_backend() -> None:
    """Keras and the backend ``KERAS_BACKEND`` names, imported; when one is missing, one line
    naming what to install instead of the traceback of Keras' own imports."""
    try:
        import keras  # noqa: F401
    except ImportError as error:
        hint = install_hint(error)
        if hint is None:
            raise
        raise ModuleNotFoundError(hint, name=error.name) from None


def _build(model: Any, batches: Any) -> None:
    """Every variable the training step uses, created now so that it can be captured; a
    model that cannot run on the data fails here, with Keras' reason."""
    batch = next(iter(batches))
    try:
        build_for_training(model, tuple(batch) + (None,) * (3 - len(batch)))
    except Exception as error:  # whatever the backend raises for a model it cannot run
        raise first_batch_error(model, batch, error) from None


def _batches(
    model: Any,
    x: Any,
    y: Any,
    batch_size: int,
    seed: int,
    weights: Any = None,
    class_weight: Any = None,
) -> Any:
    if is_dataset(x) or is_stream(x):
        if y is not None or weights is not None or class_weight is not None:
            kind = "tf.data.Dataset" if is_dataset(x) else type(x).__qualname__
            raise ValueError(
                f"y must be None when x is a {kind} (sample_weight and class_weight too): "
                "yield (x, y) or (x, y, sample_weight) batches"
            )
        return DatasetBatches(x) if is_dataset(x) else StreamBatches(x)
    xs = as_arrays(x, "x", len(getattr(model, "inputs", None) or [None]), text=reads_text(model))
    ys = None if y is None else as_arrays(y, "y", len(getattr(model, "outputs", None) or [None]))
    n = check_arrays(xs, ys)
    if weights is not None and class_weight is not None:
        raise ValueError("pass sample_weight or class_weight, not both (as for fit)")
    if class_weight is not None:
        weights = class_weights_to_samples(ys, class_weight)
    if weights is not None:
        weights = as_arrays(weights, "sample_weight")
        check_arrays(xs, weights, ("x", "sample_weight"))
    return ArrayBatches(xs, ys, n, batch_size, int(seed), weights)
