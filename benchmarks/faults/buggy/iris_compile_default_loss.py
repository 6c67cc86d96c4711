import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.utils import to_categorical

iris = load_iris()
X = iris.data
y = to_categorical(iris.target, num_classes=3)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7)
mean, std = X_train.mean(axis=0), X_train.std(axis=0)
X_train = (X_train - mean) / std
X_test = (X_test - mean) / std


def make_network():
    net = keras.Sequential()
    net.add(layers.Dense(16, activation="relu", input_dim=4))
    net.add(layers.Dense(16, activation="relu"))
    net.add(layers.Dense(3, activation="softmax"))
    return net


def compile_network(net, optimizer="adam", loss="mean_squared_error"):
    net.compile(optimizer=optimizer, loss=loss, metrics=["categorical_accuracy"])
    return net


net = compile_network(make_network())
net.fit(X_train, y_train, epochs=200, batch_size=8, verbose=0)
print(net.evaluate(X_test, y_test))
print(np.round(net.predict(X_test[:5]), 2))
