import numpy as np
from keras import Sequential
from keras.datasets import mnist
from keras.layers import Dense, Flatten, Input


def report(model, x, y):
    loss, acc = model.evaluate(x, y, verbose=0)
    print(f"loss {loss:.3f}  accuracy {acc:.3%}")
    return acc


(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train = x_train.astype(np.float32) / 255.0
x_test = x_test.astype(np.float32) / 255.0

model = Sequential([Input((28, 28)), Flatten(), Dense(256, activation="relu"), Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=8, batch_size=64, validation_split=0.1)
report(model, x_test, y_test)
