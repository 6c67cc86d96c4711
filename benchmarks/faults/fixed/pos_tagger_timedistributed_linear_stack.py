import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

NUM_TAGS = 17
VOCAB = 12000
SEQ = 40

tokens = np.load("ud_tokens.npy")
tag_ids = np.load("ud_tags.npy")
tags_onehot = keras.utils.to_categorical(tag_ids, num_classes=NUM_TAGS)

model = keras.Sequential([
    keras.Input(shape=(SEQ,)),
    layers.Embedding(VOCAB, 100),
    layers.Bidirectional(layers.GRU(64, return_sequences=True)),
    layers.TimeDistributed(layers.Dense(128, activation="relu")),
    layers.TimeDistributed(layers.Dense(NUM_TAGS, activation="softmax")),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(tokens, tags_onehot, batch_size=64, epochs=8, validation_split=0.1)
