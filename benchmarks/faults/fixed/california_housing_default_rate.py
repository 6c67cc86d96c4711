"""Predict median house value on the California housing data with a small MLP."""
import keras
import numpy as np
from keras import layers
from sklearn.datasets import fetch_california_housing
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def build_model(input_dim, hidden=(64, 64), lr=1e-3):
    model = keras.Sequential()
    model.add(keras.Input(shape=(input_dim,)))
    for units in hidden:
        model.add(layers.Dense(units, activation="relu"))
    model.add(layers.Dense(1))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=lr),
        loss="mse",
        metrics=[keras.metrics.RootMeanSquaredError()],
    )
    return model


housing = fetch_california_housing()
X_train, X_test, y_train, y_test = train_test_split(
    housing.data, housing.target, test_size=0.2, random_state=42
)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.transform(X_test)

model = build_model(X_train.shape[1])
history = model.fit(X_train, y_train, epochs=100, batch_size=64, validation_split=0.1, verbose=2)
rmse = model.evaluate(X_test, y_test, verbose=0)[1]
print(f"test RMSE: {rmse:.3f}")
np.save("history_loss.npy", np.array(history.history["loss"]))
