"""Counting objects: synthetic images with 1 to 9 dots, the count regressed by a linear output."""

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
N, SIZE = 6000, 48

counts = np.random.randint(1, 10, size=N)
images = np.zeros((N, SIZE, SIZE, 1), dtype="float32")
for index, count in enumerate(counts):
    rows = rng.integers(2, SIZE - 2, size=count)
    cols = rng.integers(2, SIZE - 2, size=count)
    for r, c in zip(rows, cols, strict=True):
        images[index, r - 1 : r + 2, c - 1 : c + 2, 0] = 1.0

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(SIZE, SIZE, 1)),
        tf.keras.layers.Conv2D(16, 3, activation="relu"),
        tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Conv2D(32, 3, activation="relu"),
        tf.keras.layers.GlobalAveragePooling2D(),
        tf.keras.layers.Dense(32, activation="relu"),
        tf.keras.layers.Dense(1),
    ]
)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(images, counts.astype("float32"), epochs=20, batch_size=64, validation_split=0.2)
print("predicted counts:", np.round(model.predict(images[:5]).ravel(), 1), counts[:5])
