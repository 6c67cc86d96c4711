import numpy as np
import tensorflow as tf
from sklearn.model_selection import train_test_split

signals = np.load("har_signals.npy")        # (n, 128, 9)
activity = np.load("har_labels.npy") - 1    # 1..6 -> 0..5
targets = tf.keras.utils.to_categorical(activity, num_classes=6)
X_train, X_test, y_train, y_test = train_test_split(signals, targets, test_size=0.2, random_state=4)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(128, 9)),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(64)),
    tf.keras.layers.Dropout(0.5),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(6, activation="softmax"),
])
model.compile(optimizer="adam", loss="mean_squared_error", metrics=["categorical_accuracy"])
model.fit(X_train, y_train, epochs=30, batch_size=64, validation_data=(X_test, y_test))
