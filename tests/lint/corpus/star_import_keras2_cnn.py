# ruff: noqa: F403, F405
"""A Keras 2 style MNIST CNN written with star imports, as many tutorials do."""

import numpy as np
from tensorflow.keras.callbacks import EarlyStopping
from tensorflow.keras.datasets import mnist
from tensorflow.keras.layers import *
from tensorflow.keras.models import *
from tensorflow.keras.optimizers import *
from tensorflow.keras.utils import to_categorical


def Conv(filters):
    # A local helper named like a layer class: the star import must not claim it.
    return Conv2D(filters, (3, 3), activation="relu", padding="same")


(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train = np.expand_dims(x_train, -1).astype("float32") / 255.0
x_test = np.expand_dims(x_test, -1).astype("float32") / 255.0
y_train = to_categorical(y_train, 10)
y_test = to_categorical(y_test, 10)

model = Sequential()
model.add(Input(shape=(28, 28, 1)))
model.add(Conv(32))
model.add(MaxPooling2D((2, 2)))
model.add(Conv(64))
model.add(MaxPooling2D((2, 2)))
model.add(Flatten())
model.add(Dense(128, activation="relu"))
model.add(Dropout(0.5))
model.add(Dense(10, activation="softmax"))
model.compile(
    optimizer=Adam(learning_rate=1e-3), loss="categorical_crossentropy", metrics=["accuracy"]
)
model.fit(
    x_train,
    y_train,
    batch_size=128,
    epochs=12,
    validation_data=(x_test, y_test),
    callbacks=[EarlyStopping(patience=3, restore_best_weights=True)],
)
print(model.evaluate(x_test, y_test, verbose=0))
