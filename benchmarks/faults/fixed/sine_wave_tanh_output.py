import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

x = np.linspace(-2 * np.pi, 2 * np.pi, 2000).reshape(-1, 1)
y = 5.0 * np.sin(x)

model = tf.keras.Sequential([
    tf.keras.layers.Dense(64, activation="tanh", input_shape=(1,)),
    tf.keras.layers.Dense(64, activation="tanh"),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss="mse")
model.fit(x, y, epochs=300, batch_size=64, verbose=0)

plt.plot(x, y, label="target")
plt.plot(x, model.predict(x), label="fit")
plt.legend()
plt.show()
