import keras
from keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar100.load_data()

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(128, 3, padding="same", activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(100, activation="softmax"),
])
model.compile(optimizer="adam", loss="SparseCategoricalCrossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=30, batch_size=128, validation_data=(x_test, y_test))
