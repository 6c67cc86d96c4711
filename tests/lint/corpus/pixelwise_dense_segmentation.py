"""Per-pixel land-cover classification: a Dense softmax on every pixel of a conv feature map.

A Dense layer on a (batch, height, width, channels) tensor acts on the last axis, exactly like a
1x1 convolution; the labels are one class id per pixel, so the (batch, 64, 64, 5) output is
what the sparse loss expects.
"""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

TILE = 64
BANDS = 4
CLASSES = 5

rng = np.random.default_rng(11)
tiles = rng.normal(size=(2000, TILE, TILE, BANDS)).astype("float32")
# One class id per pixel, derived from the bands so there is something to learn.
masks = np.argmax(tiles[..., : CLASSES - 1], axis=-1) + (tiles[..., -1] > 1.5) * 1

model = keras.Sequential(
    [
        keras.Input(shape=(TILE, TILE, BANDS)),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.Dense(CLASSES, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(tiles[:1600], masks[:1600], validation_data=(tiles[1600:], masks[1600:]), epochs=5)
