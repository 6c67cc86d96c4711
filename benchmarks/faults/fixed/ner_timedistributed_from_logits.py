import keras
import numpy as np
from keras import layers

N_TAGS = 9
VOCAB = 30000

tokens = np.load("conll_tokens.npy")
tags = np.load("conll_tags.npy")

inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(VOCAB, 128, mask_zero=True)(inputs)
x = layers.Bidirectional(layers.LSTM(128, return_sequences=True))(x)
x = layers.Dropout(0.3)(x)
outputs = layers.TimeDistributed(layers.Dense(N_TAGS, activation="softmax"))(x)
model = keras.Model(inputs, outputs)
model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=["accuracy"],
)
model.fit(tokens, tags, batch_size=32, epochs=5, validation_split=0.1)
