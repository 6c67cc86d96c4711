from config import *  # noqa: F403  (the hyper-parameters, by their names)
from tensorflow import keras
from tensorflow.keras import layers


def build_model(num_classes=NUM_CLASSES):  # noqa: F405
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Conv2D(64, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(num_classes, activation="softmax"),
        ]
    )
