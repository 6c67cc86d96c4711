"""A Python generator of scaled image batches for a multi-label model: one sigmoid per tag."""

import numpy as np
import tensorflow as tf

TAGS = ["clear", "cloudy", "haze", "water", "road", "agriculture"]

images = np.load("chips_uint8.npy", mmap_mode="r")
tag_matrix = np.load("chip_tags.npy").astype("float32")
split = int(0.9 * len(images))


def batches(start, stop, batch_size=64):
    while True:
        order = np.random.permutation(np.arange(start, stop))
        for first in range(0, len(order) - batch_size + 1, batch_size):
            rows = np.sort(order[first : first + batch_size])
            yield images[rows].astype("float32") / 255.0, tag_matrix[rows]


model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(64, 64, 3)),
        tf.keras.layers.Conv2D(32, 3, activation="relu"),
        tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Conv2D(64, 3, activation="relu"),
        tf.keras.layers.GlobalAveragePooling2D(),
        tf.keras.layers.Dense(len(TAGS), activation="sigmoid"),
    ]
)
model.compile(
    optimizer="adam",
    loss="binary_crossentropy",
    metrics=[tf.keras.metrics.AUC(multi_label=True), "binary_accuracy"],
)
model.fit(
    batches(0, split),
    steps_per_epoch=split // 64,
    validation_data=batches(split, len(images)),
    validation_steps=(len(images) - split) // 64,
    epochs=10,
)
