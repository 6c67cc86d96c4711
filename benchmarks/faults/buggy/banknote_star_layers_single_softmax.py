import numpy as np
from keras.layers import *
from keras.models import Model

data = np.loadtxt("data_banknote_authentication.txt", delimiter=",")
X, y = data[:, :4], data[:, 4]
X = (X - X.mean(axis=0)) / X.std(axis=0)

inp = Input(shape=(4,))
h = Dense(16, activation="relu")(inp)
h = Dense(8, activation="relu")(h)
out = Dense(1, activation="softmax")(h)
model = Model(inp, out)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=50, batch_size=32, validation_split=0.2)
