"""Video clips: a per-frame CNN under TimeDistributed, an LSTM over frames, one label per clip."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

NUM_CLASSES = 5
FRAMES, HEIGHT, WIDTH = 16, 64, 64

clips = np.load("clips_uint8.npy")
labels = np.load("clip_labels.npy")

frame_encoder = tf.keras.Sequential(
    [
        layers.Input(shape=(HEIGHT, WIDTH, 3)),
        layers.Rescaling(1.0 / 255),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
    ],
    name="frame_encoder",
)

model = tf.keras.Sequential(
    [
        layers.Input(shape=(FRAMES, HEIGHT, WIDTH, 3)),
        layers.TimeDistributed(frame_encoder),
        layers.TimeDistributed(layers.Dense(128, activation="relu")),
        layers.LSTM(64),
        layers.Dropout(0.3),
        layers.Dense(NUM_CLASSES, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(clips, labels, batch_size=8, epochs=20, validation_split=0.2)
