"""Seed a check, and put the process's global random and Keras state back afterwards.

A check seeds Python, NumPy, TensorFlow and Keras so the same input gives the same verdict.
Those seeds are process-wide: without restoring them, a check inside a test would change the
random numbers every later test draws.  Keras' counters for automatic names are put back too,
so a model built after a check is named as it would have been without it.
"""

from __future__ import annotations

import collections
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class GlobalState:
    python_random: object
    numpy_random: Any
    keras_seed: Any
    keras_seed_generator: Any
    tf_seed: Any
    tf_rng_state: Any
    floatx: str
    dtype_policy: Any
    name_counters: dict[str, int]


def capture() -> GlobalState:
    import keras
    from keras.src.backend.common import global_state
    from keras.src.random import seed_generator
    from keras.src.utils import rng_utils

    ctx = _tf_context()
    rng = getattr(ctx, "_rng", None)
    return GlobalState(
        python_random=random.getstate(),
        numpy_random=np.random.get_state(),
        keras_seed=global_state.get_global_attribute(rng_utils.GLOBAL_RANDOM_SEED),
        keras_seed_generator=global_state.get_global_attribute(
            seed_generator.GLOBAL_SEED_GENERATOR
        ),
        tf_seed=getattr(ctx, "_seed", None),
        tf_rng_state=None if rng is None else rng.getstate(),
        floatx=keras.backend.floatx(),
        dtype_policy=keras.config.dtype_policy(),
        name_counters=dict(_name_counters()),
    )


def restore(state: GlobalState) -> None:
    import keras
    from keras.src.backend.common import global_state
    from keras.src.random import seed_generator
    from keras.src.utils import rng_utils

    random.setstate(state.python_random)  # type: ignore[arg-type]
    np.random.set_state(state.numpy_random)
    global_state.set_global_attribute(rng_utils.GLOBAL_RANDOM_SEED, state.keras_seed)
    global_state.set_global_attribute(
        seed_generator.GLOBAL_SEED_GENERATOR, state.keras_seed_generator
    )
    _restore_tf_seed(state)
    if keras.backend.floatx() != state.floatx:
        keras.backend.set_floatx(state.floatx)
    if keras.config.dtype_policy() is not state.dtype_policy:
        keras.config.set_dtype_policy(state.dtype_policy)
    counters = _name_counters()
    counters.clear()
    counters.update(state.name_counters)


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Seed everything for the body, then restore what was there before, even on error."""
    import keras

    saved = capture()
    try:
        keras.utils.set_random_seed(seed)
        yield
    finally:
        restore(saved)


def _name_counters() -> dict[str, int]:
    """Keras' per-prefix counters behind names like ``dense_3`` (kept per thread)."""
    from keras.src.backend.common import global_state

    counters = global_state.get_global_attribute("object_name_uids")
    if counters is None:
        counters = collections.defaultdict(int)
        global_state.set_global_attribute("object_name_uids", counters)
    return counters


def _tf_context() -> Any:
    from tensorflow.python.eager import context

    return context.context()


def _restore_tf_seed(state: GlobalState) -> None:
    import tensorflow as tf

    ctx = _tf_context()
    # set_seed also clears the kernel cache, so no kernel seeded during the check survives.
    tf.random.set_seed(0 if state.tf_seed is None else state.tf_seed)
    ctx._seed = state.tf_seed
    if state.tf_rng_state is None:
        # A fresh process has no generator until a seed is set.
        if hasattr(ctx, "_rng"):
            del ctx._rng
    else:
        ctx._rng.setstate(state.tf_rng_state)
