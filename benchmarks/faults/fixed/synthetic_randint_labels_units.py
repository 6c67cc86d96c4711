import numpy as np
import tensorflow as tf

n_samples, n_features, n_classes = 2000, 20, 5

X = np.random.rand(n_samples, n_features).astype("float32")
y = np.random.randint(0, n_classes, n_samples)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(n_features,)),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(32, activation="relu"),
    tf.keras.layers.Dense(n_classes, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=10, batch_size=32)
print(model.evaluate(X, y, verbose=0))
