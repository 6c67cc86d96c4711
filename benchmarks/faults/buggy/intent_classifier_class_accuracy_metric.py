import json

import numpy as np
import tensorflow as tf


class IntentModel:
    def __init__(self, vocab_size, n_intents, seq_len=32):
        self.metrics = [tf.keras.metrics.Accuracy()]
        self.model = tf.keras.Sequential([
            tf.keras.layers.Input(shape=(seq_len,)),
            tf.keras.layers.Embedding(vocab_size, 64),
            tf.keras.layers.GlobalAveragePooling1D(),
            tf.keras.layers.Dense(64, activation="relu"),
            tf.keras.layers.Dense(n_intents, activation="softmax"),
        ])
        self.model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                           metrics=self.metrics)

    def fit(self, x, y):
        return self.model.fit(x, y, epochs=30, batch_size=16, validation_split=0.2)


with open("intents.json") as fh:
    n_intents = len(json.load(fh)["intents"])
x = np.load("utterances.npy")
y = np.load("intent_ids.npy")
IntentModel(vocab_size=5000, n_intents=n_intents).fit(x, y)
