"""One training helper used for two tasks: a classifier and a regressor, each with its own loss."""

import keras
from keras import layers
from sklearn.datasets import fetch_california_housing, load_wine
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def train(model, x, y, loss, metrics, learning_rate=1e-3, epochs=50):
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss=loss, metrics=metrics)
    return model.fit(x, y, epochs=epochs, batch_size=32, validation_split=0.2, verbose=0)


def mlp(n_features, n_outputs, output_activation=None):
    return keras.Sequential(
        [
            keras.Input(shape=(n_features,)),
            layers.Dense(64, activation="relu"),
            layers.Dense(32, activation="relu"),
            layers.Dense(n_outputs, activation=output_activation),
        ]
    )


wine = load_wine()
x_wine = StandardScaler().fit_transform(wine.data)
classifier = mlp(13, 3, "softmax")
train(classifier, x_wine, wine.target, "sparse_categorical_crossentropy", ["accuracy"])

x_house, y_house = fetch_california_housing(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(x_house, y_house, random_state=0)
scaler = StandardScaler().fit(x_train)
regressor = mlp(8, 1)
train(regressor, scaler.transform(x_train), y_train, "mse", ["mae"], learning_rate=3e-4)
print(regressor.evaluate(scaler.transform(x_test), y_test, verbose=0))
