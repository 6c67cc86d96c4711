import keras
from keras import layers


def mlp(input_dim=64, n_classes=10, width=128):
    return keras.Sequential([
        keras.Input(shape=(input_dim,)),
        layers.Dense(width, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(width, activation="relu"),
        layers.Dense(n_classes, activation="softmax"),
    ])
