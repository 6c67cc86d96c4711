"""Randomness a seeded check cannot control is named in the report's notes, never failed."""

from __future__ import annotations

import numpy as np
import pytest

from pytest_lrcheck.runtime.determinism import uncontrolled_randomness

pytestmark = pytest.mark.tensorflow


@pytest.fixture
def tf():
    return pytest.importorskip("tensorflow")


@pytest.fixture
def no_global_seed(tf):
    """No TensorFlow global seed, as in a script that never seeds (other tests may set one)."""
    from pytest_lrcheck.runtime.state import capture, restore

    saved = capture()
    tf.random.set_seed(None)
    yield
    restore(saved)


@pytest.fixture
def slices(tf):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 8)).astype("float32")
    return tf.data.Dataset.from_tensor_slices((x, x[:, :1] * 2.0))


def test_an_unseeded_shuffle_is_named_and_a_seeded_one_is_not(tf, slices, no_global_seed):
    assert uncontrolled_randomness(slices.shuffle(64).batch(32), 0) != []
    assert "1 of" not in uncontrolled_randomness(slices.shuffle(64).batch(32), 0)[0]
    two = slices.shuffle(64).map(lambda a, b: (a, b)).shuffle(8).batch(32)
    assert "2 of its shuffles" in uncontrolled_randomness(two, 0)[0]
    assert uncontrolled_randomness(slices.shuffle(64, seed=1).batch(32), 0) == []
    assert uncontrolled_randomness(slices.batch(32), 0) == []


def test_a_shuffle_built_after_a_global_seed_is_repeatable(tf, slices):
    from pytest_lrcheck.runtime.state import seeded

    with seeded(3):  # as the lrcheck fixture seeds a test body
        pipeline = slices.shuffle(64).batch(32)
    assert uncontrolled_randomness(pipeline, 0) == []


def test_a_nondeterministic_pipeline_order_is_named(tf, slices):
    options = tf.data.Options()
    options.deterministic = False
    pipeline = slices.batch(32).with_options(options)
    assert "deterministic=False" in uncontrolled_randomness(pipeline, 0)[0]


def test_a_pydataset_with_its_own_generator_is_named_and_a_seeded_one_is_not(keras):
    class Batches(keras.utils.PyDataset):
        def __init__(self, rng):
            super().__init__()
            self.rng, self.reads = rng, 0

        def __len__(self):
            return 4

        def __getitem__(self, index):
            self.reads += 1
            x = self.rng.normal(size=(32, 8)).astype("float32")
            return x, x[:, :1]

    own = Batches(np.random.default_rng())  # draws from its own, unseeded generator
    notes = uncontrolled_randomness(own, 0)
    assert len(notes) == 1 and "Batches is not repeatable" in notes[0]
    assert own.reads == 2  # the first batch twice, nothing more

    class GlobalRandom(Batches):
        def __getitem__(self, index):
            x = np.random.normal(size=(32, 8)).astype("float32")  # the seeded global state
            return x, x[:, :1]

    assert uncontrolled_randomness(GlobalRandom(None), 0) == []


def test_check_training_names_an_unseeded_shuffle_in_its_notes(keras, tf, slices):
    """Two checks of one model differ only in the pipeline's seed; only the unseeded is named."""
    from pytest_lrcheck.runtime.check import check_training
    from pytest_lrcheck.runtime.state import capture, restore

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-2), "mse")
    saved = capture()
    tf.random.set_seed(None)  # no global seed: what a script that never seeds has
    try:
        unseeded = slices.shuffle(64).batch(32)
    finally:
        restore(saved)
    report = check_training(model, unseeded, steps=20)
    seeded_report = check_training(model, slices.shuffle(64, seed=5).batch(32), steps=20)
    assert any("shuffle has no seed" in note for note in report.notes)
    assert "shuffle has no seed" in report.explain()
    assert not any("not repeatable" in note for note in seeded_report.notes)
