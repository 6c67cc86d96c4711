"""A CIFAR-10 script pointed at CIFAR-100 without changing the output layer.

CIFAR-100 has 100 classes; the head still has 10 units.  Labels 10 to 99 have no output: on CPU
the sparse loss fails with "Received a label value of 99 which is outside the valid range", on a
GPU it may silently produce NaN or garbage.  The repair is cifar100_ten_units_fixed.py.
"""

from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar100.load_data()

model = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        layers.Rescaling(1.0 / 255),
        layers.Conv2D(64, 3, padding="same", activation="relu"),
        layers.BatchNormalization(),
        layers.MaxPooling2D(),
        layers.Conv2D(128, 3, padding="same", activation="relu"),
        layers.BatchNormalization(),
        layers.MaxPooling2D(),
        layers.Conv2D(256, 3, padding="same", activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dropout(0.4),
        layers.Dense(10, activation="softmax"),  # lrcheck: LRC107 expected
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=64, epochs=30, validation_data=(x_test, y_test))
