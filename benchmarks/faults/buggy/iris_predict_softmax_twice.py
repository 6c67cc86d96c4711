import numpy as np
import tensorflow as tf
from sklearn.datasets import load_iris

iris = load_iris()
X = (iris.data - iris.data.mean(axis=0)) / iris.data.std(axis=0)
y = iris.target

model = tf.keras.Sequential([
    tf.keras.layers.Dense(16, activation="relu", input_shape=(4,)),
    tf.keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=100, verbose=0)

probs = tf.nn.softmax(model.predict(X)).numpy()
confident = probs.max(axis=1) > 0.9
print("confident predictions:", confident.sum(), "of", len(X))
print(np.argmax(probs, axis=1)[:10])
