"""All zoo entries, the kinds of model and input they cover, and lookups by name."""

from __future__ import annotations

import importlib.util

from tests.zoo import entries_inputs, entries_layers, entries_models, entries_setups
from tests.zoo.case import Entry

ENTRIES: tuple[Entry, ...] = (
    *entries_models.ENTRIES,
    *entries_layers.ENTRIES,
    *entries_inputs.ENTRIES,
    *entries_setups.ENTRIES,
)

# Every kind of model and of input that users bring to fit; each has at least one entry.
MODEL_KINDS = (
    "sequential",
    "functional",
    "subclassed",
    "subclassed-no-kwargs",
    "custom-train-step",
    "multi-input-list",
    "multi-input-dict",
    "multi-output-list-y",
    "multi-output-dict-y",
    "multi-output-dict-outputs",
    "multi-output-loss-weights",
    "embedding",
    "text-vectorization",
    "string-lookup",
    "normalization",
    "custom-loss-function",
    "loss-subclass",
    "custom-metric",
    "custom-layer",
    "lambda",
    "frozen-base",
    "frozen-all",
    "batchnorm",
    "rnn",
    "mixed-precision",
    "sample-weights",
    "class-weights",
    "validation-weights",
)
INPUT_KINDS = (
    "arrays",
    "tensors",
    "tf-data",
    "tf-data-unbatched",
    "tf-data-empty",
    "tf-data-unseeded-shuffle",
    "tf-data-nan",
    "tf-data-weighted",
    "generator",
    "py-dataset",
    "dict",
)


def by_name(name: str) -> Entry:
    for entry in ENTRIES:
        if entry.name == name:
            return entry
    known = ", ".join(entry.name for entry in ENTRIES)
    raise KeyError(f"no zoo entry {name!r}; the zoo has: {known}")


def installed(package: str) -> bool:
    """Whether ``package`` can be imported here (without importing it)."""
    return importlib.util.find_spec(package) is not None


def selected(backend: str, only: str = "") -> list[Entry]:
    """The entries that run on ``backend`` here, limited to the comma-separated names of
    ``only`` when it names any (the ``--only`` of the per-backend scripts)."""
    names = set(filter(None, only.split(",")))
    return [
        entry
        for entry in ENTRIES
        if (not names or entry.name in names) and entry.runs_on(backend, installed)
    ]
