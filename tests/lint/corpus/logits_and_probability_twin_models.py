"""One graph, two models: the logits model trains with from_logits=True, its twin serves softmax."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

inputs = keras.Input(shape=(28, 28))
x = layers.Flatten()(inputs)
x = layers.Dense(256, activation="relu")(x)
logits = layers.Dense(10, name="logits")(x)
probabilities = layers.Softmax(name="probabilities")(logits)
training_model = keras.Model(inputs, logits)
serving_model = keras.Model(inputs, probabilities)

training_model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)
training_model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))

probs = serving_model.predict(x_test)
print(np.argmax(probs, axis=1)[:10], y_test[:10])
print(tf.nn.softmax(training_model.predict(x_test[:2])))
serving_model.save("fashion_serving.keras")
