"""Every private Keras and TensorFlow API the runtime reaches for, in one place.

Keras and TensorFlow rename or drop private names between releases without notice.  Each
function below says what the runtime uses it for and what happens when a release removes it:
where a public API gives the same answer it takes over; otherwise the check goes on with a
safe default that costs it one feature (named in the function), never its verdict, never the
user's model or state, and never a crash.  `tests/runtime/test_keras_compat.py` runs every
function both ways: on the installed release, and with its private name gone.

TensorFlow's own private APIs are in `tf_compat`, under the same rules.  No other runtime
module touches ``keras.src``, ``tensorflow.python`` or an underscored attribute of a framework
object (`tests/test_architecture.py` checks it).
"""

from __future__ import annotations

import collections
import contextlib
import copy
import inspect
from collections.abc import Iterator
from types import ModuleType
from typing import Any

# Keras' thread-local globals: the state tracker (seeds, name counters, name scopes) and the
# settings tracker (dtype policy, floatx overrides).
KerasThreadState = tuple[dict[str, Any], dict[str, Any]]

# The names Keras stores its global seeds under (`keras.src.utils.rng_utils` and
# `keras.src.random.seed_generator`); plain strings, so a release that moves the modules that
# define them does not break the lookup.
_GLOBAL_RANDOM_SEED = "global_random_seed"
_GLOBAL_SEED_GENERATOR = "global_seed_generator"
# The per-prefix counters behind automatic layer names like ``dense_3``.
_NAME_COUNTERS = "object_name_uids"


# --- Models and layers -------------------------------------------------------------------


def flatten_layers(model: Any) -> list[Any]:
    """Every layer inside ``model``, nested models' layers included, the model itself not.

    For: reading the model's facts, naming a clone's layers as the user named theirs, and
    tapping hidden layers for the activity probe.  Private: ``Layer._flatten_layers``.
    Without it: the public ``layers`` lists, walked depth first, which find the same layers
    of Sequential and functional models (a subclassed model's layers held in other attributes
    are then missed, and their activity goes unprobed).
    """
    flatten = getattr(model, "_flatten_layers", None)
    if callable(flatten):
        return list(flatten(include_self=False, recursive=True))
    return list(_walk_layers(model, set()))


def _walk_layers(layer: Any, seen: set[int]) -> Iterator[Any]:
    for child in getattr(layer, "layers", None) or ():
        if id(child) in seen:
            continue
        seen.add(id(child))
        yield child
        yield from _walk_layers(child, seen)


def call_takes_training(model: Any) -> bool:
    """Whether ``model.call`` accepts ``training=``, as Keras' own train step asks.

    For: the check's training step calls the model as Keras' ``train_step`` does.  Private:
    ``Layer._call_has_training_arg``.  Without it: read from the signature of ``call``, which is
    how Keras computes it.
    """
    known = getattr(model, "_call_has_training_arg", None)
    if isinstance(known, bool):
        return known
    try:
        return "training" in inspect.signature(model.call).parameters
    except (TypeError, ValueError):
        return False


def compiled_loss(
    model: Any, x: Any, y: Any, y_pred: Any, sample_weight: Any = None, *, training: bool
) -> Any:
    """The compiled loss of a batch, regularization included, as ``fit`` computes it.

    For: the training step, the probe loss and the gradient probe.  Private:
    ``Trainer._compute_loss``, which calls the public ``compute_loss`` with ``training`` only
    when an override accepts it (the argument is new in Keras 3.3).  Without it: the same
    dispatch, done here.
    """
    compute = getattr(model, "_compute_loss", None)
    if callable(compute):
        return compute(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=training)
    try:
        takes_training = "training" in inspect.signature(model.compute_loss).parameters
    except (TypeError, ValueError):
        takes_training = False
    if takes_training:
        return model.compute_loss(x, y, y_pred, sample_weight, training=training)
    return model.compute_loss(x, y, y_pred, sample_weight)


