# Pre-train on digits 0-4, then fine-tune the same network on 5-9.
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

digits = load_digits()
X = digits.data.astype("float32") / 16.0
y = digits.target

first = y < 5
x_pre, y_pre = X[first], y[first]
x_ft, y_ft = X[~first], y[~first] - 5


def fit_stage(model, x, labels, learning_rate, epochs):
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model.fit(x, labels, epochs=epochs, batch_size=32, validation_split=0.2, verbose=0)


model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(64,)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(5, activation="softmax"),
])

h1 = fit_stage(model, x_pre, y_pre, 1e-3, 30)
print("pre-training accuracy", h1.history["val_accuracy"][-1])

for layer in model.layers[:-1]:
    layer.trainable = False
h2 = fit_stage(model, x_ft, y_ft, 1e-4, 10)
print("fine-tuning accuracy", h2.history["val_accuracy"][-1])
np.save("finetune_curve.npy", np.array(h2.history["val_accuracy"]))
