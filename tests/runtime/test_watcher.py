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


def test_a_reading_per_execution_counts_every_batch_it_covers(keras, mlp, scaled_digits):
    """Under steps_per_execution=8 Keras reports once per 8 batches (and numbers a short last
    execution as a whole one): each batch gets its execution's mean loss."""
    from pytest_lrcheck.runtime.watcher import LossWatcher

    x, y = scaled_digits
    x, y = x[:600], y[:600]  # 19 batches of 32 (the last one short): 2 executions of 8, 1 of 3
    model = mlp()
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss="categorical_crossentropy",
        steps_per_execution=8,
    )
    watcher = LossWatcher()
    model.fit(x, y, batch_size=32, epochs=2, verbose=0, shuffle=False, callbacks=[watcher])
    twin = mlp()
    single = LossWatcher()
    twin.fit(x, y, batch_size=32, epochs=2, verbose=0, shuffle=False, callbacks=[single])
    assert len(watcher.losses) == len(single.losses) == 38
    for start, stop in [(0, 8), (8, 16), (16, 19), (19, 27), (27, 35), (35, 38)]:
        covered = watcher.losses[start:stop]
        assert len(set(covered)) == 1
        assert covered[0] == pytest.approx(np.mean(single.losses[start:stop]), rel=1e-3)
    report = watcher.report()
    assert report.steps_run == 38
    assert any("once per 8 batches" in note for note in report.notes)


def _feed(watcher, means, width, per_epoch):
    """Keras' readings of one epoch: the running mean after every ``width`` batches."""
    watcher.set_params({"steps": per_epoch, "epochs": 1})
    watcher.on_epoch_begin(0)
    for reading, mean in enumerate(means):
        watcher.on_train_batch_end((reading + 1) * width - 1, {"loss": mean})


def test_a_loss_that_fell_tenfold_from_its_first_execution_is_not_told_to_raise_the_rate():
    pytest.importorskip("tensorflow")
    from pytest_lrcheck.runtime.watcher import LossWatcher

    # Batch means: 3000 over the first execution, then about 20, far above chance (2.3).
    per_execution = [3000.0] + [20.0 + (i % 3) for i in range(15)]
    means = list(np.cumsum(per_execution) / np.arange(1, 17))
    watcher = LossWatcher(n_classes=10)
    watcher.on_train_begin()
    _feed(watcher, means, width=8, per_epoch=128)
    report = watcher.report()
    assert report.steps_run == 128 and not report.healthy
    assert all("raise the learning rate" not in s.message for s in report.symptoms)
    assert any("blown up inside them" in note for note in report.notes)
    # The same curve read batch by batch keeps the advice: the rise is not hidden there.
    plain = LossWatcher(n_classes=10)
    plain.on_train_begin()
    _feed(plain, means, width=1, per_epoch=16)
    assert plain.report().notes == ()


def test_a_multi_output_fit_with_validation_and_epochs_is_watched_per_batch(keras):
    from pytest_lrcheck.runtime.watcher import LossWatcher

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(320, 8)).astype("float32")
    digit = (x[:, 0] > 0).astype("int64") + 2 * (x[:, 1] > 0)
    size = x[:, 2:3] * 2.0
    inputs = keras.Input((8,))
    hidden = keras.layers.Dense(16, activation="relu")(inputs)
    model = keras.Model(
        inputs,
        {
            "digit": keras.layers.Dense(4, activation="softmax", name="digit")(hidden),
            "size": keras.layers.Dense(1, name="size")(hidden),
        },
    )
    model.compile(
        keras.optimizers.Adam(0.02),
        loss={"digit": "sparse_categorical_crossentropy", "size": "mse"},
        loss_weights={"digit": 1.0, "size": 0.5},
    )
    watcher = LossWatcher()
    history = model.fit(
        x[:256],
        {"digit": digit[:256], "size": size[:256]},
        batch_size=32,
        epochs=5,
        validation_data=(x[256:], {"digit": digit[256:], "size": size[256:]}),
        verbose=0,
        callbacks=[watcher],
    )
    assert "digit_loss" in history.history  # Keras logs each output's loss beside the total
    assert len(watcher.losses) == 5 * 8
    # The last batch of each epoch recovers to the epoch's logged total.
    for epoch in range(5):
        epoch_losses = watcher.losses[8 * epoch : 8 * (epoch + 1)]
        assert np.mean(epoch_losses) == pytest.approx(history.history["loss"][epoch], rel=1e-3)
        for name in ("digit", "size"):
            own = watcher.output_losses[name][8 * epoch : 8 * (epoch + 1)]
            assert np.mean(own) == pytest.approx(history.history[f"{name}_loss"][epoch], rel=1e-3)
    assert watcher.report().healthy, watcher.report().explain()
    assert watcher.report().notes == ()  # a healthy run: nothing said per output
    # The same model at a rate that blows it up: the report says where each output's loss went.
    model.compile(
        keras.optimizers.SGD(50.0),
        loss={"digit": "sparse_categorical_crossentropy", "size": "mse"},
    )
    diverging = LossWatcher()
    model.fit(
        x[:256],
        {"digit": digit[:256], "size": size[:256]},
        batch_size=32,
        epochs=3,
        verbose=0,
        callbacks=[diverging],
    )
    report = diverging.report()
    assert not report.healthy
    [note] = [n for n in report.notes if n.startswith("loss per output")]
    assert "output 'digit'" in note and "output 'size'" in note


