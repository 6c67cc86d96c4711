"""Boston house prices from a bounded head: a sigmoid stretched to [0, 60] by a Rescaling layer."""

import keras
from keras import layers

PRICE_CAP = 60.0  # thousands of dollars; the data set tops out at 50

(x_train, y_train), (x_test, y_test) = keras.datasets.boston_housing.load_data()
mean, std = x_train.mean(axis=0), x_train.std(axis=0)
x_train, x_test = (x_train - mean) / std, (x_test - mean) / std

inputs = keras.Input(shape=(13,))
x = layers.Dense(64, activation="relu")(inputs)
x = layers.Dense(64, activation="relu")(x)
x = layers.Dense(1, activation="sigmoid")(x)
price = layers.Rescaling(scale=PRICE_CAP, name="price")(x)
model = keras.Model(inputs, price)
model.compile(optimizer=keras.optimizers.RMSprop(1e-3), loss="mse", metrics=["mae"])
model.fit(x_train, y_train, epochs=150, batch_size=16, validation_split=0.2, verbose=0)
print(model.evaluate(x_test, y_test, return_dict=True))
