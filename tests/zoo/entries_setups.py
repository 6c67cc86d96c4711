"""Zoo entries by training set-up: other datasets, optimizers, learning-rate schedules and
batch sizes, and the healthy runs that earlier checks took for failures (a 95/5 imbalanced
task, an aggressive but stable SGD, a slow Adam on six classes)."""

from __future__ import annotations

from typing import Any

from tests.zoo import data, feeds, nets
from tests.zoo.case import Case, Entry, HeldOut, keras, seeded
from tests.zoo.nets import optimizer


def _tabular(name: str, opt: Any, batch_size: int, seed: int) -> Case:
    seeded(seed)
    parts = data.tabular(name)
    classes = int(parts.y.max()) + 1
    if classes == 2:
        model = nets.mlp(
            parts.x.shape[1:], 1, output_activation="sigmoid", loss="binary_crossentropy", opt=opt
        )
        kind = "binary"
    else:
        model = nets.mlp(parts.x.shape[1:], classes, opt=opt)
        kind = "classes"
    return Case(model, feeds.arrays(parts, batch_size), HeldOut(parts.x_test, parts.y_test, kind))


def _digits(model: Any, batch_size: int = 32, parts: data.Split | None = None) -> Case:
    parts = parts or data.digits()
    return Case(
        model, feeds.arrays(parts, batch_size), HeldOut(parts.x_test, parts.y_test, "classes")
    )


def iris_sgd_momentum(seed: int) -> Case:
    return _tabular("iris", optimizer("SGD", 0.05, momentum=0.9), 16, seed)


def wine_adamw(seed: int) -> Case:
    return _tabular("wine", optimizer("AdamW", 3e-3, weight_decay=1e-3), 16, seed)


def cancer_rmsprop(seed: int) -> Case:
    return _tabular("breast_cancer", optimizer("RMSprop", 1e-3), 64, seed)


def digits_cosine_warmup(seed: int) -> Case:
    seeded(seed)
    schedule = keras().optimizers.schedules.CosineDecay(
        0.0, decay_steps=300, warmup_target=3e-3, warmup_steps=40
    )
    return _digits(nets.mlp((64,), 10, opt=optimizer("Adam", schedule)))


def digits_exponential_sgd(seed: int) -> Case:
    seeded(seed)
    schedule = keras().optimizers.schedules.ExponentialDecay(0.2, 100, 0.8)
    return _digits(nets.mlp((64,), 10, opt=optimizer("SGD", schedule)), batch_size=128)


def regression_piecewise(seed: int) -> Case:
    seeded(seed)
    schedule = keras().optimizers.schedules.PiecewiseConstantDecay([100, 200], [3e-3, 1e-3, 3e-4])
    parts = data.regression()
    model = nets.regressor(opt=optimizer("Adam", schedule))
    return Case(model, feeds.arrays(parts, 64), HeldOut(parts.x_test, parts.y_test, "regression"))


def regression_sgd(seed: int) -> Case:
    seeded(seed)
    parts = data.regression()
    model = nets.regressor(opt=optimizer("SGD", 0.01, momentum=0.9))
    return Case(model, feeds.arrays(parts), HeldOut(parts.x_test, parts.y_test, "regression"))


def digits_nadam_small_batches(seed: int) -> Case:
    seeded(seed)
    return _digits(nets.mlp((64,), 10, opt=optimizer("Nadam", 1e-3)), batch_size=8)


def digits_sgd_aggressive(seed: int) -> Case:
    """Plain SGD at 0.5: aggressive, and still stable on this model on every backend (at 1.0
    it learns on TensorFlow and not on PyTorch)."""
    seeded(seed)
    return _digits(
        nets.mlp((8, 8), 10, opt=optimizer("SGD", 0.5)), parts=data.digits(shape="image")
    )


def six_digits_slow_adam(seed: int) -> Case:
    """The second report's model at the rate that fixed it: slow but learning."""
    seeded(seed)
    parts = data.digits(classes=6, onehot=True, shape="image")
    model = nets.mlp(
        (8, 8), 6, hidden=(25, 12), loss="categorical_crossentropy", opt=optimizer("Adam", 3e-4)
    )
    return _digits(model, parts=parts)


def blobs_adagrad(seed: int) -> Case:
    seeded(seed)
    parts = data.blobs()
    model = nets.mlp(
        (8,),
        1,
        hidden=(16,),
        output_activation="sigmoid",
        loss="binary_crossentropy",
        opt=optimizer("Adagrad", 0.05),
    )
    return Case(model, feeds.arrays(parts), HeldOut(parts.x_test, parts.y_test, "binary"))


def imbalanced(seed: int) -> Case:
    """95/5 classes: the model learns the prior first, then beats it."""
    seeded(seed)
    parts = data.imbalanced()
    model = nets.mlp((20,), 1, output_activation="sigmoid", loss="binary_crossentropy")
    return Case(model, feeds.arrays(parts), HeldOut(parts.x_test, parts.y_test, "binary"))


def logits(seed: int) -> Case:
    k = seeded(seed)
    loss = k.losses.SparseCategoricalCrossentropy(from_logits=True)
    parts = data.digits()
    model = nets.mlp((64,), 10, output_activation=None, loss=loss)
    return Case(model, feeds.arrays(parts), HeldOut(parts.x_test, parts.y_test, "logits"))


def tanh_dropout_l2(seed: int) -> Case:
    k = seeded(seed)
    model = k.Sequential(
        [
            k.Input((64,)),
            k.layers.Dense(64, activation="tanh", kernel_regularizer=k.regularizers.L2(1e-3)),
            k.layers.Dropout(0.3),
            k.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer=optimizer("Adam", 1e-3), loss="sparse_categorical_crossentropy")
    return _digits(model)


def onehot_cnn_adamax(seed: int) -> Case:
    seeded(seed)
    parts = data.digits(onehot=True, shape="channels")
    model = nets.cnn(opt=optimizer("Adamax", 3e-3), loss="categorical_crossentropy")
    return _digits(model, batch_size=64, parts=parts)


ENTRIES = (
    Entry("iris-sgd-momentum", "sequential", "arrays", iris_sgd_momentum, steps=150),
    Entry("wine-adamw", "sequential", "arrays", wine_adamw, steps=150),
    Entry("breast-cancer-rmsprop", "sequential", "arrays", cancer_rmsprop),
    Entry("digits-cosine-warmup", "sequential", "arrays", digits_cosine_warmup),
    Entry("digits-exponential-sgd", "sequential", "arrays", digits_exponential_sgd),
    Entry("regression-piecewise", "sequential", "arrays", regression_piecewise),
    Entry("regression-sgd-momentum", "sequential", "arrays", regression_sgd),
    Entry("digits-nadam-batch-8", "sequential", "arrays", digits_nadam_small_batches),
    Entry("digits-sgd-0.5", "sequential", "arrays", digits_sgd_aggressive),
    Entry("six-digits-slow-adam", "sequential", "arrays", six_digits_slow_adam),
    Entry("blobs-adagrad", "sequential", "arrays", blobs_adagrad),
    Entry("imbalanced-95-5", "sequential", "arrays", imbalanced),
    Entry("logits", "sequential", "arrays", logits),
    Entry("tanh-dropout-l2", "sequential", "arrays", tanh_dropout_l2),
    Entry("onehot-cnn-adamax", "sequential", "arrays", onehot_cnn_adamax),
)
