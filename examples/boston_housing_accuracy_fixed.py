"""The repaired boston_housing_accuracy.py: the mean absolute error, in thousands of dollars.

The test MAE is about 2.5, i.e. predictions are off by about $2,500 on average.
"""

from tensorflow import keras
from tensorflow.keras import layers

(train_data, train_targets), (test_data, test_targets) = keras.datasets.boston_housing.load_data()

# Standardise each feature with the statistics of the training data.
mean = train_data.mean(axis=0)
train_data -= mean
std = train_data.std(axis=0)
train_data /= std
test_data -= mean
test_data /= std


def build_model():
    model = keras.Sequential(
        [
            layers.Dense(64, activation="relu"),
            layers.Dense(64, activation="relu"),
            layers.Dense(1),
        ]
    )
    model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
    return model


model = build_model()
model.fit(train_data, train_targets, epochs=130, batch_size=16, verbose=0)
test_mse, test_mae = model.evaluate(test_data, test_targets)
print(f"test mean absolute error: {test_mae:.2f}")
