"""A shape smoke test for a multi-label tagger: random 0/1 tag matrices, one sigmoid per tag."""

import numpy as np
import tensorflow as tf

N_SAMPLES, N_FEATURES, N_TAGS = 512, 40, 6

features = np.random.normal(size=(N_SAMPLES, N_FEATURES)).astype("float32")
tags = np.random.randint(0, 2, size=(N_SAMPLES, N_TAGS)).astype("float32")

inputs = tf.keras.Input(shape=(N_FEATURES,))
hidden = tf.keras.layers.Dense(64, activation="relu")(inputs)
outputs = tf.keras.layers.Dense(N_TAGS, activation="sigmoid")(hidden)
model = tf.keras.Model(inputs, outputs)
model.compile(
    optimizer="adam",
    loss="binary_crossentropy",
    metrics=["binary_accuracy", tf.keras.metrics.AUC(multi_label=True, num_labels=N_TAGS)],
)
history = model.fit(features, tags, epochs=2, batch_size=64, verbose=0)
assert model.predict(features[:8], verbose=0).shape == (8, N_TAGS)
assert np.isfinite(history.history["loss"]).all()
