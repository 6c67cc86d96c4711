"""'accuracy' where it is meaningful: soft teacher targets, smoothed one-hot labels, one sigmoid."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0


def classifier(units, activation):
    return keras.Sequential(
        [
            keras.Input((28, 28)),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dense(units, activation=activation),
        ]
    )


# Soft targets from a trained teacher, matched with KL divergence.
teacher = keras.models.load_model("teacher.keras")
soft_targets = teacher.predict(x_train)
student = classifier(10, "softmax")
student.compile(optimizer="adam", loss="kl_divergence", metrics=["accuracy"])
student.fit(x_train, soft_targets, epochs=3)

# Label smoothing on one-hot labels.
one_hot = keras.utils.to_categorical(y_train, 10)
smoothed = classifier(10, "softmax")
smoothed.compile(
    optimizer="adam",
    loss=keras.losses.CategoricalCrossentropy(label_smoothing=0.1),
    metrics=["accuracy"],
)
smoothed.fit(x_train, one_hot, epochs=3)

# One detector: "is it a zero?"
is_zero = (y_train == 0).astype("float32")
detector = classifier(1, "sigmoid")
detector.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
detector.fit(x_train, is_zero, epochs=3, class_weight={0: 1.0, 1: 9.0})
print(np.mean(detector.predict(x_test).ravel() > 0.5))
