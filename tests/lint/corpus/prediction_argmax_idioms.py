"""Evaluating a logits model on MNIST: the usual ways of taking an argmax per sample."""

import numpy as np
import tensorflow as tf
from sklearn.metrics import classification_report
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = keras.Sequential(
    [
        keras.Input((28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ]
)
model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
model.fit(x_train, y_train, epochs=5, validation_split=0.1)

logits = model.predict(x_test)
by_numpy = np.argmax(logits, 1)
by_method = logits.argmax(1)
by_tensorflow = tf.argmax(logits, 1)
by_keras_ops = keras.ops.argmax(logits, axis=-1)
first_batch = tf.math.argmax(model(x_test[:32]), -1)
assert (by_numpy == by_method).all()
print(classification_report(y_test, np.argmax(logits, -1), digits=3))
print(by_tensorflow[:10].numpy(), by_keras_ops[:10], first_batch.numpy())
