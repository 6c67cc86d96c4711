"""Everything a check sets up before training: validated data, seeds, the model copy.

Shared by `check_training` and `lr_range` so both reject bad input the same way.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from pytest_lrcheck.runtime.batches import ArrayBatches, DatasetBatches, first_array
from pytest_lrcheck.runtime.budget import Budget
from pytest_lrcheck.runtime.detectors.reference import LossReference, reference_for
from pytest_lrcheck.runtime.loop import Trainer
from pytest_lrcheck.runtime.model_facts import ModelFacts, read_model_facts
from pytest_lrcheck.runtime.state import seeded
from pytest_lrcheck.runtime.validate import (
    as_arrays,
    check_arrays,
    check_labels,
    check_options,
    is_dataset,
    require_compiled_model,
)

PROBE_SIZE = 256


@dataclass
class Session:
    model: Any  # what trains: a clone, or the user's model with clone=False
    trainer: Trainer
    batches: ArrayBatches | DatasetBatches
    facts: ModelFacts
    reference: LossReference
    labels: Any
    probe: tuple[Any, ...]
    started: float
    budget: Budget
    seed: int
    cloned: bool

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
    clone: bool,
    constant_lr: bool = False,
) -> Iterator[Session]:
    """Validate, seed, copy; global random and Keras state are restored on exit."""
    started = time.perf_counter()
    check_options(steps=steps, batch_size=batch_size, seed=seed, max_seconds=max_seconds)
    require_compiled_model(model)
    batches = _batches(model, x, y, batch_size, seed)
    with seeded(int(seed)):
        probe = batches.probe(PROBE_SIZE)
        work = model
        if clone:
            from pytest_lrcheck.runtime.clone import training_copy

            work = training_copy(model, probe[0])
        if not work.built:
            work(probe[0], training=False)
        facts = read_model_facts(work)
        if constant_lr and facts.lr_schedule:
            _constant_rate(work, facts.learning_rate or 1e-3)
        labels = batches.labels()
        check_labels(labels, facts)
        # Only a private copy may be abandoned mid-step: see `pytest_lrcheck.runtime.budget`.
        budget = Budget(started + max_seconds, abandonable=clone)
        yield Session(
            model=work,
            trainer=Trainer(work, budget),
            batches=batches,
            facts=facts,
            reference=reference_for(
                facts.loss, labels, facts.label_smoothing, n_classes=facts.n_classes
            ),
            labels=labels,
            probe=probe,
            started=started,
            budget=budget,
            seed=int(seed),
            cloned=clone,
        )


def _batches(model: Any, x: Any, y: Any, batch_size: int, seed: int) -> Any:
    if is_dataset(x):
        if y is not None:
            raise ValueError("y must be None when x is a tf.data.Dataset: yield (x, y) pairs")
        return DatasetBatches(x)
    n_inputs = len(getattr(model, "inputs", None) or [None])
    xs = as_arrays(x, "x", n_inputs)
    ys = None if y is None else as_arrays(y, "y")
    n = check_arrays(xs, ys)
    return ArrayBatches(xs, ys, n, batch_size, int(seed))


def _constant_rate(model: Any, rate: float) -> None:
    """Swap a schedule for a constant rate (range tests set the rate step by step)."""
    config = model.optimizer.get_config()
    config["learning_rate"] = float(rate)
    model.compile(optimizer=type(model.optimizer).from_config(config), loss=model.loss)
