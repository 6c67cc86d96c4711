"""CIFAR-10: one-hot labels given to a sparse categorical loss.

`sparse_categorical_crossentropy` expects one integer class id per sample; `to_categorical` turned
the labels into one-hot rows of 10.  `fit` stops with a shape error from deep inside the loss
(Keras 3: "Argument `output` must have rank (ndim) `target.ndim - 1`").  Either encoding works, as
long as the loss matches it: the repair (cifar10_onehot_sparse_loss_fixed.py) keeps the one-hot
labels and uses categorical_crossentropy.
"""

from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0
y_train = keras.utils.to_categorical(y_train, 10)
y_test = keras.utils.to_categorical(y_test, 10)

model = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(32, (3, 3), activation="relu", padding="same"),
        layers.Conv2D(32, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)),
        layers.Dropout(0.25),
        layers.Conv2D(64, (3, 3), activation="relu", padding="same"),
        layers.Conv2D(64, (3, 3), activation="relu"),
        layers.MaxPooling2D((2, 2)),
        layers.Dropout(0.25),
        layers.Flatten(),
        layers.Dense(512, activation="relu"),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.RMSprop(learning_rate=1e-4),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    x_train,
    y_train,  # lrcheck: LRC106 expected
    batch_size=32,
    epochs=50,
    validation_data=(x_test, y_test),
    shuffle=True,
)
