"""Imbalanced fraud detection (the TensorFlow tutorial): the output bias starts at log(pos/neg)."""

import numpy as np
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras

rng = np.random.default_rng(1)
n = 100_000
features = rng.normal(size=(n, 29)).astype("float32")
labels = (features[:, 0] + 0.5 * features[:, 1] ** 2 + rng.normal(size=n) > 4.2).astype("int64")
neg, pos = np.bincount(labels)
print(f"{pos} positive examples out of {n} ({100 * pos / n:.2f}%)")

train_features, test_features, train_labels, test_labels = train_test_split(
    features, labels, test_size=0.2, stratify=labels, random_state=0
)
train_features, val_features, train_labels, val_labels = train_test_split(
    train_features, train_labels, test_size=0.2, stratify=train_labels, random_state=0
)
scaler = StandardScaler()
train_features = np.clip(scaler.fit_transform(train_features), -5, 5)
val_features = np.clip(scaler.transform(val_features), -5, 5)
test_features = np.clip(scaler.transform(test_features), -5, 5)

METRICS = [
    keras.metrics.TruePositives(name="tp"),
    keras.metrics.FalsePositives(name="fp"),
    keras.metrics.Precision(name="precision"),
    keras.metrics.Recall(name="recall"),
    keras.metrics.AUC(name="prc", curve="PR"),
]


def make_model(metrics=METRICS, output_bias=None):
    if output_bias is not None:
        output_bias = tf.keras.initializers.Constant(output_bias)
    model = keras.Sequential(
        [
            keras.layers.Dense(16, activation="relu", input_shape=(train_features.shape[-1],)),
            keras.layers.Dropout(0.5),
            keras.layers.Dense(1, activation="sigmoid", bias_initializer=output_bias),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-3),
        loss=keras.losses.BinaryCrossentropy(),
        metrics=metrics,
    )
    return model


initial_bias = np.log([pos / neg])
model = make_model(output_bias=initial_bias)
early_stopping = keras.callbacks.EarlyStopping(
    monitor="val_prc", verbose=1, patience=10, mode="max", restore_best_weights=True
)
weight_for_0 = (1 / neg) * (n / 2.0)
weight_for_1 = (1 / pos) * (n / 2.0)
model.fit(
    train_features,
    train_labels,
    batch_size=2048,
    epochs=100,
    callbacks=[early_stopping],
    validation_data=(val_features, val_labels),
    class_weight={0: weight_for_0, 1: weight_for_1},
)
results = model.evaluate(test_features, test_labels, batch_size=2048, verbose=0, return_dict=True)
print(results)
