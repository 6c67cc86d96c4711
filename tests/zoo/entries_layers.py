"""Zoo entries by what the model holds: embeddings, adapted preprocessing, custom losses,
metrics and layers, ``Lambda``, frozen layers, BatchNorm, RNNs, mixed precision, weights."""

from __future__ import annotations

from typing import Any

from tests.zoo import data, feeds, nets
from tests.zoo.case import Case, Entry, FitInputs, HeldOut, seeded

TF = frozenset({"tensorflow"})


def _case(model: Any, parts: data.Split, kind: str = "classes", **keywords: Any) -> Case:
    return Case(model, feeds.arrays(parts, **keywords), HeldOut(parts.x_test, parts.y_test, kind))


def embedding(seed: int) -> Case:
    seeded(seed)
    return _case(nets.embedding_classifier(), data.token_ids(), "binary")


def _text_model(k: Any, vectorize: Any, inputs: Any) -> Any:
    z = k.layers.GlobalMaxPooling1D()(k.layers.Embedding(60, 16)(vectorize(inputs)))
    model = k.Model(inputs, k.layers.Dense(1, activation="sigmoid")(z))
    model.compile(optimizer=k.optimizers.Adam(3e-3), loss="binary_crossentropy")
    return model


def text_vectorization_in_model(seed: int) -> Case:
    """Strings go into the model (only TensorFlow has string tensors), as a 1-D object
    array: Keras' array adapter refuses NumPy's fixed-width ``<U`` strings."""
    k = seeded(seed)
    parts = data.texts()
    vectorize = k.layers.TextVectorization(max_tokens=60, output_sequence_length=20)
    vectorize.adapt(parts.x)
    model = _text_model(k, vectorize, k.Input((1,), dtype="string"))
    x, x_test = parts.x.astype(object), parts.x_test.astype(object)
    held_out = HeldOut(x_test, parts.y_test, "binary")
    return Case(model, feeds.structured(x, parts.y, parts.n), held_out)


