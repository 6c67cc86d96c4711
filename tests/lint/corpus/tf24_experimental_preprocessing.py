"""TensorFlow 2.4 to 2.15 code: `layers.experimental.preprocessing.Rescaling` and augmentation."""

import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.layers.experimental import preprocessing

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()

model = tf.keras.Sequential(
    [
        layers.experimental.preprocessing.Rescaling(1.0 / 255, input_shape=(32, 32, 3)),
        preprocessing.RandomFlip("horizontal"),
        preprocessing.RandomRotation(0.1),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dense(64, activation="relu"),
        layers.Dense(10),
    ]
)
model.compile(
    optimizer="adam",
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
model.fit(x_train, y_train, epochs=10, validation_data=(x_test, y_test))
