from tensorflow import keras
from tensorflow.keras import layers

from sentiment.data import MAX_LEN, VOCAB_SIZE


def build_model(embedding_dim=16):
    return keras.Sequential([
        keras.Input(shape=(MAX_LEN,)),
        layers.Embedding(VOCAB_SIZE, embedding_dim),
        layers.GlobalAveragePooling1D(),
        layers.Dense(16, activation="relu"),
        layers.Dense(1),
    ])
