"""A small sweep: one model per config dict, each built by a factory with keyword arguments."""

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SWEEP = [
    {"hidden": (64,), "learning_rate": 3e-4, "dropout": 0.0},
    {"hidden": (128, 64), "learning_rate": 1e-3, "dropout": 0.2},
    {"hidden": (256, 128), "learning_rate": 3e-3, "dropout": 0.3},
]


def make_model(hidden, learning_rate, dropout, n_features=64, n_classes=10):
    model = tf.keras.Sequential([tf.keras.Input(shape=(n_features,))])
    for units in hidden:
        model.add(tf.keras.layers.Dense(units, activation="relu"))
        if dropout:
            model.add(tf.keras.layers.Dropout(dropout))
    model.add(tf.keras.layers.Dense(n_classes, activation="softmax"))
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


digits = load_digits()
x = digits.data.astype("float32") / 16.0
x_train, x_val, y_train, y_val = train_test_split(
    x, digits.target, test_size=0.2, stratify=digits.target, random_state=0
)

results = []
for config in SWEEP:
    model = make_model(**config)
    history = model.fit(
        x_train, y_train, validation_data=(x_val, y_val), epochs=40, batch_size=64, verbose=0
    )
    results.append((config, max(history.history["val_accuracy"])))

best_config, best_accuracy = max(results, key=lambda item: item[1])
print(f"best: {best_config} -> {best_accuracy:.3f}")
print(np.round([accuracy for _, accuracy in results], 3))
