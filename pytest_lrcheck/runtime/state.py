"""Seed a check, and put the process's global random and Keras state back afterwards.

A check seeds Python, NumPy, TensorFlow and Keras so the same input gives the same verdict.
Those seeds are process-wide: without restoring them, a check inside a test would change the
random numbers every later test draws.  Keras' counters for automatic names are put back too,
so a model built after a check is named as it would have been without it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from pytest_lrcheck.runtime import keras_compat, tf_compat


@dataclass(frozen=True)
class GlobalState:
    python_random: Any
    numpy_random: Any
    keras_seeds: tuple[Any, Any]
    tf_seed: Any
    tf_rng_state: Any
    floatx: str
    dtype_policy: Any
    name_counters: dict[str, int]


def capture() -> GlobalState:
    import keras

    tf_seed, tf_rng_state = tf_compat.tf_seed_state()
    return GlobalState(
        python_random=random.getstate(),
        numpy_random=np.random.get_state(),
        keras_seeds=keras_compat.keras_seeds(),
        tf_seed=tf_seed,
        tf_rng_state=tf_rng_state,
        floatx=keras.backend.floatx(),
        dtype_policy=keras.config.dtype_policy(),
        name_counters=dict(keras_compat.layer_name_counters()),
    )


def restore(state: GlobalState) -> None:
    import keras

    random.setstate(state.python_random)
    np.random.set_state(state.numpy_random)
    keras_compat.restore_keras_seeds(state.keras_seeds)
    tf_compat.restore_tf_seed_state(state.tf_seed, state.tf_rng_state)
    if keras.backend.floatx() != state.floatx:
        keras.backend.set_floatx(state.floatx)
    if keras.config.dtype_policy() is not state.dtype_policy:
        keras.config.set_dtype_policy(state.dtype_policy)
    counters = keras_compat.layer_name_counters()
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
