from tensorflow import keras
from tensorflow.keras import layers

from .settings import EMBEDDING_DIM, MAX_LEN, VOCAB_SIZE


def build_classifier(units=32):
    inputs = keras.Input(shape=(MAX_LEN,), dtype="int32")
    x = layers.Embedding(VOCAB_SIZE, EMBEDDING_DIM)(inputs)
    x = layers.Bidirectional(layers.LSTM(units))(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs)
