import keras
from keras import layers


def build_regressor(n_features, units=(64, 64), out_activation="sigmoid"):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for u in units:
        model.add(layers.Dense(u, activation="relu"))
    model.add(layers.Dense(1, activation=out_activation))
    model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
    return model


(x_train, y_train), (x_test, y_test) = keras.datasets.boston_housing.load_data()
mu, sigma = x_train.mean(axis=0), x_train.std(axis=0)
x_train, x_test = (x_train - mu) / sigma, (x_test - mu) / sigma

model = build_regressor(13)
model.fit(x_train, y_train, epochs=120, batch_size=16, verbose=0)
print("test MAE (k$):", model.evaluate(x_test, y_test, verbose=0)[1])
