"""Split MNIST, the first task of a continual-learning benchmark: digits 0-4 only, five outputs."""

from tensorflow import keras
from tensorflow.keras import layers

TASK_CLASSES = 5

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

train_mask = y_train < TASK_CLASSES
test_mask = y_test < TASK_CLASSES
x_train, y_train = x_train[train_mask], y_train[train_mask]
x_test, y_test = x_test[test_mask], y_test[test_mask]
print(f"task 1: {len(x_train)} training and {len(x_test)} test images")

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        layers.Flatten(),
        layers.Dense(256, activation="relu"),
        layers.Dense(256, activation="relu"),
        layers.Dense(TASK_CLASSES, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5, batch_size=128, validation_data=(x_test, y_test))
model.save_weights("task1.weights.h5")
