"""Patch ``keras.Model.fit`` to watch every fit a test suite runs, without importing Keras.

`FitWatch` replaces ``keras.Model.fit`` with a wrapper that adds a
`pytest_lrcheck.LossWatcher` callback and records what it saw.  Importing
TensorFlow costs seconds and must stay the suite's own decision, so the patch is applied only
once Keras is in ``sys.modules``: at `FitWatch.start` if it already is, otherwise by a
``sys.meta_path`` finder that patches right after the ``keras`` package finishes importing.
`FitWatch.stop` puts the original ``fit`` back and removes the finder.

Only Keras 3 (the ``keras`` package, which ``tf.keras`` is from TensorFlow 2.16 on) is watched;
legacy ``tf_keras`` models are left alone.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import inspect
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

_MISSING = object()


@dataclass(frozen=True)
class WatchedSymptom:
    """One symptom a watched ``fit`` showed, as plain strings so reports can carry it."""

    code: str
    name: str
    message: str
    warning: bool = False  # a healthy fit's warning (`TrainingReport.warnings`), not a failure


class FitWatch:
    """Patches ``keras.Model.fit`` for one pytest session and collects what the fits showed.

    Fits are watched only while `active` is true (the plugin turns it on for the duration of
    each test) and not inside `suspended` (lrcheck's own checks).  `drain` hands over what was
    seen since the last call.
    """

    def __init__(self, module: str = "keras", watcher_class: type | None = None) -> None:
        # ``module`` and ``watcher_class`` exist so the patching can be exercised on a
        # stand-in package; the plugin always watches ``keras`` with `LossWatcher`.
        self.module = module
        self._watcher_class = watcher_class
        self.active = False
        self._suspended = 0
        self._fits = 0
        self._symptoms: list[WatchedSymptom] = []
        self._model_class: type | None = None
        self._previous: Any = _MISSING
        self._finder: _ImportFinder | None = None

    def callbacks(self, callbacks: list[Any]) -> list[Any]:
        """The callbacks a watched fit runs with (the watcher included); all of them here."""
        return callbacks

    @property
    def patched(self) -> bool:
        return self._model_class is not None

    def start(self) -> None:
        """Patch now if Keras is loaded, else as soon as it is imported."""
        keras = sys.modules.get(self.module)
        if keras is not None and hasattr(keras, "Model"):
            self.patch(keras)
            return
        if self._finder is None:
            self._finder = _ImportFinder(self.module, self.patch)
        if self._finder not in sys.meta_path:
            sys.meta_path.insert(0, self._finder)

    def stop(self) -> None:
        """Restore the original ``fit`` and stop waiting for Keras to be imported."""
        self._remove_finder()
        if self._model_class is not None:
            if self._previous is _MISSING:
                del self._model_class.fit  # type: ignore[attr-defined]
            else:
                self._model_class.fit = self._previous  # type: ignore[attr-defined]
            self._model_class = None
            self._previous = _MISSING

    def patch(self, keras: ModuleType) -> None:
        if self._model_class is not None:
            return
        model_class = getattr(keras, "Model", None)
        if not isinstance(model_class, type):
            return
        # Put back exactly what the class itself held, so that stopping never leaves a
        # ``fit`` attribute on keras.Model that Keras did not define there.
        self._previous = model_class.__dict__.get("fit", _MISSING)
        model_class.fit = _watching_fit(model_class.fit, self)  # type: ignore[attr-defined]
        self._model_class = model_class
        self._remove_finder()

    def _remove_finder(self) -> None:
        if self._finder is not None:
            if self._finder in sys.meta_path:
                sys.meta_path.remove(self._finder)
            self._finder = None

    @contextmanager
    def suspended(self) -> Iterator[None]:
        """Fits inside this block are not watched (lrcheck's own training runs here)."""
        self._suspended += 1
        try:
            yield
        finally:
            self._suspended -= 1

    @property
    def watching(self) -> bool:
        return self.active and not self._suspended

    @property
    def pending(self) -> tuple[WatchedSymptom, ...]:
        """Symptoms seen since the last `drain`."""
        return tuple(self._symptoms)

    def drain(self) -> tuple[int, tuple[WatchedSymptom, ...]]:
        """The number of fits watched and their symptoms since the last call; then forget them."""
        seen = (self._fits, tuple(self._symptoms))
        self._fits = 0
        self._symptoms.clear()
        return seen

    def watcher_class(self) -> type:
        if self._watcher_class is None:
            from pytest_lrcheck import LossWatcher

            self._watcher_class = LossWatcher
        return self._watcher_class

    def record(self, symptoms: Sequence[Any], warned: Sequence[Any] = ()) -> None:
        self._fits += 1
        self._symptoms.extend(
            WatchedSymptom(code=str(s.code), name=str(s.name), message=str(s.message))
            for s in symptoms
        )
        self._symptoms.extend(
            WatchedSymptom(str(s.code), str(s.name), str(s.message), warning=True) for s in warned
        )


def _watching_fit(original: Callable[..., Any], watch: FitWatch) -> Callable[..., Any]:
    signature = inspect.signature(original)

    def fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not watch.watching:
            return original(self, *args, **kwargs)
        try:
            bound = signature.bind(self, *args, **kwargs)
        except TypeError:
            # Let Keras report the bad call in its own words.
            return original(self, *args, **kwargs)
        try:
            watcher = _added_watcher(bound.arguments, watch.watcher_class())
        except Exception as error:
            # The suite's own training matters more than our watch of it.
            _warn_unwatched(error)
            watcher = None
        if watcher is None:
            return original(self, *args, **kwargs)
        bound.arguments["callbacks"] = watch.callbacks(bound.arguments["callbacks"])
        _observe(watcher, bound.arguments)
        history = original(*bound.args, **bound.kwargs)
        try:
            report = watcher.report() if hasattr(watcher, "report") else watcher
            symptoms, warned = report.symptoms, getattr(report, "warnings", ())
        except Exception as error:
            _warn_unwatched(error)
        else:
            watch.record(symptoms, warned)
        return history

    fit.__doc__ = original.__doc__
    fit.__name__ = getattr(original, "__name__", "fit")
    fit.__qualname__ = getattr(original, "__qualname__", "fit")
    fit.__wrapped__ = original  # type: ignore[attr-defined]
    return fit


class UnwatchedFitWarning(RuntimeWarning):
    """lrcheck could not watch a ``fit``; the fit itself ran as usual."""


def _warn_unwatched(error: Exception) -> None:
    warnings.warn(
        f"lrcheck could not watch this model.fit ({type(error).__name__}: {error}); "
        "the fit ran unwatched",
        UnwatchedFitWarning,
        stacklevel=3,
    )


def _observe(watcher: Any, arguments: dict[str, Any]) -> None:
    """Tell the watcher what the fit trains on, for the warnings of a healthy run."""
    observe = getattr(watcher, "observe_fit", None)
    if observe is None:
        return
    try:
        observe(
            arguments.get("x"),
            arguments.get("y"),
            batch_size=arguments.get("batch_size"),
            shuffle=arguments.get("shuffle", True),
        )
    except Exception as error:
        # Without the data the fit is still watched, only without warnings about it.
        _warn_unwatched(error)


def _added_watcher(arguments: dict[str, Any], watcher_class: type) -> Any | None:
    """Add a fresh watcher to a fit's callbacks; None when this fit is best left alone."""
    callbacks = arguments.get("callbacks")
    if callbacks is None:
        callbacks = []
    elif isinstance(callbacks, (list, tuple)):
        # The user watches this fit already: one watcher, and their verdict, is enough.
        if any(isinstance(callback, watcher_class) for callback in callbacks):
            return None
    else:
        # A prebuilt CallbackList (or something stranger) is the user's object; don't mutate it.
        return None
    watcher = watcher_class()
    arguments["callbacks"] = [*callbacks, watcher]
    return watcher


class _ImportFinder(importlib.abc.MetaPathFinder):
    """Finds nothing itself; wraps the loader of one module to run a callback once it loaded."""

    def __init__(self, module: str, on_loaded: Callable[[ModuleType], None]) -> None:
        self._module = module
        self._on_loaded = on_loaded

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self._module:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        spec.loader = _NotifyingLoader(loader, self._on_loaded)
        return spec


class _NotifyingLoader(importlib.abc.Loader):
    def __init__(self, loader: Any, on_loaded: Callable[[ModuleType], None]) -> None:
        self._loader = loader
        self._on_loaded = on_loaded

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        # Hand the module its real loader back first: resource readers and reloads use it.
        module.__loader__ = self._loader
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        self._on_loaded(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)
