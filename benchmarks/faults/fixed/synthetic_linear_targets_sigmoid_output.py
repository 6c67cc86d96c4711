import numpy as np
import keras

np.random.seed(0)
X = np.random.rand(1000, 2)
y = 3 * X[:, 0] + 2 * X[:, 1] + 10 + np.random.normal(0, 0.5, size=1000)

model = keras.Sequential()
model.add(keras.Input(shape=(2,)))
model.add(keras.layers.Dense(8, activation="relu"))
model.add(keras.layers.Dense(1))
model.compile(optimizer="sgd", loss="mean_squared_error")
model.fit(X, y, epochs=100, verbose=0)
print(model.predict(np.array([[0.5, 0.5]])))
