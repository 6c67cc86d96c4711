"""Star-imported Keras layers next to a project-defined Attention layer that shadows Keras' own."""
# ruff: noqa: F405

import keras
from keras import ops
from keras.layers import *  # noqa: F403


class Attention(Layer):
    """Additive attention pooling over time: one score per step, softmax over the steps."""

    def __init__(self, units=64, **kwargs):
        super().__init__(**kwargs)
        self.hidden = Dense(units, activation="tanh")
        self.score = Dense(1)

    def call(self, inputs):
        weights = ops.softmax(self.score(self.hidden(inputs)), axis=1)
        return ops.sum(weights * inputs, axis=1)


(x_train, y_train), (x_test, y_test) = keras.datasets.reuters.load_data(num_words=10000)
x_train = keras.utils.pad_sequences(x_train, maxlen=200)
x_test = keras.utils.pad_sequences(x_test, maxlen=200)

inputs = Input(shape=(200,))
x = Embedding(10000, 128)(inputs)
x = Bidirectional(GRU(64, return_sequences=True))(x)
x = Attention(64)(x)
outputs = Dense(46, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=64, epochs=10, validation_data=(x_test, y_test))
