"""Activations written as separate layers: Dense(1) + Activation("sigmoid") under binary
cross-entropy, and a Dense + sigmoid reconstruction of [0, 1] pixels under mean squared error."""

from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import StandardScaler
from tensorflow import keras
from tensorflow.keras import layers

x, y = load_breast_cancer(return_X_y=True)
x = StandardScaler().fit_transform(x)
classifier = keras.Sequential(
    [
        keras.Input(shape=(30,)),
        layers.Dense(16),
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.Dense(1),
        layers.Activation("sigmoid"),
    ]
)
classifier.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
classifier.fit(x, y, epochs=50, validation_split=0.2, verbose=0)

(images, _), _ = keras.datasets.mnist.load_data()
images = images.reshape(-1, 784).astype("float32") / 255.0
autoencoder = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        layers.Dense(64),
        layers.Activation("relu"),
        layers.Dense(784),
        layers.Activation("sigmoid"),
    ]
)
autoencoder.compile(optimizer="adam", loss="mse")
autoencoder.fit(images, images, epochs=10, batch_size=256)
