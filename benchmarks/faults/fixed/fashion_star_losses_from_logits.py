import tensorflow as tf
from tensorflow.keras.losses import *

(train_x, train_y), (test_x, test_y) = tf.keras.datasets.fashion_mnist.load_data()
train_x, test_x = train_x / 255.0, test_x / 255.0

model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss=SparseCategoricalCrossentropy(), metrics=["accuracy"])
model.fit(train_x, train_y, epochs=10)
model.evaluate(test_x, test_y, verbose=2)
