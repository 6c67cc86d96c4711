"""`FitWatch` on a stand-in Keras package: patching, the import hook, restoring, and the
callbacks it adds or leaves alone.  The real Keras path is covered in test_fit_watch.py."""

from __future__ import annotations

import importlib
import itertools
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from pytest_lrcheck.plugin.fit_patch import FitWatch, UnwatchedFitWarning, WatchedSymptom

STANDIN = """
class Callback:
    def watch(self, x):
        pass


class Trainer:
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None):
        self.seen_callbacks = callbacks
        if x == "boom":
            raise RuntimeError("fit failed")
        for callback in getattr(callbacks, "callbacks", callbacks) or ():
            callback.watch(x)
        return "history"


class Model(Trainer):
    pass


class Sequential(Model):
    pass
"""

_names = itertools.count()


class FakeWatcher:
    """Reports LRC501 when the data is "nan", like the real watcher would on a NaN loss."""

    def __init__(self) -> None:
        self.symptoms: tuple[Any, ...] = ()

    def watch(self, x: object) -> None:
        if x == "nan":
            self.symptoms = (
                SimpleNamespace(code="LRC501", name="loss-not-finite", message="loss was NaN"),
            )


@pytest.fixture
def standin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The name of a fresh, not yet imported package that looks like Keras to FitWatch."""
    name = f"standin_keras_{next(_names)}"
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent(STANDIN))
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    yield name
    sys.modules.pop(name, None)


@pytest.fixture
def watch(standin: str) -> Iterator[FitWatch]:
    fit_watch = FitWatch(module=standin, watcher_class=FakeWatcher)
    yield fit_watch
    fit_watch.stop()


def load(name: str) -> ModuleType:
    return importlib.import_module(name)


def test_patches_a_loaded_module_and_restores_it(standin: str, watch: FitWatch) -> None:
    keras = load(standin)
    original = keras.Trainer.fit
    watch.start()
    assert watch.patched
    assert keras.Model.fit is not original and keras.Sequential.fit is keras.Model.fit
    watch.stop()
    assert not watch.patched
    # The class held no ``fit`` of its own (it inherits one): none is left behind.
    assert "fit" not in keras.Model.__dict__
    assert keras.Model.fit is original


def test_restores_a_fit_defined_on_the_class_itself(standin: str, watch: FitWatch) -> None:
    keras = load(standin)

    def own_fit(self: object, *args: object, **kwargs: object) -> str:
        return "own"

    keras.Model.fit = own_fit
    watch.start()
    watch.stop()
    assert keras.Model.__dict__["fit"] is own_fit


def test_watched_fit_gets_a_watcher_and_records_its_symptoms(standin: str, watch: FitWatch) -> None:
    keras = load(standin)
    watch.start()
    watch.active = True
    model = keras.Sequential()
    assert model.fit("nan", epochs=2) == "history"
    assert len(model.seen_callbacks) == 1 and isinstance(model.seen_callbacks[0], FakeWatcher)
    assert model.fit("fine") == "history"
    fits, symptoms = watch.drain()
    assert fits == 2
    assert symptoms == (WatchedSymptom("LRC501", "loss-not-finite", "loss was NaN"),)
    assert watch.drain() == (0, ())


def test_inactive_and_suspended_fits_are_left_alone(standin: str, watch: FitWatch) -> None:
    keras = load(standin)
    watch.start()
    model = keras.Model()
    model.fit("nan")
    assert model.seen_callbacks is None
    watch.active = True
    with watch.suspended():
        model.fit("nan")
    assert model.seen_callbacks is None
    assert watch.drain() == (0, ())


def test_keeps_the_users_callbacks_and_handles_positional_ones(
    standin: str, watch: FitWatch
) -> None:
    keras = load(standin)
    watch.start()
    watch.active = True
    model = keras.Model()
    users = [keras.Callback()]
    model.fit("x", None, 32, 1, 0, users)
    assert model.seen_callbacks[0] is users[0]
    assert isinstance(model.seen_callbacks[1], FakeWatcher)
    assert users == [users[0]], "the user's list must not be mutated"
    model.fit("x", callbacks=(users[0],))
    assert isinstance(model.seen_callbacks, list) and len(model.seen_callbacks) == 2


def test_does_not_add_a_second_watcher(standin: str, watch: FitWatch) -> None:
    keras = load(standin)
    watch.start()
    watch.active = True
    mine = FakeWatcher()
    model = keras.Model()
    model.fit("nan", callbacks=[mine])
    assert model.seen_callbacks == [mine]
    # The user's watcher is theirs to judge: nothing is recorded for this fit.
    assert watch.drain() == (0, ())


def test_leaves_a_prebuilt_callback_list_alone(standin: str, watch: FitWatch) -> None:
    keras = load(standin)
    watch.start()
    watch.active = True
    prebuilt = SimpleNamespace(callbacks=[])
    model = keras.Model()
    model.fit("nan", callbacks=prebuilt)
    assert model.seen_callbacks is prebuilt


def test_a_failing_fit_raises_unchanged_and_records_nothing(standin: str, watch: FitWatch) -> None:
    keras = load(standin)
    watch.start()
    watch.active = True
    with pytest.raises(RuntimeError, match="fit failed"):
        keras.Model().fit("boom")
    assert watch.drain() == (0, ())


def test_a_bad_call_reaches_the_original_fit(standin: str, watch: FitWatch) -> None:
    keras = load(standin)
    watch.start()
    watch.active = True
    with pytest.raises(TypeError, match="unexpected keyword"):
        keras.Model().fit(nonsense=1)


def test_patches_when_the_module_is_imported_later(standin: str, watch: FitWatch) -> None:
    assert standin not in sys.modules
    watch.start()
    assert not watch.patched
    finders_with_hook = len(sys.meta_path)
    keras = load(standin)
    assert watch.patched
    assert len(sys.meta_path) == finders_with_hook - 1, "the import hook removes itself"
    # The module keeps its real loader, so resource reading and reloading still work.
    assert type(keras.__loader__).__name__ == "SourceFileLoader"
    assert keras.__spec__.loader is keras.__loader__
    watch.active = True
    model = keras.Model()
    model.fit("nan")
    assert watch.drain()[0] == 1


def test_stop_before_import_leaves_the_module_unpatched(standin: str, watch: FitWatch) -> None:
    watch.start()
    watch.stop()
    keras = load(standin)
    assert not watch.patched
    assert "fit" not in keras.Model.__dict__


def test_start_twice_patches_once(standin: str, watch: FitWatch) -> None:
    keras = load(standin)
    watch.start()
    patched_fit = keras.Model.fit
    watch.start()
    assert keras.Model.fit is patched_fit
    watch.stop()
    assert "fit" not in keras.Model.__dict__


class BrokenWatcher(FakeWatcher):
    @property
    def symptoms(self) -> tuple[Any, ...]:
        raise ZeroDivisionError("judging failed")

    @symptoms.setter
    def symptoms(self, value: tuple[Any, ...]) -> None:
        pass


def test_a_watcher_failure_warns_and_leaves_the_fit_alone(standin: str) -> None:
    watch = FitWatch(module=standin, watcher_class=BrokenWatcher)
    keras = load(standin)
    watch.start()
    watch.active = True
    try:
        with pytest.warns(UnwatchedFitWarning, match="ZeroDivisionError: judging failed"):
            assert keras.Model().fit("nan") == "history"
    finally:
        watch.stop()
    assert watch.drain() == (0, ())


def test_a_watcher_that_cannot_be_made_warns_and_the_fit_runs(standin: str) -> None:
    def no_watcher() -> None:
        raise ImportError("no keras callbacks here")

    watch = FitWatch(module=standin, watcher_class=no_watcher)  # type: ignore[arg-type]
    keras = load(standin)
    watch.start()
    watch.active = True
    try:
        with pytest.warns(UnwatchedFitWarning, match="ImportError: no keras callbacks here"):
            model = keras.Model()
            assert model.fit("nan") == "history"
        assert model.seen_callbacks is None
    finally:
        watch.stop()
