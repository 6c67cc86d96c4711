from __future__ import annotations

import math

import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow


def test_the_watcher_recovers_each_batch_loss_from_keras_running_mean(keras, mlp, scaled_digits):
    from pytest_lrcheck.runtime.watcher import LossWatcher

    class Exact(keras.callbacks.Callback):
        """Reference: the loss of each batch, read with a metric reset before every batch."""

        def __init__(self):
            super().__init__()
            self.losses = []

        def on_train_batch_begin(self, batch, logs=None):
            self.model.reset_metrics()

        def on_train_batch_end(self, batch, logs=None):
            self.losses.append(float(logs["loss"]))

    x, y = scaled_digits
    model = mlp()
    watcher = LossWatcher()
    model.fit(
        x[:640], y[:640], batch_size=32, epochs=2, verbose=0, shuffle=False, callbacks=[watcher]
    )
    twin = mlp()
    exact = Exact()
    twin.fit(x[:640], y[:640], batch_size=32, epochs=2, verbose=0, shuffle=False, callbacks=[exact])
    assert len(watcher.losses) == 40
    np.testing.assert_allclose(watcher.losses, exact.losses, rtol=1e-3)
    assert watcher.symptoms == ()
    report = watcher.report()
    assert report.healthy and report.source == "LossWatcher" and report.steps_run == 40
    assert report.chance_loss == pytest.approx(math.log(10))


def test_the_watcher_flags_nan_and_can_stop_the_run(keras, mlp, raw_digits):
    from pytest_lrcheck.runtime.watcher import LossWatcher

    x, y = raw_digits
    deep = mlp(
        hidden=(64,) * 6,
        activation="linear",
        kernel_initializer=keras.initializers.RandomNormal(stddev=0.5),
        optimizer=keras.optimizers.SGD(0.01),
    )
    watcher = LossWatcher(stop_on_nan=True)
    deep.fit(x, y, batch_size=32, epochs=3, verbose=0, callbacks=[watcher])
    assert watcher.symptoms[0].code == "LRC501"
    assert len(watcher.losses) < 56  # stopped in the first epoch, not after three
    assert not watcher.report().healthy


def test_the_watcher_flags_a_stall_at_chance(keras, mlp, six_digits):
    from pytest_lrcheck.runtime.watcher import LossWatcher

    model = mlp(hidden=(25, 12), classes=6, optimizer=keras.optimizers.Adam(1.0))
    watcher = LossWatcher()
    model.fit(*six_digits, batch_size=32, epochs=6, verbose=0, callbacks=[watcher])
    codes = {s.code for s in watcher.symptoms}
    assert codes & {"LRC502", "LRC504"}, watcher.report().explain()


def test_bad_class_count_is_rejected():
    pytest.importorskip("tensorflow")
    from pytest_lrcheck.runtime.watcher import LossWatcher

    with pytest.raises(ValueError, match="n_classes"):
        LossWatcher(n_classes=1)