def compiled_loss_weights(model: Any) -> Any:
    """The ``loss_weights`` the model was compiled with: None (each loss weighs 1), a number,
    a list by output position or a dict by output name.

    For: the constant-guess reference of a model with several outputs, whose total loss is
    the sum of each output's loss times its weight.  Private: ``Trainer._compile_loss``
    (Keras' ``CompileLoss``, which keeps the argument as ``_user_loss_weights``).  Without it:
    the public ``get_compile_config()``, which serializes the same argument; when neither
    answers, `LookupError`: the reference is then unknown and the readings that need it
    stay off (no false alarm).
    """
    missing = object()
    weights = getattr(getattr(model, "_compile_loss", None), "_user_loss_weights", missing)
    if weights is not missing:
        return weights
    try:
        config = model.get_compile_config()
    except Exception as error:  # whatever a custom loss or optimizer raises when serialized
        raise LookupError("the compiled loss weights cannot be read") from error
    if not isinstance(config, dict) or "loss_weights" not in config:
        raise LookupError("the compiled loss weights cannot be read")
    return config["loss_weights"]


def build_for_training(model: Any, batch: tuple[Any, ...]) -> None:
    """Create every variable a training step uses (model, compiled loss and metrics,
    optimizer) without training, so they can be captured before the first step.

    For: `runtime.model_state` captures the model before the check trains it.  Private:
    ``Trainer._symbolic_build``, which ``fit`` itself calls on the JAX and torch backends
    (TensorFlow defers it to the first traced step).  Without it: the model is called once on
    the batch and the optimizer built on its trainable variables; compiled metrics then build
    in the first step, and their variables are reset but not captured.
    """
    build = getattr(model, "_symbolic_build", None)
    if callable(build):
        try:
            build(data_batch=batch)
            return
        except Exception:
            # Some subclassed models cannot run on symbolic tensors: build them on real data.
            pass
    if not all(getattr(layer, "built", True) for layer in [model, *flatten_layers(model)]):
        model(batch[0], training=False)
    optimizer = model.optimizer
    if not optimizer.built:
        optimizer.build(model.trainable_variables)


def producing_layer(tensor: Any) -> Any | None:
    """The layer whose call produced a symbolic tensor (a functional model's output).

    For: finding the output layer whose activation the loss sees.  Private:
    ``KerasTensor._keras_history``.  Without it: None, as for a subclassed model: the output
    activation is unknown and the activation/loss pairing is not judged (no false alarm).
    """
    history = getattr(tensor, "_keras_history", None)
    return getattr(history, "operation", None)


def learning_rate_setting(optimizer: Any) -> Any:
    """What the optimizer was given as its learning rate: a number, a variable or a schedule.

    For: telling a scheduled rate from a constant one (the public ``learning_rate`` property
    gives the current value either way).  Private: ``BaseOptimizer._learning_rate``.  Without
    it: None, and a schedule is read as its current rate, so the learning-rate diagnostics
    treat it as constant.
    """
    return getattr(optimizer, "_learning_rate", None)


@contextlib.contextmanager
def constant_rate(model: Any, *, enabled: bool = True) -> Iterator[None]:
    """For the body, a model whose optimizer follows a schedule gets a constant learning-rate
    variable instead, which a range test sets step by step; the schedule is back afterwards.

    For: the range test of a model with a schedule.  Private: ``BaseOptimizer._learning_rate``
    and ``_variables`` (the new variable must be one of the optimizer's, so that every
    backend's compiled step reads it), and the model's cached ``train_function``, dropped so
    the step is traced with the variable (the caller puts the user's function back).
    Without them: the schedule stays, and the range test's rates are the schedule's.
    """
    optimizer = getattr(model.optimizer, "inner_optimizer", model.optimizer)
    import keras

    schedule = learning_rate_setting(optimizer)
    tracked = getattr(optimizer, "_variables", None)
    if (
        not enabled
        or not isinstance(schedule, keras.optimizers.schedules.LearningRateSchedule)
        or not isinstance(tracked, list)
    ):
        yield
        return
    variable = keras.Variable(
        float(schedule(0)), dtype="float32", trainable=False, name="learning_rate"
    )
    tracked.append(variable)
    optimizer._learning_rate = variable
    model.train_function = None
    try:
        yield
    finally:
        optimizer._learning_rate = schedule
        # By identity: a tracked list compares variables by value.
        for index in reversed(range(len(tracked))):
            if tracked[index] is variable:
                tracked.pop(index)
        model.train_function = None


