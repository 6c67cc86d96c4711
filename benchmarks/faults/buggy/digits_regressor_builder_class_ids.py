from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras


def build_net(n_in):
    net = keras.Sequential()
    net.add(keras.layers.Dense(64, activation="relu", input_shape=(n_in,)))
    net.add(keras.layers.Dense(32, activation="relu"))
    net.add(keras.layers.Dense(1))
    return net


digits = load_digits()
X = digits.data / 16.0
X_train, X_test, y_train, y_test = train_test_split(X, digits.target, random_state=0)

net = build_net(64)
net.compile(optimizer="adam", loss="mse")
net.fit(X_train, y_train, epochs=100, batch_size=32, verbose=0)
print(net.evaluate(X_test, y_test))
