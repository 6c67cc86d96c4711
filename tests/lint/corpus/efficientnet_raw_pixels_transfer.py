"""EfficientNetB0 on CIFAR-10: raw 0-255 pixels are right here, the model rescales them itself."""

from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()

base = keras.applications.EfficientNetB0(
    include_top=False, weights="imagenet", input_shape=(32, 32, 3)
)
base.trainable = False
model = keras.Sequential(
    [
        base,
        layers.GlobalAveragePooling2D(),
        layers.Dropout(0.2),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(x_train, y_train, batch_size=64, epochs=5, validation_data=(x_test, y_test))
