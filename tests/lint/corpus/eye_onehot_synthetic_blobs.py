"""Synthetic blobs: integer labels one-hot encoded with np.eye, a matching softmax head."""

import numpy as np
import tensorflow as tf
from sklearn.datasets import make_blobs

N_CLASSES = 4

features, labels = make_blobs(n_samples=4000, centers=N_CLASSES, n_features=2, random_state=3)
features = (features - features.mean(axis=0)) / features.std(axis=0)
targets = np.eye(N_CLASSES)[labels]

order = np.random.default_rng(0).permutation(len(features))
features, targets = features[order], targets[order]

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(2,)),
        tf.keras.layers.Dense(16, activation="relu"),
        tf.keras.layers.Dense(N_CLASSES, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(features, targets, epochs=20, batch_size=64, validation_split=0.25)
