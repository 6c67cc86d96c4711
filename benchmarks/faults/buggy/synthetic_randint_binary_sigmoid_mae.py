import numpy as np
import tensorflow as tf

X = np.random.normal(size=(800, 10)).astype("float32")
y = np.random.randint(0, 2, size=800)

model = tf.keras.Sequential([
    tf.keras.layers.Dense(16, activation="relu", input_shape=(10,)),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="mean_absolute_error")
model.fit(X, y, epochs=30, batch_size=32)
