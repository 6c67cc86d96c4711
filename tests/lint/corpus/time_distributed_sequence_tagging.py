"""Part-of-speech style tagging: BiLSTM over tokens, a softmax per time step via TimeDistributed."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

MAX_LEN = 50
VOCAB = 5000
N_TAGS = 17

# Token ids and one tag id per token (0 is padding in both).
rng = np.random.default_rng(0)
lengths = rng.integers(5, MAX_LEN, size=4000)
tokens = np.zeros((4000, MAX_LEN), dtype="int32")
tags = np.zeros((4000, MAX_LEN), dtype="int32")
for row, length in enumerate(lengths):
    tokens[row, :length] = rng.integers(1, VOCAB, size=length)
    tags[row, :length] = tokens[row, :length] % (N_TAGS - 1) + 1

split = 3200
x_train, x_val = tokens[:split], tokens[split:]
y_train, y_val = tags[:split], tags[split:]

inputs = keras.Input(shape=(MAX_LEN,), dtype="int32")
x = layers.Embedding(VOCAB, 64, mask_zero=True)(inputs)
x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(x)
x = layers.TimeDistributed(layers.Dense(64, activation="relu"))(x)
outputs = layers.TimeDistributed(layers.Dense(N_TAGS, activation="softmax"))(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, validation_data=(x_val, y_val), batch_size=64, epochs=5)

predicted = model.predict(x_val[:3])
print(np.argmax(predicted, axis=-1))
