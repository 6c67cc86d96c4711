import pandas as pd
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784) / 255.0
x_test = x_test.reshape(-1, 784) / 255.0
y_train = keras.utils.to_categorical(y_train, 10)
y_test = keras.utils.to_categorical(y_test, 10)

results = []
for depth in [1, 2, 3, 4]:
    model = keras.Sequential()
    model.add(keras.Input(shape=(784,)))
    for _ in range(depth):
        model.add(keras.layers.Dense(128, activation="relu"))
    model.add(keras.layers.Dense(10, activation="sigmoid"))
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    hist = model.fit(x_train, y_train, epochs=5, batch_size=128, verbose=0,
                     validation_data=(x_test, y_test))
    results.append({"depth": depth, "val_acc": hist.history["val_accuracy"][-1]})

print(pd.DataFrame(results))
