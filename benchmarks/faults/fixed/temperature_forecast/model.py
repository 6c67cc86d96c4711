import keras
from keras import layers

from data import WINDOW


def build(units=32):
    inputs = keras.Input(shape=(WINDOW, 1))
    x = layers.LSTM(units)(inputs)
    x = layers.Dense(16, activation="relu")(x)
    outputs = layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
