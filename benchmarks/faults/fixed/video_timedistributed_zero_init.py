import keras
import numpy as np
from keras import layers

clips = np.load("clips.npy").astype("float32") / 255.0   # (n, 16, 64, 64, 3)
labels = np.load("clip_labels.npy")                        # class ids 0..4

model = keras.Sequential([
    keras.Input(shape=(16, 64, 64, 3)),
    layers.TimeDistributed(layers.Conv2D(32, 3, activation="relu")),
    layers.TimeDistributed(layers.MaxPooling2D()),
    layers.TimeDistributed(layers.Flatten()),
    layers.TimeDistributed(layers.Dense(256, activation="relu")),
    layers.LSTM(64),
    layers.Dense(5, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(clips, labels, epochs=15, batch_size=8, validation_split=0.2)
