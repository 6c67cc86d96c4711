"""Reuters newswire topics: integer word ids into an Embedding, 46 topics, integer labels."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.datasets import reuters
from tensorflow.keras.preprocessing.sequence import pad_sequences

max_words = 10000
maxlen = 200
num_classes = np.max(reuters.load_data(num_words=max_words)[0][1]) + 1

(x_train, y_train), (x_test, y_test) = reuters.load_data(num_words=max_words, test_split=0.2)
x_train = pad_sequences(x_train, maxlen=maxlen)
x_test = pad_sequences(x_test, maxlen=maxlen)

model = keras.Sequential()
model.add(layers.Embedding(max_words, 128))
model.add(layers.LSTM(128, dropout=0.2, recurrent_dropout=0.2))
model.add(layers.Dense(46, activation="softmax"))
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])

model.fit(x_train, y_train, batch_size=32, epochs=10, validation_split=0.1)
loss, accuracy = model.evaluate(x_test, y_test, batch_size=32)
print(f"{num_classes} topics, test accuracy {accuracy:.3f}")
