import itertools

from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from tensorflow import keras

wine = load_wine()
X = StandardScaler().fit_transform(wine.data)
Y = OneHotEncoder(sparse_output=False).fit_transform(wine.target.reshape(-1, 1))
X_tr, X_te, Y_tr, Y_te = train_test_split(X, Y, test_size=0.3, random_state=0)

best = (None, 0.0)
for optimizer, width in itertools.product(["adam", "rmsprop", "sgd"], [16, 64]):
    model = keras.Sequential([
        keras.layers.Dense(width, activation="relu", input_shape=(13,)),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(optimizer=optimizer, loss="mse", metrics=["categorical_accuracy"])
    model.fit(X_tr, Y_tr, epochs=80, verbose=0)
    _, acc = model.evaluate(X_te, Y_te, verbose=0)
    if acc > best[1]:
        best = ((optimizer, width), acc)
print(best)
