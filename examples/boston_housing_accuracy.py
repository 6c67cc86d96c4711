"""House-price regression reporting "accuracy": the number means nothing.

Accuracy counts predictions that equal the target.  For prices in thousands of dollars that is
almost never true (or, in Keras versions that pick binary accuracy for a single output, it compares
both sides against 0.5), so the metric reads near 0 while the model may be fine, and users chase a
problem that does not exist.  Regression is measured with the mean absolute error.  The repair is
boston_housing_accuracy_fixed.py.
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
    model.compile(
        optimizer="rmsprop",
        loss="mse",
        metrics=["accuracy"],  # lrcheck: LRC108 expected
    )
    return model


model = build_model()
model.fit(train_data, train_targets, epochs=130, batch_size=16, verbose=0)
test_mse, test_accuracy = model.evaluate(test_data, test_targets)
print(f"test accuracy: {test_accuracy:.3f}")