def text_vectorization_in_pipeline(seed: int) -> Case:
    """The backend-neutral way: TextVectorization maps a tf.data pipeline to word ids, the
    model takes the ids."""
    k = seeded(seed)
    parts = data.texts()
    vectorize = k.layers.TextVectorization(max_tokens=60, output_sequence_length=20)
    vectorize.adapt(parts.x)
    model = _text_model(k, lambda ids: ids, k.Input((20,), dtype="int64"))
    dataset = feeds.tf_dataset(parts.x, parts.y).map(lambda text, y: (vectorize(text), y))
    inputs = FitInputs(dataset, batch_size=None, batches=-(-parts.n // 32))
    held_out = HeldOut(feeds.numpy_of(vectorize(parts.x_test)), parts.y_test, "binary")
    return Case(model, inputs, held_out)


def string_lookup(seed: int) -> Case:
    k = seeded(seed)
    parts = data.colours()
    lookup = k.layers.StringLookup(output_mode="one_hot")
    lookup.adapt(parts.x)
    inputs = k.Input((1,), dtype="string")
    z = k.layers.Dense(8, activation="relu")(k.layers.Flatten()(lookup(inputs)))
    model = k.Model(inputs, k.layers.Dense(1, activation="sigmoid")(z))
    model.compile(optimizer=k.optimizers.Adam(1e-2), loss="binary_crossentropy")
    x, x_test = parts.x.reshape(-1).astype(object), parts.x_test.reshape(-1).astype(object)
    held_out = HeldOut(x_test, parts.y_test, "binary")
    return Case(model, feeds.structured(x, parts.y, parts.n), held_out)


def normalization(seed: int) -> Case:
    """The reproducer's model: raw columns in the hundreds, an adapted Normalization first."""
    k = seeded(seed)
    parts = data.digits(scale="wide")
    norm = k.layers.Normalization()
    norm.adapt(parts.x)
    model = k.Sequential(
        [
            k.Input((64,)),
            norm,
            k.layers.Dense(32, activation="relu"),
            k.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer=k.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return _case(model, parts)


def custom_loss_function(seed: int) -> Case:
    seeded(seed)
    from tests.zoo.user_code import unregistered_loss

    return _case(nets.mlp((64,), 10, loss=unregistered_loss), data.digits())


def loss_subclass(seed: int) -> Case:
    seeded(seed)
    from tests.zoo.user_code import SmoothedCrossentropy

    return _case(nets.mlp((64,), 10, loss=SmoothedCrossentropy()), data.digits())


def custom_metric(seed: int) -> Case:
    seeded(seed)
    from tests.zoo.user_code import top_two_hits

    return _case(nets.mlp((64,), 10, metrics=["accuracy", top_two_hits]), data.digits())


def custom_layer(seed: int) -> Case:
    k = seeded(seed)
    from tests.zoo.user_code import Scale

    model = k.Sequential(
        [
            k.Input((64,)),
            Scale(),
            k.layers.Dense(32, activation="relu"),
            k.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer=k.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return _case(model, data.digits())


def lambda_layer(seed: int) -> Case:
    k = seeded(seed)
    model = k.Sequential(
        [
            k.Input((64,)),
            k.layers.Lambda(lambda t: t * 2.0 - 1.0),  # [0, 1] -> [-1, 1]
            k.layers.Dense(32, activation="relu"),
            k.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer=k.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return _case(model, data.digits())


def _based(k: Any, freeze_head: bool) -> Any:
    """A "pretrained" base (random here) frozen under a head: fine-tuning's first stage."""
    base = k.Sequential([k.Input((64,)), k.layers.Dense(128, activation="relu")], name="base")
    base.trainable = False
    inputs = k.Input((64,))
    head = k.layers.Dense(10, activation="softmax", name="head")
    model = k.Model(inputs, head(base(inputs)))
    head.trainable = not freeze_head
    model.compile(optimizer=k.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy")
    return model


def frozen_base(seed: int) -> Case:
    return _case(_based(seeded(seed), freeze_head=False), data.digits())


def frozen_all(seed: int) -> Case:
    return _case(_based(seeded(seed), freeze_head=True), data.digits())


def batchnorm(seed: int) -> Case:
    """BatchNormalization first, on raw 0-255 pixels: it scales them itself."""
    k = seeded(seed)
    model = k.Sequential(
        [
            k.Input((64,)),
            k.layers.BatchNormalization(),
            k.layers.Dense(32, activation="relu"),
            k.layers.BatchNormalization(),
            k.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer=k.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    return _case(model, data.digits(scale="bytes"))


def lstm(seed: int) -> Case:
    seeded(seed)
    return _case(nets.recurrent("LSTM", layers=2), data.sequences(), "binary")


def gru(seed: int) -> Case:
    seeded(seed)
    return _case(nets.recurrent("GRU"), data.sequences(), "binary")


def mixed_precision(seed: int) -> Case:
    """float16 compute with a float32 output, as the Keras guide writes it; compile wraps the
    optimizer in a LossScaleOptimizer."""
    k = seeded(seed)
    k.mixed_precision.set_global_policy("mixed_float16")
    try:
        model = k.Sequential(
            [
                k.Input((64,)),
                k.layers.Dense(32, activation="relu"),
                k.layers.Dense(10),
                k.layers.Activation("softmax", dtype="float32"),
            ]
        )
        model.compile(optimizer=k.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy")
    finally:
        k.mixed_precision.set_global_policy("float32")
    return _case(model, data.digits())


def sample_weights(seed: int) -> Case:
    seeded(seed)
    parts = data.digits()
    return _case(nets.mlp((64,), 10), parts, sample_weight=data.weights_for(parts.y))


def class_weights(seed: int) -> Case:
    seeded(seed)
    parts = data.tabular("breast_cancer")
    model = nets.mlp((30,), 1, output_activation="sigmoid", loss="binary_crossentropy")
    return _case(model, parts, "binary", class_weight={0: 1.7, 1: 1.0})


def validation_weights(seed: int) -> Case:
    seeded(seed)
    parts = data.digits()
    half = len(parts.x_test) // 2
    validation = (
        parts.x_test[:half],
        parts.y_test[:half],
        data.weights_for(parts.y_test[:half], seed=1),
    )
    return _case(
        nets.mlp((64,), 10),
        parts,
        sample_weight=data.weights_for(parts.y),
        validation_data=validation,
    )


ENTRIES = (
    Entry("embedding", "embedding", "arrays", embedding),
    Entry(
        "text-vectorization-in-model",
        "text-vectorization",
        "arrays",
        text_vectorization_in_model,
        needs=TF,
        backends=TF,
    ),
    Entry(
        "text-vectorization-in-pipeline",
        "text-vectorization",
        "tf-data",
        text_vectorization_in_pipeline,
        needs=TF,
    ),
    Entry("string-lookup", "string-lookup", "arrays", string_lookup, needs=TF, backends=TF),
    Entry("normalization", "normalization", "arrays", normalization),
    Entry("custom-loss-function", "custom-loss-function", "arrays", custom_loss_function),
    Entry("loss-subclass", "loss-subclass", "arrays", loss_subclass),
    Entry("custom-metric", "custom-metric", "arrays", custom_metric),
    Entry("custom-layer", "custom-layer", "arrays", custom_layer),
    Entry("lambda", "lambda", "arrays", lambda_layer),
    Entry("frozen-base", "frozen-base", "arrays", frozen_base),
    Entry(
        "frozen-all",
        "frozen-all",
        "arrays",
        frozen_all,
        expect="unhealthy",
        cause="frozen",
        note="no trainable weights: fit runs and nothing learns",
    ),
    Entry("batchnorm", "batchnorm", "arrays", batchnorm),
    Entry("lstm-stacked", "rnn", "arrays", lstm, steps=200),
    Entry("gru", "rnn", "arrays", gru, steps=200),
    Entry("mixed-precision", "mixed-precision", "arrays", mixed_precision, steps=200),
    Entry("sample-weights", "sample-weights", "arrays", sample_weights),
    Entry("class-weights", "class-weights", "arrays", class_weights),
    Entry("validation-weights", "validation-weights", "arrays", validation_weights),
)
