"""Dense -> BatchNormalization -> Activation blocks (no bias before BN) on Higgs-like data."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers, regularizers

rng = np.random.default_rng(2024)
n_samples, n_features = 50_000, 28
x = rng.normal(size=(n_samples, n_features)).astype("float32")
signal = np.sin(x[:, 0] * x[:, 1]) + x[:, 2] ** 2 - x[:, 3] * x[:, 4]
y = (signal + rng.normal(scale=0.5, size=n_samples) > 1.0).astype("float32")

x_train, x_val = x[:40_000], x[40_000:]
y_train, y_val = y[:40_000], y[40_000:]

model = keras.Sequential([keras.Input(shape=(n_features,))])
for units in (512, 256, 128):
    model.add(layers.Dense(units, use_bias=False, kernel_regularizer=regularizers.l2(1e-5)))
    model.add(layers.BatchNormalization())
    model.add(layers.Activation("elu"))
    model.add(layers.Dropout(0.2))
model.add(layers.Dense(1, activation="sigmoid"))

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    loss=keras.losses.BinaryCrossentropy(),
    metrics=[keras.metrics.BinaryAccuracy(), keras.metrics.AUC(name="auc")],
)
model.fit(
    x_train,
    y_train,
    validation_data=(x_val, y_val),
    batch_size=500,
    epochs=30,
    callbacks=[keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=5)],
)
