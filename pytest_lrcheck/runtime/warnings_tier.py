"""The warnings tier: what a run whose loss falls must still tell its user.

A falling loss is not yet a working model.  Keras 3 trains a sigmoid output under categorical
cross-entropy "fine" from the pre-activations while the outputs a user reads saturate and tie;
Adam copes with 0-255 pixels; labels of one class, or batches sorted by class, still make the
loss fall.  None of these fails the check (the loss curve decides that), but each is a
`TrainingReport.warnings` entry, said as the static rules would say it, and ``strict`` turns
them into failures (the ``lrcheck`` fixture's ``strict``, ``--lrcheck-strict``).

`check_training` and the fit watch (`LossWatcher`) call the same `warnings_for`, with what each
of them can see.  Only evidence that is read, never guessed, warns: no evidence, no warning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from pytest_lrcheck.runtime.detectors import data, labels, mismatch
from pytest_lrcheck.runtime.model_facts import ModelFacts
from pytest_lrcheck.runtime.report import Symptom, for_output

DATASET_ORDER = "the dataset yields first"  # "30 of the 32 batches the dataset yields first"


def warnings_for(
    facts: ModelFacts,
    *,
    pairing: tuple[str, str] | None,
    scale: data.InputScale | None,
    y: Any,
    ordered: Sequence[Any] | None,
    order_source: str,
) -> tuple[Symptom, ...]:
    """The warnings of a healthy run, most important first.

    ``pairing`` is the model's `mismatch.config_mismatch`; ``scale`` the statistics of a
    sample of the inputs; ``y`` the labels as given (None when unknown); ``ordered`` the
    labels of consecutive batches in the order training met them, when the data was not
    shuffled (None: shuffled, or unknown), described by ``order_source`` (`DATASET_ORDER`).
    """
    found: list[Symptom | None] = [
        mismatch.mismatch_symptom(facts, pairing),
        data.unscaled_inputs(scale, facts),
    ]
    if ordered:
        seen = _joined(ordered)
        where = f"the {len(ordered)} batches {order_source}"
        found.append(labels.single_valued(seen, facts.loss, where=where))
        found.append(labels.class_sorted(ordered, facts.loss, where=order_source))
    else:
        found.append(labels.single_valued(y, facts.loss))
    found.extend(_per_output(facts, y))
    kept = [symptom for symptom in found if symptom is not None]
    return tuple(sorted(kept, key=lambda symptom: -symptom.confidence))


def _per_output(facts: ModelFacts, y: Any) -> list[Symptom | None]:
    """The pairing and label warnings of each output of a model with several, each naming
    its output (the model-wide ones above see no single output)."""
    from pytest_lrcheck.runtime.validate import output_labels

    found: list[Symptom | None] = []
    for index, (name, own) in enumerate(facts.outputs):
        given = output_labels(y, name, index)
        labels_of = given if isinstance(given, np.ndarray) else None
        where = f"y[{name!r}]" if isinstance(y, Mapping) else f"y[{index}]"
        found.append(
            for_output(
                name, mismatch.mismatch_symptom(own, mismatch.config_mismatch(own, labels_of))
            )
        )
        found.append(for_output(name, labels.single_valued(labels_of, own.loss, where=where)))
    return found


def _joined(batches: Sequence[Any]) -> Any:
    arrays = [np.asarray(y) for y in batches if y is not None]
    if not arrays or any(a.shape[1:] != arrays[0].shape[1:] for a in arrays):
        return None
    return np.concatenate(arrays)


ORDER_BATCHES = 32  # consecutive batches of an unshuffled fit read for the order of its labels


def fit_order(x: Any, y: Any, batch_size: Any, shuffle: Any) -> list[Any] | None:
    """The labels of the first batches of a ``fit`` in the order it trains on them, when it
    does not shuffle (Keras shuffles arrays unless ``shuffle=False``; a tf.data pipeline is
    trained in the order it yields).  None when shuffled or not readable without side effects.
    """
    if hasattr(x, "element_spec") and hasattr(x, "take"):  # a tf.data.Dataset
        batches = []
        for element in x.take(ORDER_BATCHES):
            if not isinstance(element, tuple) or len(element) < 2:
                return None
            batches.append(np.asarray(element[1]))
        return batches
    if shuffle is not False or not isinstance(y, np.ndarray):
        return None
    size = batch_size if isinstance(batch_size, int) and batch_size > 0 else 32
    return [y[start : start + size] for start in range(0, min(len(y), size * ORDER_BATCHES), size)]


def input_scale(x: Any) -> data.InputScale | None:
    """Statistics of array inputs; None for anything else (a dataset is not read twice)."""
    return data.input_scale(x) if isinstance(x, np.ndarray) else None
