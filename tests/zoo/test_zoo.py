"""The zoo is what it says: every kind covered, builders seeded, healthy entries really learn.

The fits run once per backend, in a process of that backend (`tests.zoo.fitting`); a
backend that is not installed is skipped with the line naming what to install.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.zoo import BACKENDS, ENTRIES, INPUT_KINDS, MODEL_KINDS, by_name
from tests.zoo.backends import missing, run_module
from tests.zoo.case import Case, Entry, FitInputs
from tests.zoo.fitting import FitOutcome

FIT_TIMEOUT = 1800.0


def test_every_kind_of_model_and_input_has_an_entry() -> None:
    assert set(MODEL_KINDS) == {entry.model_kind for entry in ENTRIES}
    assert set(INPUT_KINDS) == {entry.input_kind for entry in ENTRIES}


def test_entry_names_are_unique_and_found() -> None:
    names = [entry.name for entry in ENTRIES]
    assert len(names) == len(set(names))
    assert by_name("embedding").model_kind == "embedding"
    with pytest.raises(KeyError, match="no zoo entry 'nope'"):
        by_name("nope")


def test_tf_data_entries_say_they_need_tensorflow() -> None:
    for entry in ENTRIES:
        if entry.input_kind.startswith("tf-data"):
            assert "tensorflow" in entry.needs, entry.name


def test_an_entry_runs_only_where_its_backend_and_packages_are() -> None:
    only_tf = by_name("string-lookup")
    assert only_tf.runs_on("tensorflow", lambda package: True)
    assert not only_tf.runs_on("jax", lambda package: True)
    assert not by_name("tf-data").runs_on("jax", lambda package: package != "tensorflow")
    assert by_name("sequential").runs_on("torch", lambda package: False)


def test_an_unhealthy_entry_must_name_its_cause() -> None:
    with pytest.raises(ValueError, match="a cause goes with"):
        Entry("x", "sequential", "arrays", _never_built, expect="unhealthy")
    with pytest.raises(ValueError, match="unknown backend"):
        Entry("x", "sequential", "arrays", _never_built, backends=frozenset({"mxnet"}))


def _never_built(seed: int) -> Case:
    raise AssertionError("the entry is refused before it is built")


def test_fit_keywords_train_about_the_steps_asked() -> None:
    arrays = FitInputs(np.zeros((100, 2)), np.zeros(100), batch_size=32, batches=4)
    assert arrays.fit_keywords(10)["epochs"] == 3
    assert arrays.fit_keywords(10)["batch_size"] == 32
    assert "steps_per_epoch" not in arrays.fit_keywords(10)
    endless = FitInputs(iter(()), batch_size=None, batches=50, endless=True)
    assert endless.fit_keywords(300)["steps_per_epoch"] == 50
    assert endless.fit_keywords(300)["epochs"] == 6
    assert "batch_size" not in endless.fit_keywords(300)
    assert FitInputs(iter(()), batch_size=None, batches=0).fit_keywords(300)["epochs"] == 1


def test_user_keywords_are_the_ones_given() -> None:
    weights = np.ones(4)
    given = FitInputs(np.zeros((4, 1)), np.zeros(4), sample_weight=weights, class_weight={0: 2.0})
    assert given.keywords().keys() == {"sample_weight", "class_weight", "batch_size"}


@pytest.mark.usefixtures("keras_tf")
def test_builders_are_seeded() -> None:
    entry = by_name("functional")
    first, again, other = entry.build(3), entry.build(3), entry.build(4)
    weights = [np.asarray(w) for w in first.model.get_weights()]
    assert all(
        np.array_equal(a, b) for a, b in zip(weights, again.model.get_weights(), strict=True)
    )
    assert not np.array_equal(weights[0], other.model.get_weights()[0])
    assert np.array_equal(first.inputs.x, other.inputs.x), "the data must not follow the seed"


@pytest.fixture(scope="module")
def keras_tf() -> None:
    """Builders run in this process on its default backend, TensorFlow."""
    pytest.importorskip("tensorflow")


def _outcomes(backend: str) -> list[FitOutcome]:
    reason = missing(backend)
    if reason is not None:
        pytest.skip(reason)
    done = run_module(backend, "tests.zoo.fitting", timeout=FIT_TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    return [FitOutcome(**json.loads(line)) for line in done.stdout.splitlines() if line]


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_entry_does_what_it_claims_under_a_plain_fit(backend: str) -> None:
    """Healthy entries beat the best constant guess on held-out data by a clear margin;
    unhealthy ones do not learn; inputs Keras cannot train on make fit raise or do nothing."""
    outcomes = _outcomes(backend)
    expected = {entry.name for entry in ENTRIES if entry.runs_on(backend, _always)}
    expected -= {e.name for e in ENTRIES if "tensorflow" in e.needs and missing("tensorflow")}
    assert {o.name for o in outcomes} == expected
    wrong = [o for o in outcomes if not o.as_expected]
    table = "\n".join(
        f"  {o.name}: expected {o.expect}, fit {o.outcome}, held-out ratio {o.ratio} {o.detail}"
        for o in wrong
    )
    assert not wrong, f"on {backend}:\n{table}"


def _always(package: str) -> bool:
    return True
