"""Which handler interprets which call: the interpreter's dispatch tables.

Calls are matched by canonical name (``keras.Sequential``), then by prefix
(``keras.layers.``); method calls on an evaluated receiver go to each method handler in turn.
Adding the semantics of a new function is a row here (or in `data_calls.HANDLERS`).
"""

from __future__ import annotations

from pytest_lrcheck import keras_vocab as vocab
from pytest_lrcheck.lint import containers, data_calls, data_labels, keras_models
from pytest_lrcheck.lint.evaluator import CallHandler, MethodHandler
from pytest_lrcheck.lint.keras_layers import input_ctor, layer_ctor
from pytest_lrcheck.lint.keras_models import functional_ctor, opaque_model, sequential_ctor
from pytest_lrcheck.lint.keras_training import loss_ctor, metric_ctor, optimizer_ctor

CALL_HANDLERS: dict[str, CallHandler] = {
    "keras.Sequential": sequential_ctor,
    "keras.Model": functional_ctor,
    "keras.Input": input_ctor,
    "keras.models.load_model": opaque_model,
    "keras.models.clone_model": opaque_model,
    "keras.saving.load_model": opaque_model,
    **dict.fromkeys(vocab.TF1_OPTIMIZERS, optimizer_ctor),
    **data_calls.HANDLERS,
    **data_labels.HANDLERS,
    "argparse.ArgumentParser": containers.parser,
    "builtins.dict": containers.dict_call,
}
PREFIX_HANDLERS: tuple[tuple[str, CallHandler], ...] = (
    ("keras.layers.", layer_ctor),
    ("keras.optimizers.", optimizer_ctor),
    ("keras.losses.", loss_ctor),
    ("keras.metrics.", metric_ctor),
    ("keras.applications.", opaque_model),
    *data_calls.PREFIX_HANDLERS,
)
METHOD_HANDLERS: tuple[MethodHandler, ...] = (
    keras_models.method_call,
    data_calls.method_call,
    containers.method_call,
)


def call_handler(qualname: str) -> CallHandler | None:
    """The handler for a call of this canonical name, or None when calls to it are opaque."""
    handler = CALL_HANDLERS.get(qualname)
    if handler is not None:
        return handler
    return next((h for prefix, h in PREFIX_HANDLERS if qualname.startswith(prefix)), None)
