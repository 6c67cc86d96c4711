import keras

from data import load
from model import build

(x_train, y_train), (x_val, y_val), (mean, std) = load()
model = build()
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])
model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=20, batch_size=256)
print("validation MAE in degC:", model.evaluate(x_val, y_val)[1] * std)
