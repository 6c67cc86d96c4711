"""Imbalanced fraud detection with a hand-written focal loss on a sigmoid output."""

import keras
import numpy as np
from keras import layers, ops


def binary_focal_loss(gamma=2.0, alpha=0.25):
    def loss(y_true, y_pred):
        y_pred = ops.clip(y_pred, 1e-7, 1.0 - 1e-7)
        p_t = y_true * y_pred + (1.0 - y_true) * (1.0 - y_pred)
        alpha_t = y_true * alpha + (1.0 - y_true) * (1.0 - alpha)
        return ops.mean(-alpha_t * (1.0 - p_t) ** gamma * ops.log(p_t), axis=-1)

    return loss


data = np.load("transactions.npz")
x, y = data["features"].astype("float32"), data["is_fraud"].astype("float32")
x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-6)

inputs = keras.Input(shape=(x.shape[1],))
h = layers.Dense(64, activation="relu")(inputs)
h = layers.Dropout(0.2)(h)
outputs = layers.Dense(1, activation="sigmoid")(h)
model = keras.Model(inputs, outputs)
model.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss=binary_focal_loss(gamma=2.0),
    metrics=[keras.metrics.AUC(curve="PR", name="pr_auc"), keras.metrics.Recall()],
)
model.fit(x, y[:, None], epochs=20, batch_size=1024, validation_split=0.2)