def jit_train_function(model: Any, compiler_options: dict[str, Any]) -> bool:
    """Give ``model`` a train function under JAX that is Keras' own (``make_train_function``'s:
    the model's ``train_step``, jitted with its state donated, taking a data iterator), compiled
    with ``compiler_options``; whether it did.

    For: a check's train step compiled for compile speed (`runtime.jax_steps`).  Private:
    ``Model._make_function``, which wraps a step as ``make_train_function`` does.  Without
    it, with a JAX too old for ``jit(compiler_options=)`` or under Flax NNX (whose step Keras
    wraps otherwise): False, and Keras compiles its own on the first step.
    """
    import jax
    import keras

    make = getattr(model, "_make_function", None)
    nnx = getattr(keras.config, "is_nnx_enabled", lambda: False)()
    if make is None or nnx:
        return False
    try:
        step = jax.jit(model.train_step, donate_argnums=0, compiler_options=compiler_options)
    except TypeError:
        return False
    model.train_function = make(step)
    return True


# --- Keras' global state -------------------------------------------------------------------


def _global_state() -> ModuleType | None:
    """Keras' module of thread-local globals (private: ``keras.src.backend.common``)."""
    try:
        from keras.src.backend.common import global_state
    except ImportError:
        return None
    module: ModuleType = global_state
    return module


def keras_thread_state() -> KerasThreadState:
    """A copy of the calling thread's Keras globals, for a worker thread to adopt.

    For: the worker that trains under the time budget must see the caller's dtype policy,
    seed generator and name scopes, not fresh defaults.  Private: the trackers of
    ``keras.src.backend.common.global_state``.  Without them: empty, and the worker starts from
    Keras' defaults (a check of a mixed-precision model then trains in float32).
    """
    module = _global_state()
    trackers = (
        getattr(module, "GLOBAL_STATE_TRACKER", None),
        getattr(module, "GLOBAL_SETTINGS_TRACKER", None),
    )
    if module is None or None in trackers:
        return {}, {}

    def own(tracker: Any) -> dict[str, Any]:
        # Containers are copied: an abandoned worker must not push onto the caller's name
        # scope stack while the caller goes on building models.
        return {
            name: copy.copy(value) if isinstance(value, (list, dict, set)) else value
            for name, value in vars(tracker).items()
        }

    return own(trackers[0]), own(trackers[1])


def adopt_keras_thread_state(state: KerasThreadState) -> None:
    """Install `keras_thread_state`'s copy in the current thread (nothing when it is empty)."""
    module = _global_state()
    if module is None or not any(state):
        return
    trackers = (module.GLOBAL_STATE_TRACKER, module.GLOBAL_SETTINGS_TRACKER)
    for tracker, values in zip(trackers, state, strict=True):
        for name, value in values.items():
            setattr(tracker, name, value)


def keras_seeds() -> tuple[Any, Any]:
    """Keras' global seed and global seed generator, to put back after a seeded check.

    For: a check seeds Keras with ``keras.utils.set_random_seed``; without restoring, every
    later test would draw other random numbers.  Private: ``global_state``'s attributes.
    Without them: (None, None) and nothing is restored (the seeding then outlives the check).
    """
    module = _global_state()
    if module is None:
        return None, None
    return (
        module.get_global_attribute(_GLOBAL_RANDOM_SEED),
        module.get_global_attribute(_GLOBAL_SEED_GENERATOR),
    )


def restore_keras_seeds(seeds: tuple[Any, Any]) -> None:
    module = _global_state()
    if module is None:
        return
    module.set_global_attribute(_GLOBAL_RANDOM_SEED, seeds[0])
    module.set_global_attribute(_GLOBAL_SEED_GENERATOR, seeds[1])


def layer_name_counters() -> dict[str, int]:
    """Keras' live counters behind automatic names such as ``dense_3`` (per thread).

    For: a model built after a check is named as it would have been without it.  Private:
    ``global_state``'s ``object_name_uids``.  Without it: a throwaway dict, and names built
    after a check run on from where the check left them.
    """
    module = _global_state()
    if module is None:
        return {}
    counters: dict[str, int] | None = module.get_global_attribute(_NAME_COUNTERS)
    if not isinstance(counters, dict):
        counters = collections.defaultdict(int)
        module.set_global_attribute(_NAME_COUNTERS, counters)
    return counters
