"""Offline distillation: a saved teacher's softmax outputs become the student's soft targets."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

teacher = keras.models.load_model("teacher.keras")
soft_targets = teacher.predict(x_train, batch_size=512)

student = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        layers.Flatten(),
        layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ]
)
student.compile(optimizer="adam", loss="kl_divergence")
student.fit(x_train, soft_targets, epochs=5, batch_size=128)

predicted = np.argmax(student.predict(x_test), axis=1)
print("student test accuracy:", np.mean(predicted == y_test))
