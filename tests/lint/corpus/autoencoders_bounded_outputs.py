"""Three autoencoders under binary cross-entropy, each with an output bounded to [0, 1]."""

from tensorflow import keras
from tensorflow.keras import layers

(x_train, _), (x_test, _) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0

# tanh rescaled to [0, 1] by a Lambda layer.
tanh_model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        layers.Dense(128, activation="relu"),
        layers.Dense(784, activation="tanh"),
        layers.Lambda(lambda t: (t + 1.0) / 2.0),
    ]
)
# hard_sigmoid is piecewise linear but bounded to [0, 1] too.
hard_model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        layers.Dense(128, activation="relu"),
        layers.Dense(784, activation="hard_sigmoid"),
    ]
)
# The sigmoid as a layer of its own.
sigmoid_model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        layers.Dense(128, activation="relu"),
        layers.Dense(784),
        layers.Activation("sigmoid"),
    ]
)
for autoencoder in (tanh_model, hard_model, sigmoid_model):
    autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
    autoencoder.fit(x_train, x_train, epochs=5, batch_size=256, validation_data=(x_test, x_test))
