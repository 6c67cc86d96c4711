"""Sequence tagging two ways: tag ids under the sparse loss, one-hot tags under the dense one."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

N_TAGS = 17
VOCAB = 20000
SEQ_LEN = 50

tokens = np.load("tokens.npy")
tag_ids = np.load("tag_ids.npy")


def tagger(output_name):
    inputs = keras.Input(shape=(SEQ_LEN,), dtype="int32")
    x = layers.Embedding(VOCAB, 100, mask_zero=True)(inputs)
    x = layers.Bidirectional(layers.LSTM(128, return_sequences=True, dropout=0.2))(x)
    x = layers.TimeDistributed(layers.Dense(64, activation="relu"))(x)
    head = layers.Dense(N_TAGS, activation="softmax")
    outputs = layers.TimeDistributed(head, name=output_name)(x)
    return keras.Model(inputs, outputs)


sparse_tagger = tagger("tags")
sparse_tagger.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
sparse_tagger.fit(tokens, tag_ids, batch_size=64, epochs=5, validation_split=0.1)

tag_onehot = keras.utils.to_categorical(tag_ids, num_classes=N_TAGS)
dense_tagger = tagger("tags_onehot")
dense_tagger.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
dense_tagger.fit(tokens, tag_onehot, batch_size=64, epochs=5, validation_split=0.1)
