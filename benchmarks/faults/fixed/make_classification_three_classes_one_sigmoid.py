import numpy as np
import tensorflow as tf
from sklearn.datasets import make_classification

X, y = make_classification(n_samples=1500, n_features=8, n_informative=5, n_redundant=1,
                           n_classes=3, random_state=9)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(8,)),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=50, validation_split=0.2)
print(np.unique(np.argmax(model.predict(X[:20]), axis=1)))
