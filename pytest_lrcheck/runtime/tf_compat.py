"""Every private TensorFlow API the runtime reaches for, in one place (Keras' are in
`keras_compat`, under the same rules).

Each function says what the runtime uses it for and what happens when a TensorFlow release
removes it: the check goes on with a safe default that costs it one feature, never its
verdict, never the user's model or state, and never a crash.  `tests/runtime/test_keras_compat.py`
runs every function both ways: on the installed release, and with its private name gone.
"""

from __future__ import annotations

import sys
from typing import Any


def _eager_context() -> Any | None:
    """TensorFlow's eager context (private: ``tensorflow.python.eager.context``)."""
    try:
        from tensorflow.python.eager import context
    except ImportError:
        return None
    return context.context()


def tf_device_scope() -> str:
    """The calling thread's ``tf.device`` scope ('' outside one); TensorFlow keeps it per thread.

    For: the worker thread trains on the device the caller chose.  Private: the eager
    context's ``device_name``.  Without it: '' and the worker uses TensorFlow's default device.
    """
    context = _eager_context()
    name = getattr(context, "device_name", None)
    return name if isinstance(name, str) else ""


def tf_seed_state() -> tuple[Any, Any]:
    """TensorFlow's global seed and the state of the generator it derives op seeds from.

    For: restoring them after a seeded check, so later ``tf.random`` calls draw what they would
    have drawn.  Private: the eager context's ``_seed`` and ``_rng``.  Without them: (None,
    None), and `restore_tf_seed_state` can only reset the seed, not the generator's position.
    """
    context = _eager_context()
    rng = getattr(context, "_rng", None)
    state = rng.getstate() if rng is not None and hasattr(rng, "getstate") else None
    return getattr(context, "_seed", None), state


def restore_tf_seed_state(seed: Any, rng_state: Any) -> None:
    tf = sys.modules.get("tensorflow")
    if tf is None:
        return  # never imported (another Keras backend): no TensorFlow seed to put back

    # set_seed also clears the kernel cache, so no kernel seeded during the check survives.
    tf.random.set_seed(0 if seed is None else seed)
    context = _eager_context()
    if context is None or not hasattr(context, "_seed"):
        return
    context._seed = seed
    if rng_state is None:
        # A fresh process has no generator until a seed is set.
        if hasattr(context, "_rng"):
            del context._rng
    elif hasattr(context, "_rng"):
        context._rng.setstate(rng_state)


def gradient_registry() -> dict[str, Any]:
    """TensorFlow's process-wide registry of gradient functions (see `runtime.traces`).

    For: removing the registrations a check's own traced steps left, which nothing else
    removes.  Private: ``tensorflow.python.framework.ops._gradient_registry``.  Without it: an
    empty stand-in; the check works as before and only keeps the memory.
    """
    try:
        from tensorflow.python.framework import ops

        registry = ops._gradient_registry._registry
    except (ImportError, AttributeError):
        return {}
    return registry if isinstance(registry, dict) else {}


def unseeded_shuffles(dataset: Any) -> int:
    """How many ``shuffle`` steps of a tf.data pipeline no seed fixes (neither ``seed=`` nor
    ``tf.random.set_seed`` before it was built), walking from ``dataset`` to its sources.

    For: naming the randomness a seeded check cannot control.  Private: ``Dataset._inputs()``
    and the shuffle dataset's ``_seed``/``_seed2``, which TensorFlow fixes when the pipeline is
    built.  Without them: 0 (nothing named).  Shuffles inside the functions of
    ``interleave``/``flat_map`` are not reached.
    """
    found, pending, seen = 0, [dataset], set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        shuffle = "Shuffle" in type(node).__name__
        if shuffle and not getattr(node, "_seed", 1) and not getattr(node, "_seed2", 1):
            found += 1
        try:
            pending.extend(node._inputs())
        except (AttributeError, NotImplementedError, TypeError):
            continue
    return found
