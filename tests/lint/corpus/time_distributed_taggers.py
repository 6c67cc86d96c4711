"""Sequence models with per-step heads: a POS tagger and a video-clip classifier.

``TimeDistributed(Dense(n_tags, activation="softmax"))`` gives one distribution per token, the
right head for sparse integer tags of shape (samples, steps).
"""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(0)
n_words, n_tags, steps = 5000, 17, 40
tokens = rng.integers(1, n_words, size=(2000, steps))
tags = rng.integers(0, n_tags, size=(2000, steps))

tagger = keras.Sequential(
    [
        keras.Input(shape=(steps,)),
        layers.Embedding(n_words, 64, mask_zero=True),
        layers.Bidirectional(layers.LSTM(64, return_sequences=True)),
        layers.TimeDistributed(layers.Dense(64, activation="relu")),
        layers.TimeDistributed(layers.Dense(n_tags, activation="softmax")),
    ]
)
tagger.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
tagger.fit(tokens, tags, epochs=5, batch_size=64, validation_split=0.1)

clips = rng.random((64, 8, 32, 32, 3), dtype=np.float32)  # already in [0, 1]
clip_labels = rng.integers(0, 4, size=(64,))
frames = keras.Input(shape=(8, 32, 32, 3))
x = layers.TimeDistributed(layers.Conv2D(16, 3, activation="relu"))(frames)
x = layers.TimeDistributed(layers.MaxPooling2D())(x)
x = layers.TimeDistributed(layers.GlobalAveragePooling2D())(x)
x = layers.GRU(32)(x)
outputs = layers.Dense(4, activation="softmax")(x)
video = keras.Model(frames, outputs)
video.compile(
    optimizer=keras.optimizers.Adam(3e-4),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
video.fit(clips, clip_labels, epochs=3, batch_size=8)
