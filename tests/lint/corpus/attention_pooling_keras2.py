"""Keras 2 style attention pooling over LSTM states: Dense(1) scores, softmax over time."""

import tensorflow as tf
from keras.datasets import imdb
from keras.layers import (
    LSTM,
    Activation,
    Dense,
    Embedding,
    Flatten,
    Input,
    Lambda,
    Permute,
    RepeatVector,
    multiply,
)
from keras.models import Model
from keras.preprocessing.sequence import pad_sequences

max_features = 20000
maxlen = 100
units = 64

(x_train, y_train), (x_test, y_test) = imdb.load_data(num_words=max_features)
x_train = pad_sequences(x_train, maxlen=maxlen)
x_test = pad_sequences(x_test, maxlen=maxlen)

inputs = Input(shape=(maxlen,))
embedded = Embedding(max_features, 128)(inputs)
states = LSTM(units, return_sequences=True)(embedded)

# One score per time step, normalised over the time steps (not over a single unit).
attention = Dense(1, activation="tanh")(states)
attention = Flatten()(attention)
attention = Activation("softmax")(attention)
attention = RepeatVector(units)(attention)
attention = Permute([2, 1])(attention)

weighted = multiply([states, attention])
pooled = Lambda(lambda x: tf.reduce_sum(x, axis=1), output_shape=(units,))(weighted)
outputs = Dense(1, activation="sigmoid")(pooled)

model = Model(inputs=inputs, outputs=outputs)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=32, epochs=4, validation_data=(x_test, y_test))
