"""Training steps on the JAX backend the way ``fit`` takes them: the state stays on the device.

Under JAX, Keras' train function is a pure function of the training state (trainable,
non-trainable, optimizer and metric values) and a batch.  ``train_on_batch`` gathers that state
from the model's variables before every step and assigns it back after it, about twenty
variable assignments a step for a small model, which made a check cost 1.5 times the ``fit``
of the same steps.  ``fit`` instead keeps the state between steps and assigns it once at the
end; `JaxSteps` does the same, running the very function ``train_on_batch`` runs on the very
inputs it would get, so every step's loss and every weight come out bit for bit the same.

XLA's CPU compiler spends most of a short check compiling that function: about 0.45 s of a
0.6 s check of a small MLP, 3 s of a small CNN's 3.3 s.  Compiled without its optimizing
passes (`FAST_COMPILE`) it takes a third to a half of that, while each step runs 1.2 times
(an MLP) to 10 times (a CNN) slower.  So a model with no train function yet gets Keras' own
step compiled that way (`JaxSteps.prepare`); once a few steps are timed, a run whose steps
left would cost more than `SWITCH` times that compile, at that speed, goes on with Keras'
optimizing compile (`JaxSteps.reconsider`).  Both run the same ``train_step`` on the same
values; their losses differ in the last bits of float rounding, as two XLA versions' do.

The state lives in a `JaxSteps` only while a run trains: `JaxSteps.sync` assigns it to the
model's variables whenever anything else is about to read them (validation, the end of the
run, an error), and the next step gathers it again.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pytest_lrcheck.runtime import keras_compat

State = tuple[list[Any], list[Any], list[Any], list[Any]]

# XLA's CPU backend options that drop the optimizing passes: a compile a third to half as long.
FAST_COMPILE: dict[str, Any] = {
    "xla_backend_optimization_level": 0,
    "xla_llvm_disable_expensive_passes": True,
}
# The optimizing compile pays when the steps left, at the fast compile's speed, would take
# longer than this many fast compiles: it costs 2.4 (an MLP) to 4 (a CNN) of them, and makes
# the steps up to 10 times faster.
SWITCH = 4.0
TIMED_STEPS = 5  # the steps of a run timed before `JaxSteps.reconsider` is asked


def jax_steps(model: Any) -> JaxSteps | None:
    """A `JaxSteps` for ``model`` under the JAX backend; None on the others, for a model
    compiled to run eagerly, and under a `keras.distribution` (whose batches Keras lays out
    over its devices itself)."""
    import keras

    if keras.backend.backend() != "jax" or getattr(model, "run_eagerly", False):
        return None
    if keras.distribution.distribution() is not None:
        return None
    if not getattr(model, "jit_compile", True):
        return None
    return JaxSteps(model)


class JaxSteps:
    """Steps of ``model``'s compiled train function, its state held between them."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self._state: State | None = None
        self._reset: list[np.ndarray] | None = None  # the metric values every step starts from
        self._rate_index: int | None = None
        self._fast = False  # the train function is the fast-compiled one (`prepare`)

    def _groups(self) -> tuple[list[Any], ...]:
        model = self.model
        return (
            list(model.trainable_variables),
            list(model.non_trainable_variables),
            list(model.optimizer.variables),
            list(model.metrics_variables),
        )

    def _gather(self) -> State:
        if self._reset is None:
            # What `train_on_batch` does before every step: each step's metrics, and so its
            # loss, are of that one batch.  Metrics reset to fixed values, read once.
            self.model.reset_metrics()
            self._reset = [np.array(v.value) for v in self.model.metrics_variables]
            rate = getattr(self.model.optimizer, "learning_rate", None)
            found = [i for i, v in enumerate(self.model.optimizer.variables) if v is rate]
            self._rate_index = found[0] if found else None
        trainable, non_trainable, optimizer, _ = self._groups()
        return (
            [v.value for v in trainable],
            [v.value for v in non_trainable],
            [v.value for v in optimizer],
            [],
        )

    def prepare(self) -> None:
        """Before a run's first step: a model with no train function gets Keras' own compiled
        for compile speed (`FAST_COMPILE`), on the CPU only (a GPU's compile is another)."""
        import jax

        if self.model.train_function is None and jax.default_backend() == "cpu":
            self._fast = keras_compat.jit_train_function(self.model, FAST_COMPILE)

    def unprepare(self) -> bool:
        """Drop the fast-compiled train function, if it is in place (a compile that failed
        with it); whether it was."""
        if not self._fast:
            return False
        self.model.train_function = None
        self._fast = False
        return True

    def reconsider(self, steps_left: int, compile_seconds: float, step_seconds: float) -> None:
        """Go on with Keras' optimizing compile when the steps left would cost more than
        `SWITCH` fast compiles at the fast compile's speed (the next step compiles it)."""
        if self._fast and steps_left * step_seconds > SWITCH * compile_seconds:
            self.sync()
            self.model.train_function = None
            self.model.make_train_function()
            self._fast = False

    def ready(self) -> bool:
        """Whether the model's train function is traced (the first step of a run traces it
        through ``train_on_batch``, which also reports a batch the model cannot take)."""
        return self.model.train_function is not None

    def set_learning_rate(self, rate: float) -> None:
        """The optimizer's rate for the next steps, as assigning the variable would set it."""
        import jax.numpy as jnp

        if self._state is None:
            self._state = self._gather()
        variable = self.model.optimizer.learning_rate
        if self._rate_index is None:
            self.sync()
            variable.assign(rate)
            return
        self._state[2][self._rate_index] = jnp.asarray(rate, dtype=variable.dtype)

    def step(self, x: Any, y: Any, weights: Any) -> Any:
        """One training step; returns its logs as ``train_on_batch`` returns them (arrays)."""
        import keras

        if self._state is None:
            self._state = self._gather()
        assert self._reset is not None
        trainable, non_trainable, optimizer, _ = self._state
        # NumPy values go to the compiled function as they are: its own transfer of them costs
        # a third of converting each to a device array first (the step donates its state, so
        # the reset metric values are passed afresh every step either way).
        state = (trainable, non_trainable, optimizer, list(self._reset))
        data = keras.tree.map_structure(_on_device, (x, y, weights))
        self._state = None  # donated to the step: gone if the step fails
        logs, new_state = self.model.train_function(state, iter([data]))
        self._state = tuple(list(group) for group in new_state)  # type: ignore[assignment]
        return logs

    def sync(self) -> None:
        """The held state into the model's variables; the next step gathers it again."""
        if self._state is None:
            return
        state, self._state = self._state, None
        for variables, values in zip(self._groups(), state, strict=True):
            for variable, value in zip(variables, values, strict=False):
                variable.assign(value)


def _on_device(value: Any) -> Any:
    """A batch's array for the compiled step: NumPy as it is (the call transfers it), anything
    else (a tensor of another framework) through ``jax.device_put``."""
    import jax

    return value if value is None or isinstance(value, np.ndarray) else jax.device_put(value)
