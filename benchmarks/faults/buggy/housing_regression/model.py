from tensorflow import keras

from config import *


def build_model(n_features):
    model = keras.Sequential()
    model.add(keras.Input(shape=(n_features,)))
    for units in HIDDEN_UNITS:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(1))
    optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE, momentum=MOMENTUM)
    return model, optimizer