def test_a_blow_up_inside_the_first_execution_is_divergence_once_the_data_is_known(
    keras, scaled_digits
):
    """SGD at a rate of 50 blows up within the first 8 batches; told the fit's data, the
    watcher measures the first batch's loss and sees the rise the execution's mean hides."""
    from pytest_lrcheck.runtime.watcher import LossWatcher

    x, y = scaled_digits
    reports = []
    for observed in (True, False):
        keras.utils.set_random_seed(0)
        model = keras.Sequential(
            [
                keras.Input((8, 8)),
                keras.layers.Flatten(),
                keras.layers.Dense(32, activation="relu"),
                keras.layers.Dense(10, activation="softmax"),
            ]
        )
        model.compile(keras.optimizers.SGD(50.0), "categorical_crossentropy", steps_per_execution=8)
        watcher = LossWatcher()
        if observed:
            watcher.observe_fit(x, y, batch_size=32)
        model.fit(x, y, batch_size=32, epochs=2, verbose=0, callbacks=[watcher])
        reports.append(watcher.report())
    seen, unseen = reports
    assert seen.symptoms[0].code == "LRC502", seen.explain()
    assert "lower the learning rate" in seen.symptoms[0].message
    assert seen.losses[0] == pytest.approx(math.log(10), rel=0.2)  # the untrained start
    assert seen.steps_run == unseen.steps_run == 2 * 57
    # Without the data the start stays hidden: never the advice to raise the rate.
    assert all("raise the learning rate" not in s.message for s in unseen.symptoms)


def _log_model(keras, log_layer: bool):
    keras.utils.set_random_seed(0)
    layers = [keras.Input((64,)), keras.layers.Dense(32, activation="relu")]
    if log_layer:  # a unit that outputs 0 gives log(0) = -inf
        layers.append(keras.layers.Lambda(lambda t: keras.ops.log(t), name="log_features"))
    layers.append(keras.layers.Dense(10, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy")
    return model


def test_a_watched_fit_names_the_layer_that_made_its_nan_before_the_first_step(
    keras, scaled_digits
):
    from pytest_lrcheck.runtime.watcher import LossWatcher

    x, y = scaled_digits
    x = x.reshape(len(x), -1)[:320]
    model, twin = _log_model(keras, True), _log_model(keras, True)
    watcher = LossWatcher()
    watcher.observe_fit(x, y[:320], batch_size=32)
    model.fit(x, y[:320], batch_size=32, epochs=1, verbose=0, shuffle=False, callbacks=[watcher])
    report = watcher.report()
    assert not report.healthy and report.symptoms[0].code == "LRC501"
    assert "LRC521" in report.codes
    assert report.non_finite is not None and report.non_finite.layer == "log_features"
    assert "log_features" in report.explain()
    # The pass before the first step changed nothing: the fit ends where an unwatched one does.
    twin.fit(x, y[:320], batch_size=32, epochs=1, verbose=0, shuffle=False)
    for a, b in zip(model.get_weights(), twin.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_no_origin_without_the_fit_data_or_without_a_nan(keras, scaled_digits):
    from pytest_lrcheck.runtime.watcher import LossWatcher

    x, y = scaled_digits
    x = x.reshape(len(x), -1)[:320]
    unobserved = LossWatcher()
    _log_model(keras, True).fit(x, y[:320], epochs=1, verbose=0, callbacks=[unobserved])
    assert not unobserved.report().healthy
    assert unobserved.report().non_finite is None and "LRC521" not in unobserved.report().codes
    healthy = LossWatcher()
    healthy.observe_fit(x, y[:320], batch_size=32)
    _log_model(keras, False).fit(x, y[:320], epochs=1, verbose=0, callbacks=[healthy])
    assert healthy.report().non_finite is None and "LRC521" not in healthy.report().codes
